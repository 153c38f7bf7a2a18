import { defineDemo } from '../common/demo-schema';
import { intParam, listParam, numberParam } from '../common/param-kinds';
import { CLASSES, TRAIN_PER_CLASS } from '../dropout-real/mnist-subset';

export interface BatchSizeParams {
  batches: number[];
  lr: number;
  epochs: number;
  train: number;
}

/** The notebook's batch sizes (EECS 182 Sp23 HW4 Problem 5, Section 3). */
export const NOTEBOOK_BATCHES = [4, 16, 64, 256];
/** The learning rate is lr · batch / REFERENCE_BATCH (the notebook: 1.6·10⁻³ at 64, 10⁻⁴ at 4, 6.4·10⁻³ at 256). */
export const REFERENCE_BATCH = 64;

/** Image-passes (batch sizes × epochs × images) one URL may ask for: about half a minute on WASM at most. */
export const MAX_WORK = 120_000;

export const usedImages = (train: number, batch: number) => Math.floor(train / batch) * batch;
export const work = (s: BatchSizeParams) => s.batches.reduce((n, b) => n + s.epochs * usedImages(s.train, b), 0);

export function learningRate(s: Pick<BatchSizeParams, 'lr'>, batch: number): number {
  return (s.lr * batch) / REFERENCE_BATCH;
}

export const batchSizeSchema = defineDemo<BatchSizeParams>({
  name: 'batch-size',
  title: 'Batch size, learning rate and wall time (small CNN on MNIST)',
  summary: 'Train the same small CNN on the same digits with several batch sizes, the learning rate scaled with the batch, and measure wall time and training accuracy in your browser.',
  defaultSeed: 0,
  controls: ['batches', 'lr', 'epochs', 'train'],
  params: {
    batches: listParam({ name: 'batches', default: NOTEBOOK_BATCHES, min: 1, max: 512, maxLength: 6, integer: true, description: 'Batch sizes to train, one run each (the notebook\'s 4, 16, 64, 256).' }),
    lr: numberParam({
      name: 'lr',
      default: 0.1,
      min: 0.0001,
      max: 1,
      description: `Learning rate at batch ${REFERENCE_BATCH}; batch b trains with lr · b/${REFERENCE_BATCH}, so the rate per image stays the same (the notebook scales it this way). SGD with momentum 0.9.`,
    }),
    epochs: intParam({ name: 'epochs', default: 4, min: 1, max: 20, description: 'Passes over the training images, the same for every batch size.' }),
    train: intParam({
      name: 'train',
      default: 1024,
      min: 64,
      max: CLASSES * TRAIN_PER_CLASS,
      description: `Training images (the first ones of a fixed, shuffled pool of ${CLASSES * TRAIN_PER_CLASS} 12×12 digits), the same for every batch size; each epoch uses the whole minibatches.`,
    }),
  },
  check(s) {
    const big = Math.max(...s.batches);
    if (big > s.train) {
      const fits = Math.max(...NOTEBOOK_BATCHES) <= s.train;
      return { reset: fits ? ['batches'] : ['batches', 'train'], message: `batch ${big} is larger than the ${s.train} training images` };
    }
    if (work(s) > MAX_WORK) return { reset: ['epochs', 'train'], message: `batch sizes × epochs × images is ${work(s)}, more training than one run may ask for (at most ${MAX_WORK} image-passes)` };
    return null;
  },
});
