import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam, listParam, namesParam, numberParam } from '../common/param-kinds';

export const MODEL_NAMES = ['cnn', 'cnn-avg', 'mlp', 'cnn-frozen'] as const;
export type EdgeModelName = (typeof MODEL_NAMES)[number];

export interface EdgesParams {
  models: EdgeModelName[];
  per_class: number;
  val_per_class: number;
  classes: '3' | '5';
  kernel: number;
  epochs: number;
  lr: number;
  frozen_lr: number;
  batch: number;
  wd: number;
  shift: 'none' | 'split';
  permute: '0' | '1';
  sweep: number[];
}

/**
 * Image-passes one link may ask for: models × (1 + sweep sizes) × epochs × training images, the
 * evaluation of both sets after every epoch counted too (forward and backward count as 3 passes).
 * The default asks for 2 × 150 × (3·60 + 60 + 150) = 117,000 and trains in about 4 s on WASM
 * here; the cap keeps the largest allowed run under about a minute.
 */
export const MAX_WORK = 1_500_000;

export function trainImages(s: Pick<EdgesParams, 'classes' | 'per_class'>, perClass = s.per_class): number {
  return Number(s.classes) * perClass;
}

/** Minibatches never hold more images than the set has; a partial last batch is dropped. */
export const batchSize = (s: Pick<EdgesParams, 'batch' | 'classes'>, n: number) => Math.min(s.batch, n);
export const stepsPerEpoch = (s: Pick<EdgesParams, 'batch' | 'classes'>, n: number) => Math.floor(n / batchSize(s, n));

export function work(s: EdgesParams): number {
  const sizes = [s.per_class, ...s.sweep];
  const val = Number(s.classes) * s.val_per_class;
  return s.models.length * s.epochs * sizes.reduce((sum, pc) => {
    const n = trainImages(s, pc);
    // Training (forward and backward, about 3 passes) plus the per-epoch evaluation of both sets.
    return sum + 3 * stepsPerEpoch(s, n) * batchSize(s, n) + n + val;
  }, 0);
}

export const edgesSchema = defineDemo<EdgesParams>({
  name: 'edges',
  title: 'Inductive bias of CNNs: edge images, CNN against MLP',
  summary: 'Train a tiny CNN and an MLP in your browser on synthetic edge images: few examples, frozen edge detectors, domain shift, permuted pixels, five classes.',
  defaultSeed: 7,
  controls: ['models', 'per_class', 'val_per_class', 'classes', 'kernel', 'epochs', 'lr', 'frozen_lr', 'batch', 'wd', 'shift', 'permute', 'sweep'],
  params: {
    models: namesParam({
      name: 'models',
      default: ['cnn', 'mlp'],
      values: MODEL_NAMES,
      description:
        'Models trained side by side on the same images: `cnn` (3 filters, conv → ReLU → max pool 2 → conv → ReLU → global average pool → linear), `cnn-avg` (average pooling instead), `mlp` (784 → 50 → 10 → classes, ReLU), `cnn-frozen` (2×2 first layer fixed to two edge detectors and a zero filter; only the final linear layer trains).',
    }),
    per_class: intParam({ name: 'per_class', default: 20, min: 1, max: 500, description: 'Training images per class.' }),
    val_per_class: intParam({ name: 'val_per_class', default: 50, min: 1, max: 200, description: 'Validation images per class.' }),
    classes: enumParam({ name: 'classes', default: '3', values: ['3', '5'] as const, description: '3: horizontal, vertical, no edge; 5 adds diagonal and both (a horizontal and a vertical band).' }),
    kernel: intParam({ name: 'kernel', default: 7, min: 1, max: 13, description: 'Kernel size of both convolutions of `cnn` and `cnn-avg` (reflect padding keeps the size; an even kernel pads one more at the bottom and right).' }),
    epochs: intParam({ name: 'epochs', default: 150, min: 1, max: 1000, description: 'Passes over the training images.' }),
    lr: numberParam({ name: 'lr', default: 0.005, min: 0.00001, max: 1, description: 'Learning rate of SGD with momentum 0.9 (`cnn`, `cnn-avg`, `mlp`).' }),
    frozen_lr: numberParam({ name: 'frozen_lr', default: 0.05, min: 0.00001, max: 1, description: 'Learning rate of `cnn-frozen` (the notebook trains its classifier with 0.05).' }),
    batch: intParam({ name: 'batch', default: 10, min: 1, max: 256, description: 'Minibatch size (at most the training-set size; a partial last batch is dropped).' }),
    wd: numberParam({ name: 'wd', default: 0, min: 0, max: 0.1, description: 'Weight decay λ (λ·w added to every gradient, as PyTorch does).' }),
    shift: enumParam({
      name: 'shift',
      default: 'none',
      values: ['none', 'split'] as const,
      description: '`split`: training edges start in the first half of the image (rows or columns 1–13), validation edges in the second (14–27).',
    }),
    permute: enumParam({ name: 'permute', default: '0', values: ['0', '1'] as const, description: '`1`: the 784 pixels of every image are shuffled by one fixed random permutation (drawn from `seed`).' }),
    sweep: listParam({
      name: 'sweep',
      default: [],
      min: 1,
      max: 500,
      maxLength: 8,
      integer: true,
      allowEmpty: true,
      description: 'Training-set sizes (images per class) to sweep: every model is also trained at each, and validation accuracy is plotted against the size.',
    }),
  },
  check(s) {
    if (s.models.length === 0) return { reset: ['models'], message: 'models names no model' };
    if (work(s) <= MAX_WORK) return null;
    return {
      reset: ['epochs', 'per_class', 'sweep'],
      message: `${s.models.length} models × ${s.epochs} epochs on ${[s.per_class, ...s.sweep].join(', ')} images per class is more training than one run may ask for (at most ${MAX_WORK.toLocaleString('en')} image-passes)`,
    };
  },
});
