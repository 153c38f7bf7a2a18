import type { DemoLogic } from '../common/demo-logic';
import { cleanZero, toRows } from '../common/demo-logic';
import type { Matrix } from '../common/matrix-text';
import type { Outputs } from '../../onnx/model-spec';
import { batchnormGradInputs } from './batchnorm-grad-inputs';
import { batchnormGradModel } from './batchnorm-grad-model';
import { centralDifferences } from './batchnorm-grad-numeric';
import { batchnormGradSchema, type BatchnormGradParams } from './batchnorm-grad-schema';

export interface BatchnormGradResult {
  /** The upstream gradient, γ and β the graph ran on (resolved defaults, float32 values). */
  dy: Matrix;
  gamma: number[];
  beta: number[];
  /** Y = γ ⊙ (X − μ)/√(σ² + ε) + β. */
  y: Matrix;
  /** Per column: the batch mean μ and the biased variance σ² (1/m). */
  mean: number[];
  variance: number[];
  /** ∂L/∂X, ∂L/∂γ, ∂L/∂β from the tape's backward graph (the batchNormTrain rule). */
  dx: Matrix;
  dgamma: number[];
  dbeta: number[];
  /** The closed form, written from X, μ, σ², in the same graph. */
  dxClosed: Matrix;
  /** The official solution's eq. (34): the closed form without the factor (X_ij − μ_j) on its last term. */
  dxDropped: Matrix;
  /** Central differences of L = Σ Y ⊙ dy in float64. */
  dxNumeric: Matrix;
  dgammaNumeric: number[];
  dbetaNumeric: number[];
  /** Largest |difference| between the tape's gradient and each other one. */
  maxDiff: { closed: number; numeric: number; dropped: number; dgamma: number; dbeta: number };
}

const vector = (out: Outputs, name: string) => Array.from(out[name]!.data, cleanZero);

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i]!)), 0);
}

export const batchnormGradLogic: DemoLogic<BatchnormGradParams, BatchnormGradResult> = {
  schema: batchnormGradSchema,
  plan(s) {
    const inp = batchnormGradInputs(s);
    const m = inp.x.length;
    const d = inp.x[0]!.length;
    return [
      {
        spec: batchnormGradModel(m, d, s.eps),
        feeds: {
          x: { data: Float32Array.from(inp.x.flat()), dims: [m, d] },
          dy: { data: Float32Array.from(inp.dy.flat()), dims: [m, d] },
          gamma: { data: Float32Array.from(inp.gamma), dims: [d] },
          beta: { data: Float32Array.from(inp.beta), dims: [d] },
        },
      },
    ];
  },
  finish(s, [out]) {
    const inp = batchnormGradInputs(s);
    const m = inp.x.length;
    const d = inp.x[0]!.length;
    const matrix = (name: string) => {
      const t = out![name];
      if (!t || t.data.length !== m * d) throw new Error(`batchnorm-grad: the model returned ${t ? t.data.length : 'no'} entries of ${name}, expected ${m * d}`);
      return toRows(t.data, m, d);
    };
    const dx = matrix('dx');
    const dxClosed = matrix('dx_closed');
    const dxDropped = matrix('dx_dropped');
    const dgamma = vector(out!, 'dgamma');
    const dbeta = vector(out!, 'dbeta');
    const numeric = centralDifferences(inp);
    return {
      dy: inp.dy,
      gamma: inp.gamma,
      beta: inp.beta,
      y: matrix('y'),
      mean: vector(out!, 'mean'),
      variance: vector(out!, 'variance'),
      dx,
      dgamma,
      dbeta,
      dxClosed,
      dxDropped,
      dxNumeric: numeric.dx.map((r) => r.map(cleanZero)),
      dgammaNumeric: numeric.dgamma.map(cleanZero),
      dbetaNumeric: numeric.dbeta.map(cleanZero),
      maxDiff: {
        closed: maxAbsDiff(dx.flat(), dxClosed.flat()),
        numeric: maxAbsDiff(dx.flat(), numeric.dx.flat()),
        dropped: maxAbsDiff(dx.flat(), dxDropped.flat()),
        dgamma: maxAbsDiff(dgamma, numeric.dgamma),
        dbeta: maxAbsDiff(dbeta, numeric.dbeta),
      },
    };
  },
};
