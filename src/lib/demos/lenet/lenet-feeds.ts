import type { Feeds } from '../../onnx/model-spec';
import { stateSlots } from '../../onnx/training/optimizers';
import { stateName } from '../../onnx/training/unrolled-training';
import { augmentInto, drawAugmentations, type AugmentOptions } from '../../random/augmentation';
import { defaultUniform, kaimingNormal, xavierNormal } from '../../random/initializers';
import { seededRng, type SeededRng } from '../../random/seeded-rng';
import { CLASSES, PIXELS, SIDE, type DigitSet, type LenetDigits } from './lenet-digits';
import { MASK1, MASK2, lenetBuffers, lenetParams, optimizerOf, type LenetParam, type LenetTrainingConfig } from './lenet-model';
import { CROP_PADDING, type Augmentation, type InitKind } from './lenet-schema';

/** Every random draw has its own stream of the seed, keyed by what it is for, not by call order. */
export const streamOf = (seed: number, ...keys: number[]): SeededRng => seededRng(keys.reduce((s, k) => (Math.imul(s ^ k, 0x9e3779b1) + 0x7f4a7c15) >>> 0, seed >>> 0));
export const STREAM = { init: 1, order: 2, augment: 3, masks: 4 } as const;

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The stream of a convolution or FC tensor is keyed by its place among those ten tensors, so a
 * network with batch norm starts from exactly the weights of the one without.
 */
const LAYER_TENSORS = ['conv1_w', 'conv1_b', 'conv2_w', 'conv2_b', 'fc1_w', 'fc1_b', 'fc2_w', 'fc2_b', 'fc3_w', 'fc3_b'];

function initialTensor(seed: number, p: LenetParam, init: InitKind): Float32Array {
  if (p.role === 'gamma') return new Float32Array(size(p.shape)).fill(1);
  if (p.role === 'beta') return new Float32Array(size(p.shape));
  const rng = streamOf(seed, STREAM.init, LAYER_TENSORS.indexOf(p.name));
  const n = size(p.shape);
  if (p.role === 'bias' || init === 'default') return defaultUniform(rng, n, p.fanIn);
  return init === 'kaiming' ? kaimingNormal(rng, n, p.fanIn) : xavierNormal(rng, n, p.fanIn, p.fanOut);
}

/** Initial parameters, running statistics (mean 0, variance 1) and momentum buffers (0): the training job's state. */
export function initialState(seed: number, c: Pick<LenetTrainingConfig, 'bn' | 'wd' | 'l1'>, init: InitKind): Feeds {
  const feeds: Feeds = {};
  const slots = stateSlots(optimizerOf(c));
  for (const p of lenetParams(c)) {
    feeds[p.name] = { data: initialTensor(seed, p, init), dims: p.shape };
    for (const slot of slots) feeds[stateName(p.name, slot)] = { data: new Float32Array(size(p.shape)), dims: p.shape };
  }
  for (const b of lenetBuffers(c)) feeds[b.name] = { data: new Float32Array(size(b.shape)).fill(b.name.endsWith('_var') ? 1 : 0), dims: b.shape };
  return feeds;
}

export interface Normalization {
  mean: number;
  std: number;
}

const normalizations = new WeakMap<DigitSet, Normalization>();

/**
 * Mean and standard deviation of every pixel (in [0, 1]) of the training pool, the constants of
 * transforms.Normalize: inputs are (v − mean)/std, so they have mean 0 and variance 1 over the pool.
 */
export function normalizationOf(train: DigitSet): Normalization {
  let n = normalizations.get(train);
  if (!n) {
    let sum = 0;
    let sq = 0;
    for (const v of train.pixels) {
      sum += v / 255;
      sq += (v / 255) ** 2;
    }
    const mean = sum / train.pixels.length;
    n = { mean, std: Math.sqrt(sq / train.pixels.length - mean * mean) };
    normalizations.set(train, n);
  }
  return n;
}

