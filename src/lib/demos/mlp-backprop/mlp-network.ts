import type { Matrix } from '../common/matrix-text';

/**
 * An MLP in the homework's notation: y₀ = x, ỹ_ℓ = A_ℓ y_{ℓ−1} + b_ℓ, y_ℓ = σ(ỹ_ℓ) for ℓ < L and
 * y_L = ỹ_L. `A[ℓ − 1]` is A_ℓ (n_ℓ × n_{ℓ−1}), `b[ℓ − 1]` is b_ℓ; n_L = 1. Entries are float32
 * values (as the graph sees them), so the JSON of a network reproduces the run exactly.
 */
export interface MlpNetwork {
  A: Matrix[];
  b: number[][];
  x: number[];
}

/** n₀, n₁, …, n_L: `width` for the input and every hidden layer, 1 for the output. */
export function layerSizes(layers: number, width: number): number[] {
  return [...Array<number>(layers).fill(width), 1];
}

export function parameterCount(sizes: readonly number[]): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += sizes[l]! * sizes[l - 1]! + sizes[l]!;
  return count;
}

/** Graph inputs of a network: x [n₀, 1], A_ℓ [n_ℓ, n_{ℓ−1}], b_ℓ [n_ℓ, 1]. */
export function networkFeeds(net: MlpNetwork): Record<string, { data: Float32Array; dims: number[] }> {
  const feeds: Record<string, { data: Float32Array; dims: number[] }> = { x: { data: Float32Array.from(net.x), dims: [net.x.length, 1] } };
  net.A.forEach((A, i) => {
    feeds[`A${i + 1}`] = { data: Float32Array.from(A.flat()), dims: [A.length, A[0]!.length] };
    feeds[`b${i + 1}`] = { data: Float32Array.from(net.b[i]!), dims: [net.b[i]!.length, 1] };
  });
  return feeds;
}

/** A matrix of `rows` × `cols` float32 draws, row-major. */
export function drawMatrix(rows: number, cols: number, draw: () => number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround(draw())));
}

export function drawVector(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, () => Math.fround(draw()));
}

/**
 * A float32 value in 9 significant digits, the fewest that always read back as the same float32
 * (Math.fround of the text's value): a network's JSON half the length, and still exact.
 */
export const float32Text = (v: number): number => Number(v.toPrecision(9));

export function compactNetwork<N extends MlpNetwork>(net: N): N {
  return { ...net, A: net.A.map((A) => A.map((r) => r.map(float32Text))), b: net.b.map((b) => b.map(float32Text)), x: net.x.map(float32Text) };
}
