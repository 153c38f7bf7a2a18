import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { intParam, listParam, matrixParam, numberParam, type ParamDef } from '../common/param-kinds';
import { cholesky } from './batchnorm-gaussian';

export interface BatchnormParams {
  dims: number;
  /** Empty: the homework's mean for `dims` (see HOMEWORK). */
  mu: number[];
  /** dims × dims; for dims = 1 the variance as a 1 × 1 matrix. Empty: the homework's. */
  cov: Matrix;
  n: number;
  /** One per dimension. Empty: the homework's (γ = 1). */
  gamma: number[];
  /** One per dimension. Empty: the homework's (β = 3 in 1-D, 0 in 2-D). */
  beta: number[];
  eps: number;
}

export interface GaussianSetup {
  mu: number[];
  cov: Matrix;
  gamma: number[];
  beta: number[];
}

/**
 * The homework's two parts. 1-D: mean 1.5, variance 0.16, then γ = 1, β = 3. 2-D: the homework
 * draws a correlated Gaussian away from the origin without giving its numbers; this one has
 * means (3, 2), standard deviations (2, 1) and correlation 0.6, so that standardising changes
 * both the scales and the tilt of its contours. Then γ = 1, β = 0 as the homework asks.
 */
export const HOMEWORK: Record<1 | 2, GaussianSetup> = {
  1: { mu: [1.5], cov: [[0.16]], gamma: [1], beta: [3] },
  2: {
    mu: [3, 2],
    cov: [
      [4, 1.2],
      [1.2, 1],
    ],
    gamma: [1, 1],
    beta: [0, 0],
  },
};

export const MAX_N = 100_000;

function optionalMatrix(p: ParamDef<Matrix>, defaultLabel: string): ParamDef<Matrix> {
  return { ...p, defaultLabel, parse: (text) => (text.trim() === '' ? { ok: true, value: [] } : p.parse(text)) };
}

/** An optional list: empty stands for the homework's value at this dimension. */
const homeworkList = (p: ParamDef<number[]>): ParamDef<number[]> => ({ ...p, defaultLabel: "the homework's" });

const hw = (f: (s: GaussianSetup) => string) => `${f(HOMEWORK[1])} in 1-D, ${f(HOMEWORK[2])} in 2-D (the homework's)`;
const listText = (v: number[]) => v.join(', ');

export const batchnormSchema = defineDemo<BatchnormParams>({
  name: 'batchnorm',
  title: 'Batch norm on a Gaussian batch, before and after',
  summary: 'Samples from a 1-D or 2-D Gaussian through training-mode batch norm: each coordinate is standardised, then scaled by γ and shifted by β, and correlations stay.',
  defaultSeed: 3,
  controls: ['dims', 'mu', 'cov', 'n', 'gamma', 'beta', 'eps', 'seed'],
  params: {
    dims: intParam({ name: 'dims', default: 2, min: 1, max: 2, description: 'Dimension of the Gaussian: 1 (histogram) or 2 (scatter with contours).' }),
    mu: homeworkList(listParam({ name: 'mu', default: [], min: -1000, max: 1000, maxLength: 2, allowEmpty: true, description: `Mean of the Gaussian, one entry per dimension. Left out: ${hw((s) => listText(s.mu))}.` })),
    cov: optionalMatrix(
      matrixParam({
        name: 'cov',
        default: [],
        maxRows: 2,
        maxCols: 2,
        maxAbs: 1e6,
        description: `Covariance matrix (dims × dims, symmetric, positive definite), rows split by ";"; in 1-D the variance. Left out: ${hw((s) => (s.cov.length === 1 ? `variance ${s.cov[0]![0]}` : s.cov.map((r) => r.join(',')).join(';')))}.`,
      }),
      "the homework's",
    ),
    n: intParam({ name: 'n', default: 1000, min: 2, max: MAX_N, description: 'Batch size: the samples drawn, all normalised together with their own mean and variance (the first 1000 are drawn).' }),
    gamma: homeworkList(listParam({ name: 'gamma', default: [], min: -100, max: 100, maxLength: 2, allowEmpty: true, description: `Scale γ, one per dimension. Left out: ${hw((s) => listText(s.gamma))}.` })),
    beta: homeworkList(listParam({ name: 'beta', default: [], min: -1000, max: 1000, maxLength: 2, allowEmpty: true, description: `Shift β, one per dimension. Left out: ${hw((s) => listText(s.beta))}.` })),
    eps: numberParam({ name: 'eps', default: 1e-5, min: 1e-12, max: 10, description: 'ε added to the batch variance before the square root (PyTorch\'s default 10⁻⁵).' }),
  },
  check(s) {
    const reset: (keyof BatchnormParams)[] = [];
    const why: string[] = [];
    const d = s.dims;
    for (const name of ['mu', 'gamma', 'beta'] as const) {
      if (s[name].length && s[name].length !== d) {
        why.push(`${name} must have ${d === 1 ? 'one entry' : `${d} entries`}, one per dimension (got ${s[name].length})`);
        reset.push(name);
      }
    }
    if (s.cov.length) {
      if (s.cov.length !== d || s.cov[0]!.length !== d) {
        why.push(`cov must be ${d}x${d} for dims=${d} (got ${s.cov.length}x${s.cov[0]!.length})`);
        reset.push('cov');
      } else if (d === 2 && s.cov[0]![1] !== s.cov[1]![0]) {
        why.push(`cov must be symmetric (got ${s.cov[0]![1]} above the diagonal and ${s.cov[1]![0]} below)`);
        reset.push('cov');
      } else if (!cholesky(s.cov)) {
        why.push(d === 1 ? `cov, the variance, must be positive (got ${s.cov[0]![0]})` : 'cov must be positive definite: positive variances and |cov₁₂| < √(cov₁₁·cov₂₂)');
        reset.push('cov');
      }
    }
    return reset.length ? { reset, message: why.join('; ') } : null;
  },
});

/** The parameters a state stands for, the homework's where it leaves them out. */
export function gaussianSetup(s: BatchnormParams): GaussianSetup {
  const h = HOMEWORK[s.dims === 1 ? 1 : 2];
  return {
    mu: s.mu.length ? s.mu : h.mu,
    cov: s.cov.length ? s.cov : h.cov,
    gamma: s.gamma.length ? s.gamma : h.gamma,
    beta: s.beta.length ? s.beta : h.beta,
  };
}
