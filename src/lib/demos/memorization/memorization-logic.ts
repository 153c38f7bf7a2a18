import type { Feeds, Outputs } from '../../onnx/model-spec';
import { trainingSignature } from '../../onnx/training/unrolled-training';
import { defaultUniform } from '../../random/initializers';
import type { DemoLogic, TrainingJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { MnistSubset } from '../dropout-real/mnist-subset';
import { CLASSES, SIDE, STREAM, TEST_COUNT, batchOf, epochOrder, evaluationFeeds, labelEntropy, streamOf, trainingLabels } from './memorization-data';
import { EVALUATED, PARAMS, parameterCount, trainingGraphSpec, trainingModel } from './memorization-model';
import { batchSize, memorizationSchema, stepsPerEpoch, trainImages, type LabelKind, type MemorizationParams } from './memorization-schema';

export interface MemorizationEpoch {
  epoch: number;
  /** Mean cross-entropy of the epoch's minibatches, each taken before its own update (as the starter code logs it). */
  trainLoss: number;
  /** After the epoch: the share of the training digits whose largest logit is the label they are trained on… */
  trainAcc: number;
  /** …and the share of the held-out digits whose largest logit is their true class. */
  testAcc: number;
}

export interface MemorizationResult {
  history: MemorizationEpoch[];
  labels: LabelKind;
  trainImages: number;
  testImages: number;
  batch: number;
  stepsPerEpoch: number;
  parameters: number;
  /** 1/10: the accuracy of guessing. */
  chance: number;
  /** ln 10: the cross-entropy of a uniform prediction over 10 classes. */
  lnClasses: number;
  /** Entropy of the training labels' frequencies: the least loss of a prediction that ignores the image. */
  labelEntropy: number;
  /** Share of the training digits whose training label is their true class (about 1/10 for random labels). */
  agreement: number;
  /** Share of the training digits that carry the most frequent label: the accuracy of always giving that answer. */
  largestLabelShare: number;
  summary: MemorizationSummary;
}

export interface MemorizationSummary {
  /** Leading epochs whose mean training loss stays within PLATEAU_BAND of ln 10. */
  plateauEpochs: number;
  /** The first epoch after which training accuracy is at least FIT_LEVEL; null if none. */
  fitEpoch: number | null;
  finalTrainLoss: number;
  finalTrainAcc: number;
  finalTestAcc: number;
  /** The lowest and highest test accuracy after any epoch. */
  minTestAcc: number;
  maxTestAcc: number;
}

export const PLATEAU_BAND = 0.05;
export const FIT_LEVEL = 0.95;

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

export interface RunData {
  digits: MnistSubset;
  labels: Uint8Array;
}

export function runData(s: FullState<MemorizationParams>, digits: MnistSubset): RunData {
  return { digits, labels: trainingLabels(digits.train, s.labels, s.seed, trainImages(s)) };
}

/** PyTorch's default initialisation of Conv2d and Linear, weights and biases U(±1/√fan_in), one stream per tensor. */
export function initialParams(seed: number): Feeds {
  const feeds: Feeds = {};
  PARAMS.forEach((p, i) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    feeds[p.name] = { data: defaultUniform(streamOf(seed, STREAM.init, i), size, p.fanIn), dims: p.shape };
  });
  return feeds;
}

function trainingJob(s: FullState<MemorizationParams>, d: RunData): TrainingJob {
  const steps = stepsPerEpoch(s);
  const batch = batchSize(s);
  const n = d.labels.length;
  const config = { batch, steps, trainCount: n, testCount: TEST_COUNT };
  const signature = trainingSignature(trainingGraphSpec(config), EVALUATED);
  const fixed = { ...evaluationFeeds(d.digits.train, d.labels, d.digits.test), lr: { data: Float32Array.of(s.lr), dims: [1] } };
  return {
    kind: 'train',
    // One call is one epoch, so the evaluation the graph makes after its last step is per epoch.
    spec: (k) => trainingModel({ ...config, steps: k }),
    stepsPerCall: steps,
    totalSteps: steps * s.epochs,
    // Plain SGD carries no optimizer state: the parameters are the whole state.
    initial: initialParams(s.seed),
    state: signature.state,
    streams: signature.streams,
    feeds(first): Feeds {
      const { x, y } = batchOf(d.digits.train, d.labels, epochOrder(s.seed, first / steps, n));
      return { ...fixed, x: { data: x, dims: [steps, batch, 1, SIDE, SIDE] }, y: { data: y, dims: [steps, batch, CLASSES] } };
    },
  };
}

/**
 * The epochs a run's streams cover so far (all of them once it is done): what the live curves
 * draw while training goes on, and the result's history at the end.
 */
export function historyOf(s: FullState<MemorizationParams>, streams: Outputs): MemorizationEpoch[] {
  const steps = stepsPerEpoch(s);
  const n = trainImages(s);
  const losses = streams['losses']!.data;
  const train = streams['trainCorrect']!.data;
  const test = streams['testCorrect']!.data;
  return Array.from({ length: Math.min(train.length, Math.floor(losses.length / steps)) }, (_, e) => ({
    epoch: e + 1,
    trainLoss: round(losses.subarray(e * steps, (e + 1) * steps).reduce((a, b) => a + b, 0) / steps),
    trainAcc: round(train[e]! / n),
    testAcc: round(test[e]! / TEST_COUNT),
  }));
}

export function summaryOf(history: readonly MemorizationEpoch[]): MemorizationSummary {
  const plateau = history.findIndex((h) => h.trainLoss < Math.log(CLASSES) - PLATEAU_BAND);
  const last = history.at(-1)!;
  const test = history.map((h) => h.testAcc);
  return {
    plateauEpochs: plateau < 0 ? history.length : plateau,
    fitEpoch: history.find((h) => h.trainAcc >= FIT_LEVEL)?.epoch ?? null,
    finalTrainLoss: last.trainLoss,
    finalTrainAcc: last.trainAcc,
    finalTestAcc: last.testAcc,
    minTestAcc: Math.min(...test),
    maxTestAcc: Math.max(...test),
  };
}

/**
 * The demo's computation given the digits: in the browser they are fetched first
 * (dropout-real's mnist-browser.ts), in Node read from disk (memorization-node.ts).
 */
export function memorizationLogic(digits: () => MnistSubset): DemoLogic<MemorizationParams, MemorizationResult> {
  return {
    schema: memorizationSchema,
    plan: (s) => [trainingJob(s, runData(s, digits()))],
    finish(s, outputs) {
      const out = outputs[0]!;
      if (!out['losses']!.data.every(Number.isFinite)) throw new Error(`training diverged (the loss became infinite); try a smaller learning rate than lr=${s.lr}`);
      const d = runData(s, digits());
      const history = historyOf(s, out);
      const agree = d.labels.reduce((a, l, i) => a + (l === d.digits.train.labels[i] ? 1 : 0), 0);
      const counts = new Array<number>(CLASSES).fill(0);
      for (const l of d.labels) counts[l]!++;
      return {
        history,
        labels: s.labels,
        trainImages: d.labels.length,
        testImages: TEST_COUNT,
        batch: batchSize(s),
        stepsPerEpoch: stepsPerEpoch(s),
        parameters: parameterCount,
        chance: 1 / CLASSES,
        lnClasses: round(Math.log(CLASSES)),
        labelEntropy: round(labelEntropy(d.labels)),
        agreement: round(agree / d.labels.length),
        largestLabelShare: round(Math.max(...counts) / d.labels.length),
        summary: summaryOf(history),
      };
    },
  };
}
