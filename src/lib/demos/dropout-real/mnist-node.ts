// Node only (build-time results, tests, scripts): the digit subset from disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packMnistSubset } from './mnist-pack';
import { decodeSubset, type MnistSubset } from './mnist-subset';

/** Where scripts/write-mnist.ts writes the file the browser fetches (under the site's base path). */
export const MNIST_FILE = join('public', 'data', 'mnist-subset.bin');

let cached: MnistSubset | undefined;

/**
 * Reads public/data/mnist-subset.bin; in a fresh clone where it has not been written yet, packs
 * the same bytes in memory from the `mnist` package (a test checks that the two agree).
 */
export function mnistSubsetInNode(root = process.cwd()): MnistSubset {
  if (!cached) {
    const file = join(root, MNIST_FILE);
    cached = decodeSubset(existsSync(file) ? new Uint8Array(readFileSync(file)) : packMnistSubset());
  }
  return cached;
}
