import { defineDemo } from '../common/demo-schema';
import { intParam, listParam, numberParam } from '../common/param-kinds';
import { BATCH } from './dropout-real-model';
import { CLASSES, TRAIN_PER_CLASS } from './mnist-subset';

export interface DropoutRealParams {
  p: number[];
  epochs: number;
  train: number;
  lr: number;
}

/**
 * Image-passes (models × epochs × training images) one URL may ask for. The default is
 * 2 × 20 × 2048 ≈ 82,000; the cap, about twice that, admits four drop rates at the default
 * size (≈ 164,000) and keeps the largest run allowed to about half a minute on WASM.
 */
export const MAX_WORK = 170_000;

/** Whole minibatches only: the images of a partial last batch are not used. */
export const stepsPerEpoch = (s: Pick<DropoutRealParams, 'train'>) => Math.floor(s.train / BATCH);
export const work = (s: DropoutRealParams) => s.p.length * s.epochs * stepsPerEpoch(s) * BATCH;

export const dropoutRealSchema = defineDemo<DropoutRealParams>({
  name: 'dropout-real',
  title: 'Dropout against a cheating feature (small CNN on MNIST)',
  summary: 'Train a small CNN on digits whose label is also written into four pixels, with and without dropout, and test it on images without the cheat.',
  defaultSeed: 0,
  controls: ['p', 'epochs', 'train', 'lr'],
  params: {
    p: listParam({
      name: 'p',
      default: [0, 0.75],
      min: 0,
      max: 0.95,
      maxLength: 4,
      description: 'Drop rates, one model trained for each (PyTorch convention: a unit is zeroed with probability p, kept ones are scaled by 1/(1 − p)).',
    }),
    epochs: intParam({ name: 'epochs', default: 20, min: 1, max: 30, description: 'Passes over the training images; the learning rate decays over them (see lr).' }),
    train: intParam({
      name: 'train',
      default: 2048,
      min: BATCH,
      max: CLASSES * TRAIN_PER_CLASS,
      description: `Training images (the first ones of a fixed, shuffled pool of ${CLASSES * TRAIN_PER_CLASS}), in minibatches of ${BATCH}.`,
    }),
    lr: numberParam({ name: 'lr', default: 0.04, min: 0.0001, max: 0.5, description: 'Learning rate of SGD with momentum 0.9 in the first epoch, decayed along half a cosine to nearly 0 in the last: epoch e of E (from 0) uses lr · (1 + cos(πe/E))/2.' }),
  },
  check(s) {
    if (work(s) <= MAX_WORK) return null;
    return {
      reset: ['epochs', 'train'],
      message: `${s.p.length} models × ${s.epochs} epochs × ${stepsPerEpoch(s) * BATCH} images is more training than one run may ask for (at most ${MAX_WORK} image-passes)`,
    };
  },
});
