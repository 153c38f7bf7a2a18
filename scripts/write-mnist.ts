// Writes public/data/mnist-subset.bin, the digits of the dropout-real demo (see
// src/lib/demos/dropout-real/mnist-subset.ts for the format), and public/data/mnist-28.bin, the
// lenet demo's 28×28 digits (src/lib/demos/lenet/lenet-digits.ts). Deterministic: the same
// bytes on every run, so a rebuild leaves the committed files unchanged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MNIST_FILE } from '../src/lib/demos/dropout-real/mnist-node';
import { packMnistSubset } from '../src/lib/demos/dropout-real/mnist-pack';
import { LENET_DIGITS_FILE } from '../src/lib/demos/lenet/lenet-digits-node';
import { packLenetDigits } from '../src/lib/demos/lenet/lenet-digits-pack';

const file = join(import.meta.dirname, '..', MNIST_FILE);
mkdirSync(dirname(file), { recursive: true });
const bytes = packMnistSubset();
writeFileSync(file, bytes);
console.log(`wrote ${MNIST_FILE} (${bytes.length} bytes)`);

const lenetFile = join(import.meta.dirname, '..', LENET_DIGITS_FILE);
const lenetBytes = packLenetDigits();
writeFileSync(lenetFile, lenetBytes);
console.log(`wrote ${LENET_DIGITS_FILE} (${lenetBytes.length} bytes)`);
