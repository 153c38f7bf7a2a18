// Node only (build-time results, tests, scripts): the lenet demo's digits from disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDigits, type LenetDigits } from './lenet-digits';
import { packLenetDigits } from './lenet-digits-pack';

/** Where scripts/write-mnist.ts writes the file the browser fetches (under the site's base path). */
export const LENET_DIGITS_FILE = join('public', 'data', 'mnist-28.bin');

let cached: LenetDigits | undefined;

/**
 * Reads public/data/mnist-28.bin; in a fresh clone where it has not been written yet, packs the
 * same bytes in memory from the `mnist` package (a test checks that the two agree).
 */
export function lenetDigitsInNode(root = process.cwd()): LenetDigits {
  if (!cached) {
    const file = join(root, LENET_DIGITS_FILE);
    cached = decodeDigits(existsSync(file) ? new Uint8Array(readFileSync(file)) : packLenetDigits());
  }
  return cached;
}