/** Digits `indices` of a set as [count, 1, 28, 28] floats in [0, 1] (ToTensor), and their one-hot labels. */
export function rawBatch(set: DigitSet, indices: readonly number[]): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(indices.length * PIXELS);
  const y = new Float32Array(indices.length * CLASSES);
  indices.forEach((i, k) => {
    for (let p = 0; p < PIXELS; p++) x[k * PIXELS + p] = set.pixels[i * PIXELS + p]! / 255;
    y[k * CLASSES + set.labels[i]!] = 1;
  });
  return { x, y };
}

export function normalizeInPlace(x: Float32Array, n: Normalization): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - n.mean) / n.std;
  return x;
}

export const augmentOptions = (aug: Augmentation): AugmentOptions => ({ cropPadding: aug.includes('crop') ? CROP_PADDING : 0, flip: aug.includes('flip') });

/** The order in which epoch `epoch` visits the first n training digits (reshuffled every epoch). */
export function epochOrder(seed: number, epoch: number, n: number): number[] {
  return streamOf(seed, STREAM.order, epoch).permutation(n);
}

/** Inverted-dropout masks: 0 with probability p, else 1/(1 − p); `count` masks of `shape`. */
export function dropoutMasks(rng: SeededRng, count: number, shape: readonly number[], p: number): Float32Array {
  const keep = 1 / (1 - p);
  return Float32Array.from({ length: count * size(shape) }, () => (rng.uniform() < p ? 0 : keep));
}

export interface EpochOptions {
  seed: number;
  epoch: number;
  train: number;
  batch: number;
  steps: number;
  aug: Augmentation;
  dropout: number;
}

/**
 * The inputs of one epoch's call: its minibatches in the epoch's order, each digit augmented
 * (on [0, 1] pixels, so crop padding is blank paper, then normalized, as
 * RandomCrop → RandomHorizontalFlip → ToTensor → Normalize do) with draws of the epoch's own
 * stream, the one-hot labels and, with dropout, both layers' masks for every step.
 */
export function epochFeeds(digits: LenetDigits, o: EpochOptions): Feeds {
  const used = epochOrder(o.seed, o.epoch, o.train).slice(0, o.steps * o.batch);
  const { x: raw, y } = rawBatch(digits.train, used);
  let x = raw;
  if (o.aug !== 'none') {
    const options = augmentOptions(o.aug);
    x = new Float32Array(raw.length);
    augmentInto(x, raw, { channels: 1, height: SIDE, width: SIDE }, drawAugmentations(streamOf(o.seed, STREAM.augment, o.epoch), used.length, options), options.cropPadding);
  }
  normalizeInPlace(x, normalizationOf(digits.train));
  const feeds: Feeds = {
    x: { data: x, dims: [o.steps, o.batch, 1, SIDE, SIDE] },
    y: { data: y, dims: [o.steps, o.batch, CLASSES] },
  };
  if (o.dropout > 0) {
    const rng = streamOf(o.seed, STREAM.masks, o.epoch);
    feeds['m1'] = { data: dropoutMasks(rng, used.length, MASK1, o.dropout), dims: [o.steps, o.batch, ...MASK1] };
    feeds['m2'] = { data: dropoutMasks(rng, used.length, MASK2, o.dropout), dims: [o.steps, o.batch, ...MASK2] };
  }
  return feeds;
}

const firstN = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The first `train` training digits and every validation digit, normalized, unaugmented. */
export function evaluationFeeds(digits: LenetDigits, train: number): Feeds {
  const norm = normalizationOf(digits.train);
  const tr = rawBatch(digits.train, firstN(train));
  const va = rawBatch(digits.val, firstN(digits.val.count));
  return {
    trainX: { data: normalizeInPlace(tr.x, norm), dims: [train, 1, SIDE, SIDE] },
    trainY: { data: tr.y, dims: [train, CLASSES] },
    valX: { data: normalizeInPlace(va.x, norm), dims: [digits.val.count, 1, SIDE, SIDE] },
    valY: { data: va.y, dims: [digits.val.count, CLASSES] },
  };
}
