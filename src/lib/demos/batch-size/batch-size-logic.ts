import type { Feeds, Outputs } from '../../onnx/model-spec';
import { stateSlots } from '../../onnx/training/optimizers';
import { stateName, trainingSignature } from '../../onnx/training/unrolled-training';
import { seededRng, type SeededRng } from '../../random/seeded-rng';
import type { DemoLogic, TrainingJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import { CLASSES, PIXELS, SIDE, writeImages, writeOneHot, type MnistSubset } from '../dropout-real/mnist-subset';
import { FAN_IN, OPTIMIZER, PARAMS, stepsPerCall, trainingGraphSpec, trainingModel } from './batch-size-model';
import { batchSizeSchema, learningRate, usedImages, type BatchSizeParams } from './batch-size-schema';

export interface BatchSizeEpoch {
  /** Wall time from the first step of this batch size to the end of the epoch, in ms. */
  ms: number;
  /** Fraction of the epoch's training images whose minibatch step classified them correctly (before the step's update). */
  acc: number;
  /** Mean cross-entropy of the epoch's steps. */
  loss: number;
}

export interface BatchSizeRun {
  batch: number;
  lr: number;
  /** Optimizer steps in all, and session calls (steps unrolled per call: up to 16). */
  steps: number;
  calls: number;
  /** Wall time of the whole run and the accuracy of its last epoch. */
  ms: number;
  acc: number;
  epochs: BatchSizeEpoch[];
}

export interface BatchSizeResult {
  runs: BatchSizeRun[];
  /** Images per epoch used by every run (whole minibatches of each size). */
  images: number[];
}

const stream = (seed: number, ...keys: number[]): SeededRng => seededRng(keys.reduce((s, k) => (Math.imul(s ^ k, 0x9e3779b1) + 0x7f4a7c15) >>> 0, seed >>> 0));

/** Every run starts from these weights (PyTorch's default U(±1/√fan_in)), so only the batch size differs. */
export function initialParams(seed: number): Feeds {
  const rng = stream(seed, 1);
  const feeds: Feeds = {};
  for (const { name, shape } of PARAMS) {
    const bound = 1 / Math.sqrt(FAN_IN[name]!);
    const size = shape.reduce((a, b) => a * b, 1);
    feeds[name] = { data: Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound), dims: shape };
    for (const slot of stateSlots(OPTIMIZER)) feeds[stateName(name, slot)] = { data: new Float32Array(size), dims: shape };
  }
  return feeds;
}

/** Epoch `epoch` visits the training images in one order, the same for every batch size. */
export function epochOrder(seed: number, epoch: number, train: number): number[] {
  return stream(seed, 2, epoch).permutation(train);
}

interface Clock {
  start: number;
  /** Time at the end of each call, and the steps done by then. */
  calls: { at: number; steps: number }[];
}

/** Wall times of the runs planned for a state, read back when that state finishes. */
const clocks = new WeakMap<object, Clock[]>();

function trainingJob(s: FullState<BatchSizeParams>, data: MnistSubset, batch: number, clock: Clock): TrainingJob {
  const perEpoch = usedImages(s.train, batch) / batch;
  const k = stepsPerCall(perEpoch);
  const signature = trainingSignature(trainingGraphSpec(batch, k), ['correct']);
  const lr = { data: Float32Array.of(learningRate(s, batch)), dims: [1] };
  let order: number[] = [];
  return {
    kind: 'train',
    spec: (steps) => trainingModel(batch, steps),
    stepsPerCall: k,
    totalSteps: perEpoch * s.epochs,
    initial: initialParams(s.seed),
    state: signature.state,
    streams: signature.streams,
    feeds(first, steps): Feeds {
      if (first === 0) clock.start = performance.now();
      const epoch = Math.floor(first / perEpoch);
      if (first % perEpoch === 0) order = epochOrder(s.seed, epoch, s.train);
      const from = (first % perEpoch) * batch;
      const used = order.slice(from, from + steps * batch);
      const x = new Float32Array(used.length * PIXELS);
      const y = new Float32Array(used.length * CLASSES);
      writeImages(data.train, used, 'clean', x);
      writeOneHot(data.train, used, y);
      return { x: { data: x, dims: [steps, batch, 1, SIDE, SIDE] }, y: { data: y, dims: [steps, batch, CLASSES] }, lr };
    },
    onCall(_streams, done) {
      clock.calls.push({ at: performance.now(), steps: done });
    },
  };
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/** The demo's computation given the digits (fetched in the browser, read from disk in Node). */
export function batchSizeLogic(data: () => MnistSubset): DemoLogic<BatchSizeParams, BatchSizeResult> {
  return {
    schema: batchSizeSchema,
    plan(s) {
      const d = data();
      const runs = s.batches.map(() => ({ start: 0, calls: [] }) as Clock);
      clocks.set(s, runs);
      // Before each timed run, one untimed call of the same graph: it creates the session (and on
      // WebGPU compiles its shaders), which would otherwise count as training time.
      return s.batches.flatMap((b, i) => {
        const warm = trainingJob(s, d, b, { start: 0, calls: [] });
        return [{ ...warm, totalSteps: warm.stepsPerCall, onCall: undefined }, trainingJob(s, d, b, runs[i]!)];
      });
    },
    finish(s, outputs: Outputs[]) {
      const times = clocks.get(s);
      const runs = s.batches.map((batch, i) => {
        const out = outputs[2 * i + 1]!;
        const perEpoch = usedImages(s.train, batch) / batch;
        const clock = times?.[i];
        const losses = out['losses']!.data;
        const correct = out['correct']!.data;
        const epochs = Array.from({ length: s.epochs }, (_, e) => {
          const steps = [e * perEpoch, (e + 1) * perEpoch] as const;
          const end = clock?.calls.find((c) => c.steps === steps[1]);
          return {
            ms: end ? round(end.at - clock!.start, 1) : 0,
            acc: round(Array.from(correct.subarray(...steps)).reduce((a, b) => a + b, 0) / (perEpoch * batch)),
            loss: round(mean(losses.subarray(...steps))),
          };
        });
        const k = stepsPerCall(perEpoch);
        return { batch, lr: learningRate(s, batch), steps: perEpoch * s.epochs, calls: (perEpoch / k) * s.epochs, ms: epochs.at(-1)!.ms, acc: epochs.at(-1)!.acc, epochs };
      });
      return { runs, images: s.batches.map((b) => usedImages(s.train, b)) };
    },
  };
}
