import type { Matrix } from '../common/matrix-text';
import { mlpRng } from '../mlp-backprop/mlp-rng';

/**
 * Lower-triangular L with L Lᵀ = cov, or null when cov is not positive definite. A pivot below
 * 10⁻¹² of the matrix's scale counts as zero: such a Gaussian is degenerate (a line), and batch
 * norm of it would divide by √ε alone.
 */
export function cholesky(cov: Matrix): Matrix | null {
  const d = cov.length;
  const scale = Math.max(...cov.map((r, i) => Math.abs(r[i]!)), 0);
  const L: Matrix = cov.map(() => Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 1e-12 * scale) || !(scale > 0)) return null;
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  return L;
}

const SALT = 0x626e3031;

/** n draws of N(μ, cov), row-major [n, d], as x = μ + L z with z standard normal (float64, then float32). */
export function sampleGaussian(seed: number, n: number, mu: readonly number[], cov: Matrix): Float32Array {
  const L = cholesky(cov);
  if (!L) throw new Error('sampleGaussian: cov is not positive definite');
  const d = mu.length;
  // Mixed seed: nearby seeds of the plain generator start with nearly equal draws.
  const rng = mlpRng(seed, SALT);
  const out = new Float32Array(n * d);
  const z = new Array<number>(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) z[k] = rng.normal();
    for (let r = 0; r < d; r++) {
      let v = mu[r]!;
      for (let k = 0; k <= r; k++) v += L[r]![k]! * z[k]!;
      out[i * d + r] = v;
    }
  }
  return out;
}
