/**
 * Solves A x = b for a small dense square system by Gaussian elimination with partial pivoting.
 * Returns null when A is singular to working precision (the caller decides what that means).
 */
export function solveLinear(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = A.length;
  const m = A.map((row, i) => [...row, b[i]!]);
  const scale = Math.max(1e-300, ...A.flat().map(Math.abs));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) <= 1e-12 * scale) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

export const transpose = (A: readonly (readonly number[])[]): number[][] => A[0]!.map((_, j) => A.map((row) => row[j]!));

export function matMul(A: readonly (readonly number[])[], B: readonly (readonly number[])[]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
}

export const matVec = (A: readonly (readonly number[])[], v: readonly number[]): number[] => A.map((row) => row.reduce((s, a, k) => s + a * v[k]!, 0));

/**
 * Minimum-norm least-squares solution of X w ≈ y for X of full row or column rank: Xᵀ(XXᵀ)⁻¹y
 * when there are no more rows than columns (what gradient descent from zero converges to),
 * (XᵀX)⁻¹Xᵀy otherwise.
 */
export function minNormLeastSquares(X: readonly (readonly number[])[], y: readonly number[]): number[] | null {
  const Xt = transpose(X);
  if (X.length <= X[0]!.length) {
    const a = solveLinear(matMul(X, Xt), y);
    return a && matVec(Xt, a);
  }
  return solveLinear(matMul(Xt, X), matVec(Xt, y));
}
