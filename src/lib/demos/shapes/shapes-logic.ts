import type { DemoLogic } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Feeds } from '../../onnx/model-spec';
import { seededRng } from '../../random/seeded-rng';
import { paramCount, paramFormula, planArchitecture, size, type LayerPlan, type Shape } from './architecture';
import { biasName, outputName, shapesModel, weightName } from './shapes-model';
import { shapesSchema, type ShapesParams } from './shapes-schema';

export interface ShapesRow {
  /** "input", or the layer's token: "conv3-10", "pool2", "fc-3". */
  layer: string;
  /** Weights plus biases. */
  params: number;
  /** The same count as the homework writes it: "3×3×1×10 + 10". */
  formula: string;
  /** H, W, C of an image, or [N] for a vector, as onnxruntime returned it. */
  shape: number[];
  /** Receptive field along one axis, in input pixels; "whole input" after gap, flatten or fc. */
  rf: number | 'whole input';
  /** Multiply-accumulates of the layer for one input: H'·W'·F·K²·C for a conv, inputs × outputs for an FC, else 0. */
  macs: number;
}

export interface ShapesResult {
  rows: ShapesRow[];
  /** Parameters of all layers; activations of all layers, the input included. */
  totals: { params: number; activations: number; macs: number };
}

export function planOf(s: ShapesParams): LayerPlan[] {
  const r = planArchitecture(s.input as Shape, s.layers);
  // The schema's check resets any state that fails here, so this only guards against misuse.
  if (!r.ok) throw new Error(`shapes: ${r.message}`);
  return r.plan;
}

/** NCHW dims [1, C, H, W] as the homework writes them (H, W, C); [1, N] as [N]. */
export function homeworkShape(dims: readonly number[]): number[] {
  return dims.length === 4 ? [dims[2]!, dims[3]!, dims[1]!] : dims.slice(1);
}

/** He-scaled normal weights: their values do not matter for shapes, only that the seed fixes them. */
function seededFeeds(s: FullState<ShapesParams>, plan: LayerPlan[]): Feeds {
  const rng = seededRng(s.seed);
  const [h, w, c] = s.input;
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
  const feeds: Feeds = { x: { data: fill(h * w * c, 1), dims: [1, c, h, w] } };
  plan.forEach((p, idx) => {
    if (!p.weightDims.length) return;
    const i = idx + 1;
    const fanIn = p.layer.kind === 'conv' ? p.layer.k * p.layer.k * p.weightDims[2]! : p.weightDims[0]!;
    const dims = p.layer.kind === 'conv' ? [p.layer.filters, p.weightDims[2]!, p.layer.k, p.layer.k] : p.weightDims;
    feeds[weightName(i)] = { data: fill(paramCount({ weightDims: p.weightDims, biases: 0 }), Math.sqrt(2 / fanIn)), dims };
    feeds[biasName(i)] = { data: fill(p.biases, 0.1), dims: [p.biases] };
  });
  return feeds;
}

export const shapesLogic: DemoLogic<ShapesParams, ShapesResult> = {
  schema: shapesSchema,
  plan(s) {
    const plan = planOf(s);
    return [{ spec: shapesModel(s.input, plan), feeds: seededFeeds(s, plan) }];
  },
  finish(s, [out]) {
    const plan = planOf(s);
    const rows: ShapesRow[] = [{ layer: 'input', params: 0, formula: '0', shape: [...s.input], rf: 1, macs: 0 }];
    plan.forEach((p, idx) => {
      const t = out![outputName(idx + 1)];
      if (!t) throw new Error(`shapes: the model returned no output for layer ${idx + 1} (${p.token})`);
      const shape = homeworkShape(t.dims);
      // The formulas and the run must agree; a disagreement is a bug worth showing, not hiding.
      if (shape.join() !== p.output.join() || t.data.length !== size(p.output)) {
        throw new Error(`shapes: layer ${idx + 1} (${p.token}) returned ${shape.join('×')}, the formula gives ${p.output.join('×')}`);
      }
      rows.push({ layer: p.token, params: paramCount(p), formula: paramFormula(p), shape, rf: p.rf ?? 'whole input', macs: p.macs });
    });
    const totals = {
      params: rows.reduce((a, r) => a + r.params, 0),
      activations: rows.reduce((a, r) => a + r.shape.reduce((p, d) => p * d, 1), 0),
      macs: rows.reduce((a, r) => a + r.macs, 0),
    };
    return { rows, totals };
  },
};
