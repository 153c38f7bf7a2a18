import type { Matrix } from '../common/matrix-text';
import type { BatchnormGradInputs } from './batchnorm-grad-inputs';

/** Batch norm's forward pass in float64, column by column. */
export function batchNorm64(x: Matrix, gamma: readonly number[], beta: readonly number[], eps: number): Matrix {
  const m = x.length;
  const y = x.map((r) => r.map(() => 0));
  for (let j = 0; j < x[0]!.length; j++) {
    let mu = 0;
    for (let i = 0; i < m; i++) mu += x[i]![j]!;
    mu /= m;
    let v = 0;
    for (let i = 0; i < m; i++) v += (x[i]![j]! - mu) ** 2;
    v /= m;
    const sd = Math.sqrt(v + eps);
    for (let i = 0; i < m; i++) y[i]![j] = (gamma[j]! * (x[i]![j]! - mu)) / sd + beta[j]!;
  }
  return y;
}

/**
 * Step of the central differences, relative to the scale of what moves: √(σ_j² + ε) for an entry
 * of column j of x (the unit x̂ is measured in), the entry's size for γ and β. The truncation
 * error is then of order h² = 10⁻¹⁰ of the derivative, the rounding error of order 10⁻¹⁶/h: both
 * far below float32's 10⁻⁷, so what the comparison shows is the graph's own error.
 */
export const FD_STEP = 1e-5;

export interface NumericGradients {
  dx: Matrix;
  dgamma: number[];
  dbeta: number[];
}

/** ∂L/∂θ = (L(θ + h) − L(θ − h))/2h for every entry of x, γ and β, with L = Σ Y ⊙ dy, in float64. */
export function centralDifferences(inp: BatchnormGradInputs, h = FD_STEP): NumericGradients {
  const loss = (x: Matrix, gamma: readonly number[], beta: readonly number[]) =>
    batchNorm64(x, gamma, beta, inp.eps).reduce((s, row, i) => row.reduce((t, v, j) => t + v * inp.dy[i]![j]!, s), 0);
  const diff = (at: (delta: number) => number, step: number) => (at(step) - at(-step)) / (2 * step);
  const m = inp.x.length;
  const spread = inp.x[0]!.map((_, j) => {
    const mu = inp.x.reduce((s, r) => s + r[j]!, 0) / m;
    return Math.sqrt(inp.x.reduce((s, r) => s + (r[j]! - mu) ** 2, 0) / m + inp.eps);
  });
  const size = (v: number) => h * Math.max(1, Math.abs(v));
  const bumpX = (i: number, j: number, delta: number) => inp.x.map((r, a) => r.map((v, b) => (a === i && b === j ? v + delta : v)));
  const bump = (v: readonly number[], j: number, delta: number) => v.map((e, b) => (b === j ? e + delta : e));
  return {
    dx: inp.x.map((r, i) => r.map((_, j) => diff((d) => loss(bumpX(i, j, d), inp.gamma, inp.beta), h * spread[j]!))),
    dgamma: inp.gamma.map((v, j) => diff((d) => loss(inp.x, bump(inp.gamma, j, d), inp.beta), size(v))),
    dbeta: inp.beta.map((v, j) => diff((d) => loss(inp.x, inp.gamma, bump(inp.beta, j, d)), size(v))),
  };
}
