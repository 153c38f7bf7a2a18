// Writes public/data/mnist-subset.bin, the digits of the dropout-real demo (see
// src/lib/demos/dropout-real/mnist-subset.ts for the format). Deterministic: the same bytes on
// every run, so a rebuild leaves the committed file unchanged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MNIST_FILE } from '../src/lib/demos/dropout-real/mnist-node';
import { packMnistSubset } from '../src/lib/demos/dropout-real/mnist-pack';

const file = join(import.meta.dirname, '..', MNIST_FILE);
mkdirSync(dirname(file), { recursive: true });
const bytes = packMnistSubset();
writeFileSync(file, bytes);
console.log(`wrote ${MNIST_FILE} (${bytes.length} bytes)`);
