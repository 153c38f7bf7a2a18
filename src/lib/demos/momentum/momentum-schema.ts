import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { intParam, listParam, matrixParam, numberParam, type ParamDef } from '../common/param-kinds';
import { spdIssue } from './momentum-theory';

export interface MomentumParams {
  /** f(θ) = ½ θᵀAθ − bᵀθ. */
  A: Matrix;
  b: number[];
  theta0: number[];
  alpha: number;
  beta: number;
  steps: number;
  noise: number;
}

/** Runs longer than this add nothing to the picture and only grow the result. */
export const MAX_STEPS = 500;

/** The matrix of the quadratic: a symmetric positive definite 2 × 2, so f has one minimizer. */
function spdMatrixParam(o: { name: string; default: Matrix; description: string }): ParamDef<Matrix> {
  const base = matrixParam({ ...o, maxRows: 2, maxCols: 2, maxAbs: 1000 });
  return {
    ...base,
    accepts: 'a symmetric positive definite 2x2 matrix (rows split by ";", entries by ","), entries within ±1000',
    parse(text) {
      const r = base.parse(text);
      if (!r.ok) return r;
      const issue = spdIssue(r.value);
      return issue ? { ok: false, reason: issue } : r;
    },
  };
}

/** A point of the plane: exactly two numbers. */
function pointParam(o: { name: string; default: number[]; max: number; description: string }): ParamDef<number[]> {
  const base = listParam({ ...o, min: -o.max, max: o.max, maxLength: 2 });
  return {
    ...base,
    accepts: `two comma-separated numbers from ${-o.max} to ${o.max}`,
    parse(text) {
      const r = base.parse(text);
      if (r.ok && r.value.length !== 2) return { ok: false, reason: 'one number, expected two' };
      return r;
    },
  };
}

/** β = 1 keeps every step's velocity forever (no convergence); the problem's β is below 1. */
function momentumParam(o: { name: string; default: number; description: string }): ParamDef<number> {
  const base = numberParam({ ...o, min: 0, max: 1 });
  return {
    ...base,
    accepts: 'a number from 0 up to, but not including, 1',
    parse(text) {
      const r = base.parse(text);
      return r.ok && r.value >= 1 ? { ok: false, reason: '' } : r;
    },
  };
}

export const momentumSchema = defineDemo<MomentumParams>({
  name: 'momentum',
  title: 'Two forms of momentum SGD on a quadratic',
  summary: 'The heavy-ball update and PyTorch\'s velocity update run side by side from the same start with the same gradient noise: the same path, up to float32 round-off.',
  defaultSeed: 0,
  controls: ['A', 'b', 'theta0', 'alpha', 'beta', 'steps', 'noise', 'seed'],
  params: {
    A: spdMatrixParam({
      name: 'A',
      default: [
        [1, 0],
        [0, 10],
      ],
      description: 'Matrix A of f(θ) = ½ θᵀAθ − bᵀθ; its eigenvalues are the curvatures of f.',
    }),
    b: pointParam({ name: 'b', default: [0, 0], max: 1000, description: 'Vector b of f; the minimizer is A⁻¹b.' }),
    theta0: pointParam({ name: 'theta0', default: [-4, 1.5], max: 100, description: 'Starting point θ⁰ of both forms (Form I also starts with θ⁻¹ = θ⁰, Form II with v⁰ = 0).' }),
    alpha: numberParam({ name: 'alpha', default: 0.05, min: 0.0001, max: 10, description: 'Step size α.' }),
    beta: momentumParam({ name: 'beta', default: 0.8, description: 'Momentum β, 0 ≤ β < 1.' }),
    steps: intParam({ name: 'steps', default: 100, min: 1, max: MAX_STEPS, description: 'Iterations k = 0 … steps − 1; the result has steps + 1 points, θ⁰ included.' }),
    noise: numberParam({
      name: 'noise',
      default: 0,
      min: 0,
      max: 100,
      description: 'Standard deviation of the Gaussian noise added to each entry of the gradient (drawn from `seed`); both forms get the same draw at step k.',
    }),
  },
});
