import type { Feeds, Outputs } from '../../onnx/model-spec';
import { trainingSignature } from '../../onnx/training/unrolled-training';
import type { DemoLogic, TrainingJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import { CLASS_SETS, PIXELS, SIDE, edgeSet, pixelPermutation, type EdgeLabel, type EdgeSet } from './edge-images';
import { batchOf, epochOrder, initialState, initialWeights, wholeSet } from './edges-feeds';
import { FILTERS, evaluatedOf, edgeTrainingModel, edgeTrainingSpec, isCnn, kernelOf, type EdgeTrainingConfig } from './edges-model';
import { batchSize, edgesSchema, stepsPerEpoch, trainImages, type EdgeModelName, type EdgesParams } from './edges-schema';

/** Steps unrolled in one graph at most. */
const MAX_STEPS_PER_CALL = 40;
/** Points of the validation curves a long run is thinned to (about; whole epochs apart). */
const CURVE_POINTS = 50;

export interface EdgeModelResult {
  name: EdgeModelName;
  /** Accuracy on the training images and on the validation images after the last epoch. */
  trainAcc: number;
  valAcc: number;
  /** Mean training loss of each epoch (cross-entropy over its minibatches). */
  loss: number[];
  /** Validation cross-entropy and accuracies after each epoch of `evalEpochs`. */
  valLoss: number[];
  valAccHistory: number[];
  trainAccHistory: number[];
  /** Validation confusion matrix after the last epoch: rows = true class, columns = predicted. */
  confusion: number[][];
  /** The class predicted for each validation image after the last epoch (the order of the set). */
  valPredictions: number[];
  /** CNNs: the mean of the three features the classifier reads (global averages), per true class. */
  featureMeans?: number[][];
  /** CNNs: the first layer's filters [filter][row][col] after training and before it. */
  filters?: number[][][];
  initialFilters?: number[][][];
}

export interface EdgesResult {
  models: EdgeModelResult[];
  classes: EdgeLabel[];
  epochs: number;
  trainImages: number;
  valImages: number;
  batch: number;
  stepsPerEpoch: number;
  /** The epochs after which both sets were evaluated (every epoch, or every few in long runs). */
  evalEpochs: number[];
  /** Validation accuracy against training images per class, when `sweep` is given. */
  sweep?: { perClass: number; trainImages: number; models: { name: EdgeModelName; trainAcc: number; valAcc: number }[] }[];
  /** Training images as the models see them, at least 2 per class; and validation images. */
  samples: { label: EdgeLabel; image: number[][] }[];
  valSamples: { label: EdgeLabel; image: number[][] }[];
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/** The largest divisor of n not above `max` (at least 1). */
function largestDivisor(n: number, max: number): number {
  for (let k = Math.min(n, max); k > 1; k--) if (n % k === 0) return k;
  return 1;
}

export interface Schedule {
  stepsPerCall: number;
  /** Epochs between evaluations, and session calls per evaluation (only the last one's is kept). */
  evalEvery: number;
  callsPerEval: number;
}

/**
 * How a run is cut into session calls. Evaluating both sets costs about as much as an epoch of
 * training, so a long run with short epochs is evaluated every few epochs (whole calls of several
 * epochs), and a long epoch is split into equal calls, evaluated at its end.
 */
export function scheduleOf(spe: number, epochs: number, max = MAX_STEPS_PER_CALL): Schedule {
  if (spe <= max) {
    const every = largestDivisor(epochs, Math.max(1, Math.min(Math.floor(epochs / CURVE_POINTS), Math.floor(max / spe))));
    return { stepsPerCall: every * spe, evalEvery: every, callsPerEval: 1 };
  }
  const k = largestDivisor(spe, max);
  return { stepsPerCall: k, evalEvery: 1, callsPerEval: spe / k };
}

interface RunData {
  train: EdgeSet;
  val: EdgeSet;
}

/** The training and validation images of a state, for one training-set size. */
export function edgeData(s: FullState<EdgesParams>, perClass: number): RunData {
  const classes = Number(s.classes) as 3 | 5;
  const permutation = s.permute === '1' ? pixelPermutation(s.seed) : null;
  const split = s.shift === 'split';
  return {
    train: edgeSet({ seed: s.seed, purpose: 'train', classes, perClass, range: split ? 'first-half' : 'any', permutation }),
    val: edgeSet({ seed: s.seed, purpose: 'val', classes, perClass: s.val_per_class, range: split ? 'second-half' : 'any', permutation }),
  };
}

function config(s: FullState<EdgesParams>, model: EdgeModelName, n: number, steps: number, valCount: number): EdgeTrainingConfig {
  return { model, classes: Number(s.classes), kernel: s.kernel, batch: batchSize(s, n), steps, trainCount: n, valCount, weightDecay: s.wd };
}

function trainingJob(s: FullState<EdgesParams>, model: EdgeModelName, data: RunData): TrainingJob {
  const n = data.train.count;
  const classes = Number(s.classes);
  const spe = stepsPerEpoch(s, n);
  const batch = batchSize(s, n);
  const k = scheduleOf(spe, s.epochs).stepsPerCall;
  const base = config(s, model, n, k, data.val.count);
  const signature = trainingSignature(edgeTrainingSpec(base), evaluatedOf(model));
  const { state, frozen } = initialState(s.seed, base, s.wd);
  const fixed: Feeds = { ...frozen, ...wholeSet(data.train, classes, 'train'), ...wholeSet(data.val, classes, 'val') };
  const lr: Feeds = { lr: { data: Float32Array.of(model === 'cnn-frozen' ? s.frozen_lr : s.lr), dims: [1] } };
  return {
    kind: 'train',
    spec: (steps) => edgeTrainingModel({ ...base, steps }),
    stepsPerCall: k,
    totalSteps: spe * s.epochs,
    initial: state,
    state: signature.state,
    streams: signature.streams,
    feeds(first, steps): Feeds {
      const order: number[] = [];
      for (let step = first; step < first + steps; step++) {
        const within = step % spe;
        order.push(...epochOrder(s.seed, Math.floor(step / spe), n).slice(within * batch, (within + 1) * batch));
      }
      const { x, y } = batchOf(data.train, order, classes);
      return { ...fixed, ...lr, x: { data: x, dims: [steps, batch, 1, SIDE, SIDE] }, y: { data: y, dims: [steps, batch, classes] } };
    },
  };
}

/** Training sizes of a state: `per_class` first, then the sweep's, each once. */
export const sizesOf = (s: EdgesParams) => [...new Set([s.per_class, ...s.sweep])];
const modelsOf = (s: EdgesParams) => [...new Set(s.models)];

function filtersOf(data: Float32Array, k: number): number[][][] {
  return Array.from({ length: data.length / (k * k) }, (_, f) => Array.from({ length: k }, (_, r) => Array.from(data.subarray(f * k * k + r * k, f * k * k + (r + 1) * k), (v) => round(v))));
}

function modelResult(s: FullState<EdgesParams>, model: EdgeModelName, data: RunData, out: Outputs): EdgeModelResult {
  const n = data.train.count;
  const spe = stepsPerEpoch(s, n);
  const { evalEvery, callsPerEval } = scheduleOf(spe, s.epochs);
  const classes = Number(s.classes);
  // Evaluation p (after epoch (p + 1)·evalEvery) is the output of the last call before it.
  const at = (name: string, p: number, width = 1) => out[name]!.data.subarray(((p + 1) * callsPerEval - 1) * width, (p + 1) * callsPerEval * width);
  const points = Array.from({ length: s.epochs / evalEvery }, (_, p) => p);
  const last = points.length - 1;
  const losses = out['losses']!.data;
  if (!losses.every(Number.isFinite)) throw new Error(`${model} diverged (its loss became infinite); try a smaller learning rate than ${model === 'cnn-frozen' ? `frozen_lr=${s.frozen_lr}` : `lr=${s.lr}`}`);
  const predicted = at('valPredicted', last, data.val.count * classes);
  const valPredictions = Array.from({ length: data.val.count }, (_, i) => predicted.subarray(i * classes, (i + 1) * classes).indexOf(1));
  const confusion = Array.from({ length: classes }, () => Array<number>(classes).fill(0));
  valPredictions.forEach((p, i) => confusion[data.val.labels[i]!]![p]!++);
  const result: EdgeModelResult = {
    name: model,
    trainAcc: round(at('trainCorrect', last)[0]! / n),
    valAcc: round(at('valCorrect', last)[0]! / data.val.count),
    loss: Array.from({ length: s.epochs }, (_, e) => round(losses.subarray(e * spe, (e + 1) * spe).reduce((a, b) => a + b, 0) / spe)),
    valLoss: points.map((p) => round(at('valLoss', p)[0]!)),
    valAccHistory: points.map((p) => round(at('valCorrect', p)[0]! / data.val.count)),
    trainAccHistory: points.map((p) => round(at('trainCorrect', p)[0]! / n)),
    confusion,
    valPredictions,
  };
  if (isCnn(model)) {
    const base = config(s, model, n, 1, data.val.count);
    const k = kernelOf(base);
    result.initialFilters = filtersOf(initialWeights(s.seed, base)['w1']!.data, k);
    // A frozen first layer is an input, not state: it ends as it started.
    result.filters = out['w1'] ? filtersOf(out['w1'].data, k) : result.initialFilters;
    const features = at('valFeatures', last, data.val.count * FILTERS);
    result.featureMeans = Array.from({ length: classes }, (_, c) => {
      const members = valPredictions.map((_, i) => i).filter((i) => data.val.labels[i] === c);
      return Array.from({ length: FILTERS }, (_, f) => round(members.reduce((sum, i) => sum + features[i * FILTERS + f]!, 0) / members.length));
    });
  }
  return result;
}

function evalEpochsOf(s: FullState<EdgesParams>, n: number): number[] {
  const { evalEvery } = scheduleOf(stepsPerEpoch(s, n), s.epochs);
  return Array.from({ length: s.epochs / evalEvery }, (_, p) => (p + 1) * evalEvery);
}

function samplesOf(set: EdgeSet, names: readonly EdgeLabel[], perClass: number) {
  const picked: number[] = [];
  for (let c = 0; c < names.length; c++) {
    for (let i = 0, found = 0; i < set.count && found < perClass; i++) if (set.labels[i] === c) picked.push(i), found++;
  }
  return picked.map((i) => ({
    label: names[set.labels[i]!]!,
    image: Array.from({ length: SIDE }, (_, r) => Array.from(set.images.subarray(i * PIXELS + r * SIDE, i * PIXELS + (r + 1) * SIDE), (v) => round(v, 3))),
  }));
}

export const edgesLogic: DemoLogic<EdgesParams, EdgesResult> = {
  schema: edgesSchema,
  plan(s) {
    return sizesOf(s).flatMap((perClass) => {
      const data = edgeData(s, perClass);
      return modelsOf(s).map((model) => trainingJob(s, model, data));
    });
  },
  finish(s, outputs) {
    const models = modelsOf(s);
    const names = CLASS_SETS[s.classes === '5' ? 5 : 3];
    const bySize = sizesOf(s).map((perClass, i) => {
      const data = edgeData(s, perClass);
      return { perClass, data, results: models.map((m, j) => modelResult(s, m, data, outputs[i * models.length + j]!)) };
    });
    const main = bySize[0]!;
    const n = main.data.train.count;
    const result: EdgesResult = {
      models: main.results,
      classes: [...names],
      epochs: s.epochs,
      trainImages: n,
      valImages: main.data.val.count,
      batch: batchSize(s, n),
      stepsPerEpoch: stepsPerEpoch(s, n),
      evalEpochs: evalEpochsOf(s, n),
      samples: samplesOf(main.data.train, names, 2),
      valSamples: samplesOf(main.data.val, names, 2),
    };
    if (s.sweep.length) {
      result.sweep = [...bySize]
        .sort((a, b) => a.perClass - b.perClass)
        .map((b) => ({ perClass: b.perClass, trainImages: trainImages(s, b.perClass), models: b.results.map((r) => ({ name: r.name, trainAcc: r.trainAcc, valAcc: r.valAcc })) }));
    }
    return result;
  },
};
