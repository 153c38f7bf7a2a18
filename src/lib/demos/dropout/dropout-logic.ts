import type { Feeds, Outputs } from '../../onnx/model-spec';
import { adamBiasCorrections, ADAM_DEFAULTS } from '../../onnx/training/optimizers';
import { seededRng } from '../../random/seeded-rng';
import type { DemoLogic, TrainingJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import { dropoutOptimum, patternLeastSquares, ridgeViaNormalisedColumns, type PatternSolution } from './dropout-closed-form';
import { fillMask } from './dropout-masks';
import { dropoutModel, dropoutSignature } from './dropout-model';
import { dropoutSchema, type DropoutParams } from './dropout-schema';
import { minNormLeastSquares } from '../../math/solve-linear';

/** Steps unrolled per session call: the fixed cost of a call is paid once per this many steps. */
export const STEPS_PER_CALL = 100;
/** Points kept of the loss curve and the weight path. */
const MAX_POINTS = 500;

export interface DropoutResult {
  /** Trained weights, as trained. */
  w: number[];
  /** Minimiser of the expected training loss, in the same scale as `w`. */
  closedForm: number[] | null;
  /** Weights for use without dropout: w, or (1 − p)·w when training did not scale. */
  inference: number[];
  /** Tikhonov/ridge solution through normalised columns (HW4 Problem 2), inference scale. */
  ridge: number[] | null;
  /** x_j · w_j for the first data row, with the inference weights. */
  contributions: number[];
  /** Minimum-norm least squares on the data without dropout. */
  leastSquares: number[] | null;
  patterns: PatternSolution | null;
  /** Training loss averaged over buckets of `lossEvery` steps. */
  loss: number[];
  lossEvery: number;
  /** Weights at step 0, lossEvery, 2·lossEvery, … */
  path: number[][];
  sweep?: { p: number; w: number[]; closedForm: number[] | null }[];
  /** The closed form against p on [0, 0.99) in steps of 0.01, when a sweep is asked for. */
  sweepCurve?: { p: number; w: number[] | null }[];
}

const seedFor = (seed: number, run: number) => (seed + 0x9e3779b1 * run) >>> 0;

/** Every rate of a state (the main run first, then the sweep) trained side by side in one graph. */
function trainingJob(s: FullState<DropoutParams>, rates: number[]): TrainingJob {
  const n = s.x.length;
  const d = s.x[0]!.length;
  const rows = n * s.batch;
  const models = rates.length;
  // Run r draws from its own stream, so adding rates to a sweep never changes the masks of the others.
  const rngs = rates.map((_, run) => seededRng(seedFor(s.seed, run)));
  const kept = rates.map((p) => (s.scaling === 'inverted' ? 1 / (1 - p) : 1));
  // Every data row repeated `batch` times; each copy gets its own mask every step.
  const x = Float32Array.from({ length: rows * d }, (_, i) => s.x[Math.floor(i / d) % n]![i % d]!);
  const y = Float32Array.from({ length: rows }, (_, i) => s.y[i % n]!);
  const signature = dropoutSignature(s.opt);
  const shape = [models, d, 1];
  const initial: Feeds = { w: { data: new Float32Array(models * d), dims: shape } };
  if (s.opt === 'adam') for (const slot of ['m', 'v']) initial[`w__${slot}`] = { data: new Float32Array(models * d), dims: shape };
  return {
    kind: 'train',
    spec: (steps) => dropoutModel({ models, rows, features: d, steps, opt: s.opt, eps: s.eps }),
    stepsPerCall: Math.min(STEPS_PER_CALL, s.steps),
    totalSteps: s.steps,
    initial,
    state: signature.state,
    streams: signature.streams,
    feeds(first, steps) {
      // [steps, models, rows, d], drawn straight into place: each model's stream yields its
      // entries in the same order as a run of its own would draw them.
      const perStep = rows * d;
      const mask = new Float32Array(steps * models * perStep);
      for (let k = 0; k < steps; k++) for (let m = 0; m < models; m++) fillMask(rngs[m]!, mask, (k * models + m) * perStep, perStep, rates[m]!, kept[m]!);
      const feeds: Feeds = {
        mask: { data: mask, dims: [steps, models, rows, d] },
        x: { data: x, dims: [rows, d] },
        y: { data: y, dims: [rows, 1] },
        lr: { data: Float32Array.of(s.lr), dims: [1] },
      };
      if (s.opt === 'adam') {
        const bc = adamBiasCorrections(ADAM_DEFAULTS, first + 1, steps);
        feeds['bc1'] = { data: bc.first, dims: [steps] };
        feeds['bc2'] = { data: bc.second, dims: [steps] };
      }
      return feeds;
    },
  };
}

const toScale = (s: DropoutParams, p: number, w: number[] | null) => (w && s.scaling === 'none' ? w.map((v) => v / (1 - p)) : w);

function bucketMeans(values: Float32Array, every: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += every) {
    const part = values.subarray(i, i + every);
    out.push(part.reduce((a, b) => a + b, 0) / part.length);
  }
  return out;
}

export const dropoutLogic: DemoLogic<DropoutParams, DropoutResult> = {
  schema: dropoutSchema,
  plan: (s) => [trainingJob(s, [s.p, ...s.sweep])],
  finish(s, [out]) {
    const d = s.x[0]!.length;
    const models = 1 + s.sweep.length;
    const weights = out!['w']!.data;
    const w = Array.from(weights.subarray(0, d));
    const diverged = !Array.from(weights).every(Number.isFinite);
    if (diverged) throw new Error(`training diverged (the weights became infinite); try a smaller learning rate than lr=${s.lr}`);
    const inference = s.scaling === 'inverted' ? w : w.map((v) => v * (1 - s.p));
    const lossEvery = Math.max(1, Math.ceil(s.steps / MAX_POINTS));
    // path [steps, models, d] and modelLosses [steps, models]: the main run is model 0.
    const pathData = out!['path']!.data;
    const path = [Array<number>(d).fill(0)];
    for (let k = lossEvery - 1; k < s.steps; k += lossEvery) path.push(Array.from(pathData.subarray(k * models * d, k * models * d + d)));
    const mainLosses = Float32Array.from({ length: s.steps }, (_, k) => out!['modelLosses']!.data[k * models]!);
    const result: DropoutResult = {
      w,
      closedForm: toScale(s, s.p, dropoutOptimum(s.x, s.y, s.p)),
      inference,
      ridge: ridgeViaNormalisedColumns(s.x, s.y, s.p),
      contributions: s.x[0]!.map((v, j) => v * inference[j]!),
      leastSquares: minNormLeastSquares(s.x, s.y),
      patterns: d <= 10 ? patternLeastSquares(s.x[0]!, s.y[0]!, s.p, s.scaling) : null,
      loss: bucketMeans(mainLosses, lossEvery),
      lossEvery,
      path,
    };
    if (s.sweep.length) {
      result.sweep = s.sweep.map((p, i) => ({ p, w: Array.from(weights.subarray((i + 1) * d, (i + 2) * d)), closedForm: toScale(s, p, dropoutOptimum(s.x, s.y, p)) }));
      result.sweepCurve = Array.from({ length: 99 }, (_, i) => ({ p: i / 100, w: toScale(s, i / 100, dropoutOptimum(s.x, s.y, i / 100)) }));
    }
    return result;
  },
};
