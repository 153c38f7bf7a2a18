import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { addMaxPool } from '../../onnx/pool';
import type { LayerPlan } from './architecture';

/** Graph input names of layer i's weights and biases (1-based, as the table counts layers). */
export const weightName = (i: number) => `w${i}`;
export const biasName = (i: number) => `b${i}`;
/** Every layer's output is a graph output, so the table reads the shape the run produced. */
export const outputName = (i: number) => `l${i}`;

/** A stable file stem per architecture; long lists are hashed to keep file names short. */
export function shapesModelKey(input: readonly number[], plan: readonly LayerPlan[]): string {
  const body = plan.map((p) => p.token.replace(/\//g, '.')).join('_');
  const key = `shapes-${input.join('x')}-${body}`;
  return key.length <= 100 ? key : `shapes-${input.join('x')}-${plan.length}l-${fnv1a(body)}`;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * 0/1 matrix that wraps `pad` rows around an axis of length n: row r of the result is row
 * (r − pad) mod n of the input. Multiplying by it is circular padding using only MatMul, which
 * every backend runs (Pad's "wrap" mode needs opset 19).
 */
export function wrapMatrix(n: number, pad: number): number[] {
  const m = n + 2 * pad;
  const a = Array<number>(m * n).fill(0);
  for (let r = 0; r < m; r++) a[r * n + ((((r - pad) % n) + n) % n)] = 1;
  return a;
}

function transpose(a: number[], rows: number, cols: number): number[] {
  const t = Array<number>(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c]!;
  return t;
}

/**
 * The network of a layer list, NCHW, with weights as inputs (so one model serves every seed).
 * Output dims are left symbolic: the shapes the page reports are those onnxruntime computes.
 */
export function shapesModel(input: readonly [number, number, number], plan: readonly LayerPlan[]): ModelSpec {
  return {
    key: shapesModelKey(input, plan),
    build() {
      const g = new GraphBuilder('shapes');
      const [h0, w0, c0] = input;
      let x = g.input('x', [1, c0, h0, w0]);
      plan.forEach((p, idx) => {
        const i = idx + 1;
        const out = outputName(i);
        const l = p.layer;
        if (l.kind === 'conv') {
          const [h, w] = p.input as [number, number, number];
          g.input(weightName(i), [l.filters, p.weightDims[2]!, l.k, l.k]);
          g.input(biasName(i), [l.filters]);
          let src = x;
          if (l.circular && l.pad > 0) {
            const rows = g.constant(`wrap_rows_${i}`, [h + 2 * l.pad, h], wrapMatrix(h, l.pad));
            const cols = g.constant(`wrap_cols_${i}`, [w, w + 2 * l.pad], transpose(wrapMatrix(w, l.pad), w + 2 * l.pad, w));
            const [tall] = g.node('MatMul', [rows, src]);
            [src] = g.node('MatMul', [tall!, cols]);
          }
          const pads = Array<number>(4).fill(l.circular ? 0 : l.pad);
          addConv(g, [src!, weightName(i), biasName(i)], { kernelShape: [l.k, l.k], strides: [l.stride, l.stride], pads }, out);
        } else if (l.kind === 'dw') {
          // group = C: each channel is correlated with its own K×K filter, so the weight is [C, 1, K, K].
          const c = p.input[2]!;
          g.input(weightName(i), [c, 1, l.k, l.k]);
          g.input(biasName(i), [c]);
          addConv(g, [x, weightName(i), biasName(i)], { kernelShape: [l.k, l.k], strides: [l.stride, l.stride], pads: Array<number>(4).fill(l.pad), group: c }, out);
        } else if (l.kind === 'pool') {
          addMaxPool(g, x, { kernelShape: [l.k, l.k], strides: [l.stride, l.stride] }, out);
        } else if (l.kind === 'relu') {
          g.node('Relu', [x], {}, [out]);
        } else if (l.kind === 'gap') {
          g.node('GlobalAveragePool', [x], {}, [out]);
        } else if (l.kind === 'flatten') {
          g.node('Flatten', [x], { axis: 1 }, [out]);
        } else {
          g.input(weightName(i), p.weightDims);
          g.input(biasName(i), [l.outputs]);
          const [flat] = p.input.length === 3 ? g.node('Flatten', [x], { axis: 1 }) : [x];
          // alpha and beta keep their default 1.0 (the builder would write 1.0 as an integer).
          g.node('Gemm', [flat!, weightName(i), biasName(i)], { transA: 0, transB: 0 }, [out]);
        }
        const rank = p.output.length === 3 ? 4 : 2;
        g.output(out, Array.from({ length: rank }, (_, d) => `${out}_d${d}`));
        x = out;
      });
      return g.toBytes();
    },
  };
}
