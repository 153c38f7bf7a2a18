import type { Feeds, Outputs } from '../../onnx/model-spec';
import { stateSlots } from '../../onnx/training/optimizers';
import { stateName, trainingSignature } from '../../onnx/training/unrolled-training';
import type { DemoLogic, TrainingJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import { epochFeeds, initialParams, testFeeds } from './dropout-real-feeds';
import { BATCH, OPTIMIZER, PARAMS, trainingGraphSpec, trainingModel } from './dropout-real-model';
import { dropoutRealSchema, stepsPerEpoch, type DropoutRealParams } from './dropout-real-schema';
import { CLASSES, PIXELS, SIDE, writeImages, type MnistSubset } from './mnist-subset';

/** Held-out digits per version (with cheat, clean): the first 500 of the 1,000 in the file. */
export const TEST_COUNT = 500;

export interface DropoutRealModelResult {
  p: number;
  /** Fraction of held-out digits classified correctly when the label is written into them. */
  accWithCheat: number;
  /** …and when the four cheat pixels are blank. */
  accClean: number;
  /** Mean training loss (cross-entropy, with dropout active) of each epoch. */
  trainLoss: number[];
  /** Both accuracies after each epoch. */
  accWithCheatByEpoch: number[];
  accCleanByEpoch: number[];
  /**
   * After the last epoch, the fraction of the clean held-out digits the network labels as each
   * class 0…9 (they add up to 1). A clean image carries the code of a 0 (four blank pixels), so a
   * network that reads only the code answers 0 for nearly all of them.
   */
  cleanAnswers: number[];
}

export interface DropoutRealResult {
  models: DropoutRealModelResult[];
  /** Training images actually used (whole minibatches), epochs, held-out images per version. */
  trainImages: number;
  epochs: number;
  testImages: number;
  /** Accuracy of guessing: 1 in 10 classes. */
  chance: number;
  /** A few held-out digits as the network sees them with the cheat: 12x12 values in [0, 1]. */
  samples: { label: number; pixels: number[][] }[];
}

/** Held-out digits shown beside the results. */
const SAMPLES = 4;

/**
 * Learning rate of epoch `epoch` (0-based) of `epochs`: `lr` decayed along half a cosine,
 * lr · (1 + cos(π · epoch / epochs)) / 2, from lr in the first epoch to nearly 0 in the last.
 */
export function epochLearningRate(lr: number, epoch: number, epochs: number): number {
  return (lr * (1 + Math.cos((Math.PI * epoch) / epochs))) / 2;
}

function trainingJob(s: FullState<DropoutRealParams>, data: MnistSubset, p: number, model: number): TrainingJob {
  const steps = stepsPerEpoch(s);
  const config = { steps, dropout: p > 0, testCount: TEST_COUNT };
  const signature = trainingSignature(trainingGraphSpec(config), ['testCorrect', 'testAnswers']);
  const initial = initialParams(s.seed);
  // The momentum buffers start at zero.
  for (const { name, shape } of PARAMS) {
    for (const slot of stateSlots(OPTIMIZER)) initial[stateName(name, slot)] = { data: new Float32Array(initial[name]!.data.length), dims: shape };
  }
  const test = testFeeds(data.test, TEST_COUNT);
  return {
    kind: 'train',
    // One call is one epoch, so the test accuracy the graph computes after its last step is per epoch.
    spec: (k) => trainingModel({ ...config, steps: k }),
    stepsPerCall: steps,
    totalSteps: steps * s.epochs,
    initial,
    state: signature.state,
    streams: signature.streams,
    feeds(first): Feeds {
      const epoch = first / steps;
      return {
        ...epochFeeds(data.train, { seed: s.seed, model, p, epoch, train: s.train }),
        ...test,
        lr: { data: Float32Array.of(epochLearningRate(s.lr, epoch, s.epochs)), dims: [1] },
      };
    },
  };
}

const mean = (xs: Float32Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/**
 * The demo's computation given the digits: in the browser they are fetched first
 * (mnist-browser.ts), in Node read from disk (mnist-node.ts).
 */
export function dropoutRealLogic(data: () => MnistSubset): DemoLogic<DropoutRealParams, DropoutRealResult> {
  return {
    schema: dropoutRealSchema,
    plan: (s) => {
      const d = data();
      return s.p.map((p, model) => trainingJob(s, d, p, model));
    },
    finish(s, outputs: Outputs[]) {
      const steps = stepsPerEpoch(s);
      const models = s.p.map((p, i) => {
        const out = outputs[i]!;
        const losses = out['losses']!.data;
        const correct = out['testCorrect']!.data;
        const trainLoss = Array.from({ length: s.epochs }, (_, e) => round(mean(losses.subarray(e * steps, (e + 1) * steps))));
        const byEpoch = (half: number) => Array.from({ length: s.epochs }, (_, e) => round(correct[2 * e + half]! / TEST_COUNT));
        const accWithCheatByEpoch = byEpoch(0);
        const accCleanByEpoch = byEpoch(1);
        // testAnswers is [epochs, 2, 10]: the clean half of the last epoch.
        const answers = out['testAnswers']!.data;
        const last = (2 * (s.epochs - 1) + 1) * CLASSES;
        const cleanAnswers = Array.from(answers.subarray(last, last + CLASSES), (n) => round(n / TEST_COUNT));
        return { p, accWithCheat: accWithCheatByEpoch.at(-1)!, accClean: accCleanByEpoch.at(-1)!, trainLoss, accWithCheatByEpoch, accCleanByEpoch, cleanAnswers };
      });
      const test = data().test;
      const images = new Float32Array(SAMPLES * PIXELS);
      const picked = Array.from({ length: SAMPLES }, (_, i) => i);
      writeImages(test, picked, 'cheat', images);
      const samples = picked.map((i) => ({
        label: test.labels[i]!,
        pixels: Array.from({ length: SIDE }, (_, r) => Array.from(images.subarray(i * PIXELS + r * SIDE, i * PIXELS + (r + 1) * SIDE), (v) => round(v, 3))),
      }));
      return { models, trainImages: steps * BATCH, epochs: s.epochs, testImages: TEST_COUNT, chance: 1 / CLASSES, samples };
    },
  };
}
