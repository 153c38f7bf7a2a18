import { formatLayer, type Layer } from './layer-grammar';

/** Height, width, channels (the homework writes 28 × 28 × 1), or a vector of N features. */
export type Shape = [number, number, number] | [number];

/** Caps on a network the page runs, so a reader's browser stays responsive. */
export const CAPS = { activations: 4_000_000, params: 2_000_000, macs: 300_000_000 } as const;
/**
 * Caps on a network the page only counts: past CAPS nothing runs and no weights are drawn; the
 * shapes and counts come from the built graph's declared dims (src/lib/onnx/graph-costs.ts).
 */
export const COUNT_CAPS = { activations: 1e9, params: 1e9, macs: 1e12 } as const;

/** One layer as the formulas of parts (a)–(c) predict it, before anything runs. */
export interface LayerPlan {
  layer: Layer;
  token: string;
  /** Shape of the layer's input and output. */
  input: Shape;
  output: Shape;
  /** Weight tensor dims in the homework's order (K, K, C, F for a conv; in, out for an FC), or none. */
  weightDims: number[];
  biases: number;
  /** Receptive field along one axis and the jump (distance in input pixels between neighbours); null once the whole input is seen. */
  rf: number | null;
  jump: number | null;
  macs: number;
}

/** ⌊(n + 2p − k)/s⌋ + 1: windows that fit inside the padded input. */
export function slidingSize(n: number, k: number, pad: number, stride: number): number {
  return Math.floor((n + 2 * pad - k) / stride) + 1;
}

export const size = (s: Shape): number => s.reduce((a, b) => a * b, 1);

/** `runs`: small enough to run in the browser; otherwise counted from the graph only, with `why`. */
export type PlanOutcome = { ok: true; plan: LayerPlan[]; runs: boolean; why: string | null } | { ok: false; message: string };

/** Follows shapes, counts and receptive fields through the layers, or says which layer fails. */
export function planArchitecture(input: Shape, layers: readonly Layer[]): PlanOutcome {
  const plan: LayerPlan[] = [];
  let shape: Shape = input;
  let rf: number | null = 1;
  let jump: number | null = 1;
  for (const [i, layer] of layers.entries()) {
    const token = formatLayer(layer);
    const where = `layer ${i + 1} "${token}"`;
    let out: Shape;
    let weightDims: number[] = [];
    let biases = 0;
    let macs = 0;
    if (layer.kind === 'conv' || layer.kind === 'dw' || layer.kind === 'pool') {
      const [h, w, c] = shape as [number, number, number];
      const pad = layer.kind === 'pool' ? 0 : layer.pad;
      if (layer.kind === 'conv' && layer.circular && (pad > h || pad > w)) {
        return { ok: false, message: `${where} wraps ${pad} rows and columns around a ${h} × ${w} input; circular padding needs P ≤ ${Math.min(h, w)}` };
      }
      const oh = slidingSize(h, layer.k, pad, layer.stride);
      const ow = slidingSize(w, layer.k, pad, layer.stride);
      if (oh < 1 || ow < 1) {
        return { ok: false, message: `${where} makes the ${oh < 1 ? 'height' : 'width'} ${Math.min(oh, ow)}: a ${layer.k} × ${layer.k} window does not fit a ${h} × ${w} input padded by ${pad}` };
      }
      out = [oh, ow, layer.kind === 'conv' ? layer.filters : c];
      if (layer.kind === 'conv') {
        weightDims = [layer.k, layer.k, c, layer.filters];
        biases = layer.filters;
        macs = oh * ow * layer.filters * layer.k * layer.k * c;
      } else if (layer.kind === 'dw') {
        // One K×K×1 filter per channel: the homework's K×K×C×F with C = 1 and F = the channels.
        weightDims = [layer.k, layer.k, 1, c];
        biases = c;
        macs = oh * ow * c * layer.k * layer.k;
      }
      if (rf !== null && jump !== null) {
        rf += (layer.k - 1) * jump;
        jump *= layer.stride;
      }
    } else if (layer.kind === 'gap') {
      out = [1, 1, shape[shape.length - 1]!];
      rf = jump = null;
    } else if (layer.kind === 'flatten') {
      out = [size(shape)];
      rf = jump = null;
    } else if (layer.kind === 'fc') {
      const n = size(shape);
      out = [layer.outputs];
      weightDims = [n, layer.outputs];
      biases = layer.outputs;
      macs = n * layer.outputs;
      rf = jump = null;
    } else {
      out = shape;
    }
    plan.push({ layer, token, input: shape, output: out, weightDims, biases, rf, jump, macs });
    shape = out;
  }
  const activations = size(input) + plan.reduce((a, p) => a + size(p.output), 0);
  const params = plan.reduce((a, p) => a + paramCount(p), 0);
  const macs = plan.reduce((a, p) => a + p.macs, 0);
  const n = (v: number) => v.toLocaleString('en');
  if (activations > COUNT_CAPS.activations) return { ok: false, message: `the network has ${n(activations)} activations in all, more than the ${n(COUNT_CAPS.activations)} this page counts` };
  if (params > COUNT_CAPS.params) return { ok: false, message: `the network has ${n(params)} parameters, more than the ${n(COUNT_CAPS.params)} this page counts` };
  if (macs > COUNT_CAPS.macs) return { ok: false, message: `the network needs ${n(macs)} multiply-adds, more than the ${n(COUNT_CAPS.macs)} this page counts` };
  const why =
    activations > CAPS.activations
      ? `${n(activations)} activations in all, more than the ${n(CAPS.activations)} this page runs`
      : params > CAPS.params
        ? `${n(params)} parameters, more than the ${n(CAPS.params)} this page draws`
        : macs > CAPS.macs
          ? `${n(macs)} multiply-adds, more than the ${n(CAPS.macs)} this page runs`
          : null;
  return { ok: true, plan, runs: why === null, why };
}

export function paramCount(p: Pick<LayerPlan, 'weightDims' | 'biases'>): number {
  return (p.weightDims.length ? p.weightDims.reduce((a, b) => a * b, 1) : 0) + p.biases;
}

/** The count as the homework writes it: "3×3×1×10 + 10", "490×3 + 3", or "0". */
export function paramFormula(p: Pick<LayerPlan, 'weightDims' | 'biases'>): string {
  if (!p.weightDims.length) return '0';
  return `${p.weightDims.join('×')} + ${p.biases}`;
}
