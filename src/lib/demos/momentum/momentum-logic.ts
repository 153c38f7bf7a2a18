import type { Feeds, Outputs } from '../../onnx/model-spec';
import type { DemoLogic, TrainingJob } from '../common/demo-logic';
import { cleanZero } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import { FORM_STATE, momentumModel, PATH, type MomentumForm } from './momentum-model';
import { gradientNoise } from './momentum-noise';
import { momentumSchema, type MomentumParams } from './momentum-schema';
import { eigenvector, gradientDescentRate, heavyBallRate, minimizer, quadratic, symmetricEigenvalues } from './momentum-theory';

/** Steps unrolled per session call: a call's fixed cost is paid once per this many steps. */
export const STEPS_PER_CALL = 100;

/** float32's unit round-off, 2⁻²⁴: the relative error of one rounding. */
export const FLOAT32_ROUNDOFF = 2 ** -24;

export interface MomentumResult {
  /** θ^0 … θ^steps of Form I (heavy ball) and of Form II (PyTorch's velocity form), as float32. */
  formI: number[][];
  formII: number[][];
  /** ‖θ_I^k − θ_II^k‖ for k = 0 … steps. */
  diff: number[];
  maxDiff: number;
  /** maxDiff / (2⁻²⁴ · max_k ‖θ_I^k‖): how many float32 roundings of the largest iterate it amounts to. */
  maxDiffRoundoffs: number;
  /** θ* = A⁻¹b. */
  minimizer: number[];
  /** Eigenvalues of A, smallest first. */
  eigenvalues: number[];
  /** Largest factor per step by which the error of either form shrinks in the long run (noise-free): max over the eigenvalues. */
  rate: number;
  /** The same for plain gradient descent with the same α (β = 0). */
  gdRate: number;
  /**
   * How far Form I's path goes past θ* along the eigenvector of the smallest eigenvalue, as a
   * fraction of where it started on that line (0: never past); null when it starts on the other eigenvector.
   */
  overshoot: number | null;
  /** Steps k at which f(θ_I^{k+1}) > f(θ_I^k): gradient descent with α ≤ 1/λ_max never has one. */
  fIncreases: number;
  /** ‖θ^0 − θ*‖ and ‖θ_I^steps − θ*‖. */
  startDistance: number;
  finalDistance: number;
}

const column = (v: readonly number[]) => ({ data: Float32Array.from(v), dims: [2, 1] });

function formJob(form: MomentumForm, s: FullState<MomentumParams>, noise: Float32Array): TrainingJob {
  const theta = column(s.theta0);
  const initial: Feeds = form === 'heavy-ball' ? { theta, theta_prev: column(s.theta0) } : { theta, v: column([0, 0]) };
  return {
    kind: 'train',
    spec: (steps) => momentumModel(form, steps),
    stepsPerCall: Math.min(STEPS_PER_CALL, s.steps),
    totalSteps: s.steps,
    initial,
    state: FORM_STATE[form],
    streams: [PATH],
    feeds: (first, steps) => ({
      A: { data: Float32Array.from(s.A.flat()), dims: [2, 2] },
      b: column(s.b),
      alpha: { data: Float32Array.of(s.alpha), dims: [1] },
      beta: { data: Float32Array.of(s.beta), dims: [1] },
      noise: { data: noise.slice(first * 2, (first + steps) * 2), dims: [steps, 2, 1] },
    }),
  };
}

/** θ^0 (as the graphs hold it, in float32) followed by the path the graph returned. */
function rows(s: MomentumParams, out: Outputs, form: string): number[][] {
  const path = out[PATH]!.data;
  if (path.length !== 2 * s.steps) throw new Error(`momentum: ${form} returned ${path.length / 2} steps, expected ${s.steps}`);
  const first = Array.from(Float32Array.from(s.theta0));
  const list = [first, ...Array.from({ length: s.steps }, (_, k) => [path[2 * k]!, path[2 * k + 1]!])].map((r) => r.map(cleanZero));
  const bad = list.findIndex((r) => !r.every(Number.isFinite));
  if (bad >= 0) {
    throw new Error(
      `${form} left float32's range at step ${bad} (the iterates grow: with these α, β and A the iteration is unstable, it needs α·λmax < 2(1 + β)); try a smaller alpha`,
    );
  }
  return list;
}

const norm = (v: readonly number[]) => Math.hypot(v[0]!, v[1]!);
const minus = (a: readonly number[], b: readonly number[]) => [a[0]! - b[0]!, a[1]! - b[1]!];
const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]!;

export const momentumLogic: DemoLogic<MomentumParams, MomentumResult> = {
  schema: momentumSchema,
  plan(s) {
    const noise = gradientNoise(s.seed, s.steps, s.noise);
    return [formJob('heavy-ball', s, noise), formJob('velocity', s, noise)];
  },
  finish(s, [heavy, velocity]) {
    const formI = rows(s, heavy!, 'Form I');
    const formII = rows(s, velocity!, 'Form II');
    const diff = formI.map((t, k) => norm(minus(t, formII[k]!)));
    const maxDiff = Math.max(...diff);
    const largest = Math.max(...formI.map(norm));
    const star = minimizer(s.A, s.b);
    const eigenvalues = symmetricEigenvalues(s.A);
    const slow = eigenvector(s.A, eigenvalues[0]);
    const along = formI.map((t) => dot(minus(t, star), slow));
    const startAlong = along[0]!;
    let fIncreases = 0;
    for (let k = 1; k < formI.length; k++) if (quadratic(s.A, s.b, formI[k]!) > quadratic(s.A, s.b, formI[k - 1]!)) fIncreases++;
    return {
      formI,
      formII,
      diff,
      maxDiff,
      maxDiffRoundoffs: largest > 0 ? maxDiff / (FLOAT32_ROUNDOFF * largest) : 0,
      minimizer: star,
      eigenvalues,
      rate: Math.max(...eigenvalues.map((l) => heavyBallRate(s.alpha, s.beta, l))),
      gdRate: Math.max(...eigenvalues.map((l) => gradientDescentRate(s.alpha, l))),
      // Relative to θ⁰'s own component: below 1e-9 of the start's distance it is a rounding, not a direction.
      overshoot: Math.abs(startAlong) > 1e-9 * norm(minus(formI[0]!, star)) ? Math.max(0, ...along.map((c) => -c / startAlong)) : null,
      fIncreases,
      startDistance: norm(minus(formI[0]!, star)),
      finalDistance: norm(minus(formI[s.steps]!, star)),
    };
  },
};
