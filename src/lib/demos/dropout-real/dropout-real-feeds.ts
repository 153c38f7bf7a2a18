import type { Feeds } from '../../onnx/model-spec';
import { seededRng, type SeededRng } from '../../random/seeded-rng';
import { BATCH, FAN_IN, MASK1, MASK2, PARAMS } from './dropout-real-model';
import { CLASSES, PIXELS, SIDE, writeImages, writeOneHot, type DigitSet } from './mnist-subset';

/**
 * Every random draw of a run, each from its own stream of the demo's seed, so that the models of
 * one run start from the same weights and see the same minibatches: only their dropout masks
 * differ. Streams are keyed by what they are for, not by call order, so any call can be redrawn.
 */
const stream = (seed: number, ...keys: number[]): SeededRng => seededRng(keys.reduce((s, k) => (Math.imul(s ^ k, 0x9e3779b1) + 0x7f4a7c15) >>> 0, seed >>> 0));
const INIT = 1;
const ORDER = 2;
const MASKS = 3;

/** PyTorch's default initialisation of Conv2d and Linear: weights and biases U(±1/√fan_in). */
export function initialParams(seed: number): Feeds {
  const rng = stream(seed, INIT);
  const feeds: Feeds = {};
  for (const { name, shape } of PARAMS) {
    const bound = 1 / Math.sqrt(FAN_IN[name]!);
    const size = shape.reduce((a, b) => a * b, 1);
    feeds[name] = { data: Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound), dims: shape };
  }
  return feeds;
}

/** The order in which epoch `epoch` visits the first `train` images (reshuffled every epoch). */
export function epochOrder(seed: number, epoch: number, train: number): number[] {
  return stream(seed, ORDER, epoch).permutation(train);
}

/** Inverted-dropout masks: 0 with probability p, else 1/(1 − p); `count` masks of `shape`. */
export function dropoutMasks(rng: SeededRng, count: number, shape: number[], p: number): Float32Array {
  const size = count * shape.reduce((a, b) => a * b, 1);
  const keep = 1 / (1 - p);
  return Float32Array.from({ length: size }, () => (rng.uniform() < p ? 0 : keep));
}

/**
 * Inputs of one epoch of model `model` (steps = whole minibatches): images with the cheat written
 * in, one-hot labels and, when p > 0, the masks of both dropout layers for every step.
 */
export function epochFeeds(set: DigitSet, o: { seed: number; model: number; p: number; epoch: number; train: number }): Feeds {
  const steps = Math.floor(o.train / BATCH);
  const used = epochOrder(o.seed, o.epoch, o.train).slice(0, steps * BATCH);
  const x = new Float32Array(used.length * PIXELS);
  const y = new Float32Array(used.length * CLASSES);
  writeImages(set, used, 'cheat', x);
  writeOneHot(set, used, y);
  const feeds: Feeds = {
    x: { data: x, dims: [steps, BATCH, 1, SIDE, SIDE] },
    y: { data: y, dims: [steps, BATCH, CLASSES] },
  };
  if (o.p > 0) {
    const rng = stream(o.seed, MASKS, o.model, o.epoch);
    feeds['m1'] = { data: dropoutMasks(rng, steps * BATCH, MASK1, o.p), dims: [steps, BATCH, ...MASK1] };
    feeds['m2'] = { data: dropoutMasks(rng, steps * BATCH, MASK2, o.p), dims: [steps, BATCH, ...MASK2] };
  }
  return feeds;
}

/** The held-out images twice, [with cheat; clean], and their labels twice. */
export function testFeeds(set: DigitSet, count: number): Feeds {
  const idx = Array.from({ length: count }, (_, i) => i);
  const x = new Float32Array(2 * count * PIXELS);
  writeImages(set, idx, 'cheat', x, 0);
  writeImages(set, idx, 'clean', x, count);
  const y = new Float32Array(2 * count * CLASSES);
  writeOneHot(set, idx, y, 0);
  writeOneHot(set, idx, y, count);
  return {
    testX: { data: x, dims: [2 * count, 1, SIDE, SIDE] },
    testY: { data: y, dims: [2 * count, CLASSES] },
  };
}
