import type { DemoLogic } from '../common/demo-logic';
import { toRows } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { exampleDraws, sweepDraws } from './conv-gradient-data';
import { convGradientModel } from './conv-gradient-model';
import { convGradientSchema, type ConvGradientParams } from './conv-gradient-schema';
import { exampleSize, gradientSide, theoryStd } from './conv-gradient-theory';

export interface SweepPoint {
  n: number;
  /** Side of dY: n − k + 1, the number of positions summed along each axis. */
  m: number;
  /** Sample mean and standard deviation of all trials × k² entries of dw. */
  mean: number;
  std: number;
  /** (n − k + 1)·σx·σg. */
  theory: number;
}

export interface ConvGradientResult {
  sweep: SweepPoint[];
  /** One small image: dw = x ⋆ dy, and the SGD step w − lr·dw. */
  example: { x: Matrix; dy: Matrix; w: Matrix; dw: Matrix; wNext: Matrix };
}

const flat = (m: Matrix) => Float32Array.from(m.flat());

export const convGradientLogic: DemoLogic<ConvGradientParams, ConvGradientResult> = {
  schema: convGradientSchema,
  plan(s: FullState<ConvGradientParams>) {
    const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
    s.n.forEach((n, i) => {
      const m = gradientSide(n, s.k);
      const { x, dy } = sweepDraws(s, n);
      feeds[`x${i}`] = { data: x, dims: [1, s.trials, n, n] };
      feeds[`dy${i}`] = { data: dy, dims: [s.trials, 1, m, m] };
    });
    const ex = exampleDraws(s.seed, s.k);
    const e = exampleSize(s.k);
    const em = gradientSide(e, s.k);
    feeds['ex_x'] = { data: flat(ex.x), dims: [1, 1, e, e] };
    feeds['ex_dy'] = { data: flat(ex.dy), dims: [1, 1, em, em] };
    feeds['ex_w'] = { data: flat(ex.w), dims: [1, 1, s.k, s.k] };
    feeds['lr'] = { data: Float32Array.of(s.lr), dims: [1] };
    return [{ spec: convGradientModel(s.n, s.k, s.trials, e), feeds }];
  },
  finish(s, [out]) {
    const sweep = s.n.map((n, i) => {
      const dw = out![`dw${i}`]!;
      if (dw.data.length !== s.trials * s.k * s.k) throw new Error(`conv-gradient: dw for n = ${n} has ${dw.data.length} entries, expected ${s.trials * s.k * s.k}`);
      return { n, m: gradientSide(n, s.k), ...meanAndStd(dw.data), theory: theoryStd(n, s.k, s.sx, s.sg) };
    });
    const ex = exampleDraws(s.seed, s.k);
    return {
      sweep,
      example: { ...ex, dw: toRows(out!['ex_dw']!.data, s.k, s.k), wNext: toRows(out!['ex_w_next']!.data, s.k, s.k) },
    };
  },
};

/** Sample mean and (n − 1)-normalised standard deviation, accumulated in float64. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(sq / (values.length - 1)) };
}
