import type { Matrix } from '../common/matrix-text';

/**
 * Closed forms for f(θ) = ½ θᵀAθ − bᵀθ with a symmetric 2 × 2 matrix A: what the page explains
 * the demo's defaults with, and what the result reports beside the ONNX runs.
 */

/** Eigenvalues of a symmetric 2 × 2 matrix, smallest first. */
export function symmetricEigenvalues(A: Matrix): [number, number] {
  const [[a, c], [, d]] = A as [[number, number], [number, number]];
  const mid = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, c);
  return [mid - radius, mid + radius];
}

/** Unit eigenvector of a symmetric 2 × 2 matrix for its eigenvalue λ. */
export function eigenvector(A: Matrix, lambda: number): [number, number] {
  const [[a, c], [, d]] = A as [[number, number], [number, number]];
  // (A − λI)u = 0: either row gives a direction; take the one with more weight (a diagonal A has c = 0).
  const u: [number, number] = Math.abs(a - lambda) + Math.abs(c) >= Math.abs(d - lambda) + Math.abs(c) ? [-c, a - lambda] : [d - lambda, -c];
  const n = Math.hypot(u[0], u[1]);
  if (n === 0) return Math.abs(a - lambda) <= Math.abs(d - lambda) ? [1, 0] : [0, 1];
  return [u[0] / n, u[1] / n];
}

/** Why A cannot be the matrix of the quadratic, or null: it must be symmetric positive definite. */
export function spdIssue(A: Matrix): string | null {
  if (A.length !== 2 || A.some((row) => row.length !== 2)) return `it is ${A.length}x${A[0]?.length ?? 0}, not 2x2`;
  if (A[0]![1] !== A[1]![0]) return `not symmetric (entry 1,2 is ${A[0]![1]}, entry 2,1 is ${A[1]![0]})`;
  const [low, high] = symmetricEigenvalues(A);
  if (!(low > 0)) return `not positive definite (eigenvalues ${Number(low.toPrecision(4))} and ${Number(high.toPrecision(4))})`;
  return null;
}

export function quadratic(A: Matrix, b: readonly number[], t: readonly number[]): number {
  const At = [A[0]![0]! * t[0]! + A[0]![1]! * t[1]!, A[1]![0]! * t[0]! + A[1]![1]! * t[1]!];
  return 0.5 * (t[0]! * At[0]! + t[1]! * At[1]!) - b[0]! * t[0]! - b[1]! * t[1]!;
}

/** θ* = A⁻¹b, where the gradient Aθ − b vanishes. */
export function minimizer(A: Matrix, b: readonly number[]): [number, number] {
  const [[a, c], [, d]] = A as [[number, number], [number, number]];
  const det = a * d - c * c;
  return [(d * b[0]! - c * b[1]!) / det, (a * b[1]! - c * b[0]!) / det];
}

/**
 * Along an eigenvector with eigenvalue λ both forms follow e_{k+1} = (1 + β − αλ) e_k − β e_{k−1}
 * (without noise), whose characteristic roots solve r² − (1 + β − αλ) r + β = 0. The larger
 * root modulus is the factor the error shrinks by per step, in the long run: √β when the roots
 * are complex (the iterates oscillate), else the larger real root's modulus.
 */
export function heavyBallRate(alpha: number, beta: number, lambda: number): number {
  const t = 1 + beta - alpha * lambda;
  const disc = t * t - 4 * beta;
  if (disc < 0) return Math.sqrt(beta);
  const root = Math.sqrt(disc);
  return Math.max(Math.abs(t + root), Math.abs(t - root)) / 2;
}

/** Whether the characteristic roots along eigenvalue λ are complex: the error rotates, overshooting. */
export function oscillates(alpha: number, beta: number, lambda: number): boolean {
  const t = 1 + beta - alpha * lambda;
  return t * t < 4 * beta;
}

/** Plain gradient descent with the same α: the error along λ is multiplied by 1 − αλ each step. */
export function gradientDescentRate(alpha: number, lambda: number): number {
  return Math.abs(1 - alpha * lambda);
}
