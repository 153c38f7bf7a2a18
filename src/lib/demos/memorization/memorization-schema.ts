import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam, numberParam } from '../common/param-kinds';
import { TEST_COUNT } from './memorization-data';

export const LABEL_KINDS = ['random', 'true'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export interface MemorizationParams {
  labels: LabelKind;
  train: number;
  epochs: number;
  lr: number;
  batch: number;
}

/** The training pool offers at most this many digits; with batch ≥ 32 an epoch is at most 64 steps, one graph. */
export const MAX_TRAIN = 2048;
export const MIN_BATCH = 32;

/** Minibatches never hold more images than the set has. */
export const batchSize = (s: Pick<MemorizationParams, 'batch' | 'train'>) => Math.min(s.batch, s.train);
export const stepsPerEpoch = (s: Pick<MemorizationParams, 'batch' | 'train'>) => Math.floor(s.train / batchSize(s));
/** Whole minibatches only: the images used are the first stepsPerEpoch · batch of the pool, every epoch. */
export const trainImages = (s: Pick<MemorizationParams, 'batch' | 'train'>) => stepsPerEpoch(s) * batchSize(s);

/**
 * Image-passes one link may ask for: per epoch, training (forward and backward, about 3 passes per
 * image) and the evaluation of the training and test images. The default asks for
 * 150 × (4 · 512 + 500) ≈ 382,000; the cap, about three and a half times that, keeps the largest run allowed
 * to a few minutes on WASM.
 */
export const MAX_WORK = 1_300_000;
export const work = (s: Pick<MemorizationParams, 'batch' | 'train' | 'epochs'>) => s.epochs * (4 * trainImages(s) + TEST_COUNT);

export const memorizationSchema = defineDemo<MemorizationParams>({
  name: 'memorization',
  title: 'Memorizing random labels (small CNN on MNIST)',
  summary: 'Train a small AlexNet-style CNN on MNIST digits whose labels were replaced by random ones: a long plateau at ln 10, then a perfect fit, and test accuracy at chance throughout.',
  defaultSeed: 0,
  controls: ['labels', 'train', 'epochs', 'lr', 'batch'],
  params: {
    labels: enumParam({
      name: 'labels',
      default: 'random',
      values: LABEL_KINDS,
      description: '`random`: every training digit gets a label drawn uniformly from 0–9 once, from `seed`, and kept for all epochs; `true`: the digits\' own labels, for contrast.',
    }),
    train: intParam({
      name: 'train',
      default: 512,
      min: MIN_BATCH,
      max: MAX_TRAIN,
      description: `Training digits (the first ones of a fixed, shuffled pool), rounded down to whole minibatches.`,
    }),
    epochs: intParam({ name: 'epochs', default: 150, min: 1, max: 400, description: 'Passes over the training digits; both accuracies are measured after each.' }),
    lr: numberParam({ name: 'lr', default: 0.5, min: 0.0001, max: 2, description: 'Learning rate of plain SGD (no momentum, constant).' }),
    batch: intParam({ name: 'batch', default: 64, min: MIN_BATCH, max: 256, description: 'Minibatch size (at most `train`); the order of the digits is reshuffled every epoch.' }),
  },
  check(s) {
    if (work(s) <= MAX_WORK) return null;
    return {
      reset: ['epochs', 'train'],
      message: `${s.epochs} epochs × ${trainImages(s)} digits is more training than one run may ask for (at most ${MAX_WORK.toLocaleString('en')} image-passes, counted as ${s.epochs} × (4 × ${trainImages(s)} + ${TEST_COUNT}))`,
    };
  },
});
