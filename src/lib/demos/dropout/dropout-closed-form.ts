import { matMul, matVec, minNormLeastSquares, solveLinear, transpose } from '../../math/solve-linear';
import type { Matrix } from '../common/matrix-text';

/** p/(1 − p): the weight of the penalty dropout adds (PyTorch convention, drop probability p). */
export const penaltyRatio = (p: number) => p / (1 - p);

const columnSquares = (X: Matrix) => X[0]!.map((_, j) => X.reduce((s, row) => s + row[j]! ** 2, 0));

/**
 * Minimiser of the expected training loss with inverted dropout, in inference scale:
 * averaging over masks, mean (y − (m⊙x)ᵀw/(1−p))² = (y − xᵀw)² + r Σ x_j² w_j², r = p/(1 − p), so
 * (XᵀX + r diag(XᵀX)) w = Xᵀy. At p = 0 with fewer rows than columns the system is singular;
 * then gradient descent from zero ends at the minimum-norm solution, which is returned.
 */
export function dropoutOptimum(X: Matrix, y: number[], p: number): number[] | null {
  const r = penaltyRatio(p);
  const Xt = transpose(X);
  const d = columnSquares(X);
  const A = matMul(Xt, X).map((row, i) => row.map((v, j) => (i === j ? v + r * d[i]! : v)));
  return solveLinear(A, matVec(Xt, y)) ?? (p === 0 ? minNormLeastSquares(X, y) : null);
}

/**
 * The same optimum by a second route: the change of variables of HW4 Problem 2. With
 * Γ = diag(‖X_j‖) and X̃ = XΓ⁻¹ (unit-norm columns) the problem is classical ridge,
 * (X̃ᵀX̃ + rI) w̃ = X̃ᵀy, and w = Γ⁻¹ w̃. A zero column gets weight 0.
 */
export function ridgeViaNormalisedColumns(X: Matrix, y: number[], p: number): number[] | null {
  const r = penaltyRatio(p);
  const norms = columnSquares(X).map(Math.sqrt);
  const keep = norms.map((n) => n > 0);
  const Xn = X.map((row) => row.filter((_, j) => keep[j]).map((v, k) => v / norms.filter((_, j) => keep[j])[k]!));
  const Xt = transpose(Xn);
  const A = matMul(Xt, Xn).map((row, i) => row.map((v, j) => (i === j ? v + r : v)));
  const wt = solveLinear(A, matVec(Xt, y)) ?? (p === 0 ? minNormLeastSquares(Xn, y) : null);
  if (!wt) return null;
  let k = 0;
  return norms.map((n, j) => (keep[j] ? wt[k++]! / n : 0));
}

export interface PatternSolution {
  /** Every dropout pattern of the first row's inputs, as the model sees them (scaled). */
  X: number[][];
  prob: number[];
  /** Least squares over the patterns, weighted by their probabilities. */
  w: number[] | null;
}

/**
 * The expectation made explicit (HW4 Problem 1(c)): list all 2^d masks of one example, weight
 * each by its probability, and solve the weighted least squares.
 */
export function patternLeastSquares(x: number[], y: number, p: number, scaling: 'inverted' | 'none'): PatternSolution {
  const d = x.length;
  const scale = scaling === 'inverted' ? 1 / (1 - p) : 1;
  const X: number[][] = [];
  const prob: number[] = [];
  for (let bits = (1 << d) - 1; bits >= 0; bits--) {
    const kept = x.map((_, j) => (bits >> (d - 1 - j)) & 1);
    X.push(x.map((v, j) => (kept[j] ? v * scale : 0)));
    prob.push(kept.reduce((q, k) => q * (k ? 1 - p : p), 1));
  }
  const A = x.map((_, i) => x.map((_, j) => X.reduce((s, row, k) => s + prob[k]! * row[i]! * row[j]!, 0)));
  const b = x.map((_, i) => X.reduce((s, row, k) => s + prob[k]! * row[i]! * y, 0));
  return { X, prob, w: solveLinear(A, b) };
}

/** Expected training loss at w (inverted scaling, inference-scale w), for the contour plot. */
export function expectedLoss(X: Matrix, y: number[], p: number, w: number[]): number {
  const r = penaltyRatio(p);
  return (
    X.reduce((s, row, i) => {
      const fit = y[i]! - row.reduce((a, v, j) => a + v * w[j]!, 0);
      return s + fit * fit + r * row.reduce((a, v, j) => a + v * v * w[j]! * w[j]!, 0);
    }, 0) / X.length
  );
}
