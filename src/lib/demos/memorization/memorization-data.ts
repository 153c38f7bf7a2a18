import type { Feeds } from '../../onnx/model-spec';
import { seededRng, type SeededRng } from '../../random/seeded-rng';
import { CLASSES, INK, PIXELS, SIDE, type DigitSet } from '../dropout-real/mnist-subset';

/**
 * The digits are the dropout-real demo's subset of MNIST (12x12, stored faintly, at most INK of
 * full ink, with a blank border; no cheat pixels are written here). Each pixel is scaled back to
 * [0, 1] so the darkest stroke is 1, as torchvision's ToTensor gives for MNIST.
 */
export const PIXEL_SCALE = 1 / (255 * INK);
/** Held-out digits the test accuracy is measured on: the first of the 1,000 in the file. */
export const TEST_COUNT = 500;
export { CLASSES, PIXELS, SIDE };

/** Every random draw has its own stream of the seed, keyed by what it is for, not by call order. */
const stream = (seed: number, ...keys: number[]): SeededRng => seededRng(keys.reduce((s, k) => (Math.imul(s ^ k, 0x9e3779b1) + 0x7f4a7c15) >>> 0, seed >>> 0));
export const STREAM = { labels: 1, init: 2, order: 3 } as const;
export const streamOf = (seed: number, purpose: number, ...keys: number[]) => stream(seed, purpose, ...keys);

/**
 * The random labels: digit i of the pool gets the i-th draw, uniform on 0…9, of the seed's label
 * stream. They depend on the seed and the position only — never on the pixels or the true label —
 * and are drawn once per run, so every epoch sees the same ones; a larger `train` keeps the labels
 * of the first digits and adds more.
 */
export function randomLabels(seed: number, count: number): Uint8Array {
  const rng = streamOf(seed, STREAM.labels);
  return Uint8Array.from({ length: count }, () => rng.int(0, CLASSES - 1));
}

/** The labels a run trains on: random ones, or the digits' own. */
export function trainingLabels(set: DigitSet, kind: 'random' | 'true', seed: number, count: number): Uint8Array {
  if (count > set.count) throw new Error(`only ${set.count} training digits, ${count} asked for`);
  return kind === 'random' ? randomLabels(seed, count) : set.labels.slice(0, count);
}

/** The order in which epoch `epoch` visits the n training digits (reshuffled every epoch, as DataLoader(shuffle=True)). */
export function epochOrder(seed: number, epoch: number, n: number): number[] {
  return streamOf(seed, STREAM.order, epoch).permutation(n);
}

/** Digits `indices` of a set as [count, 1, 12, 12] floats in [0, 1], and one-hot rows of `labels[index]`. */
export function batchOf(set: DigitSet, labels: ArrayLike<number>, indices: readonly number[]): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(indices.length * PIXELS);
  const y = new Float32Array(indices.length * CLASSES);
  indices.forEach((i, k) => {
    for (let p = 0; p < PIXELS; p++) x[k * PIXELS + p] = set.pixels[i * PIXELS + p]! * PIXEL_SCALE;
    y[k * CLASSES + labels[i]!] = 1;
  });
  return { x, y };
}

const firstN = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The training digits with the labels they are trained on, and the held-out digits with their own labels. */
export function evaluationFeeds(train: DigitSet, labels: Uint8Array, test: DigitSet): Feeds {
  const tr = batchOf(train, labels, firstN(labels.length));
  const te = batchOf(test, test.labels, firstN(TEST_COUNT));
  return {
    trainX: { data: tr.x, dims: [labels.length, 1, SIDE, SIDE] },
    trainY: { data: tr.y, dims: [labels.length, CLASSES] },
    testX: { data: te.x, dims: [TEST_COUNT, 1, SIDE, SIDE] },
    testY: { data: te.y, dims: [TEST_COUNT, CLASSES] },
  };
}

/** Entropy (nats) of the labels' frequencies: the least mean cross-entropy of any prediction that ignores the image. */
export function labelEntropy(labels: ArrayLike<number>): number {
  const counts = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return -counts.reduce((h, c) => (c ? h + (c / labels.length) * Math.log(c / labels.length) : h), 0);
}
