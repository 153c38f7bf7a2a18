import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam, numberParam } from '../common/param-kinds';
import { TRAIN_POOL, VAL_COUNT } from './lenet-digits';

export const AUGMENTATIONS = ['none', 'crop', 'flip', 'crop,flip'] as const;
export type Augmentation = (typeof AUGMENTATIONS)[number];
export const INITS = ['default', 'kaiming', 'xavier'] as const;
export type InitKind = (typeof INITS)[number];

export interface LenetParams {
  bn: '0' | '1';
  act: 'relu' | 'swish';
  lr: number;
  wd: number;
  l1: number;
  aug: Augmentation;
  init: InitKind;
  dropout: number;
  epochs: number;
  train: number;
}

/** Minibatch size: the Duke lab's order of magnitude, and 1,000 digits make 15 whole steps an epoch. */
export const BATCH = 64;
/** RandomCrop's zero padding: ±2 pixels keeps every MNIST digit (centred in a 20×20 box, 4 blank pixels round it) whole. */
export const CROP_PADDING = 2;

/**
 * Whole minibatches only, as DataLoader(shuffle=True, drop_last=True): each epoch visits the
 * `train` digits in a new order and skips the last train mod 64 of that order.
 */
export const stepsPerEpoch = (s: Pick<LenetParams, 'train'>) => Math.floor(s.train / BATCH);

/**
 * Image-passes one link may ask for: per epoch, training (forward and backward, about 3 passes
 * per image) and the evaluation of the training and validation digits. The default asks for
 * 10 × (4 · 1000 + 500) = 45,000; the cap keeps the largest run allowed to a few minutes on WASM.
 */
export const MAX_WORK = 200_000;
export const work = (s: Pick<LenetParams, 'train' | 'epochs'>) => s.epochs * (4 * s.train + VAL_COUNT);

export const lenetSchema = defineDemo<LenetParams>({
  name: 'lenet',
  title: 'LeNet-5 on MNIST digits, trained in your browser',
  summary: 'Train LeNet-5 on 28×28 digits with SGD and momentum: batch norm, Swish, dropout, L1 or L2 penalties, random crops and flips, three initialisations, and the live training and validation curves.',
  defaultSeed: 0,
  controls: ['bn', 'act', 'lr', 'wd', 'l1', 'aug', 'init', 'dropout', 'epochs', 'train'],
  params: {
    bn: enumParam({ name: 'bn', default: '0', values: ['0', '1'] as const, description: '`1`: batch normalization after every convolution and every fully connected layer but the last (before the activation); training mode with the batch\'s statistics, inference mode with the running statistics for evaluation.' }),
    act: enumParam({ name: 'act', default: 'relu', values: ['relu', 'swish'] as const, description: 'Activation after every layer but the last: ReLU, or Swish x·σ(x).' }),
    lr: numberParam({ name: 'lr', default: 0.01, min: 0.00001, max: 100, description: 'Learning rate of SGD with momentum 0.9 (PyTorch\'s form), constant.' }),
    wd: numberParam({ name: 'wd', default: 0, min: 0, max: 0.1, description: 'L2 strength λ as PyTorch\'s `weight_decay`: λ·w is added to the gradient of every parameter (the penalty λ‖w‖²/2).' }),
    l1: numberParam({ name: 'l1', default: 0, min: 0, max: 0.1, description: 'L1 strength λ₁: λ₁·sign(w) is added to the gradient of every parameter (the penalty λ₁‖w‖₁ added to the loss).' }),
    aug: enumParam({ name: 'aug', default: 'none', values: AUGMENTATIONS, description: `Augmentation of every training digit, drawn anew each epoch from \`seed\`: \`crop\` pads by ${CROP_PADDING} zero pixels and crops 28×28 back at a random offset (RandomCrop), \`flip\` mirrors left–right with probability ½ (RandomHorizontalFlip), \`crop,flip\` both, in that order.` }),
    init: enumParam({ name: 'init', default: 'default', values: INITS, description: 'Initial weights of the convolutions and FC layers: PyTorch\'s `default` U(±1/√fan_in), `kaiming` normal N(0, 2/fan_in), or `xavier` normal N(0, 2/(fan_in + fan_out)); biases always U(±1/√fan_in), batch norm γ = 1, β = 0.' }),
    dropout: numberParam({ name: 'dropout', default: 0, min: 0, max: 0.9, description: 'Drop rate on the inputs of FC1 (the 400 flattened features) and FC2 (the 120 hidden units), where torchvision\'s AlexNet puts it; kept units are scaled by 1/(1 − p); none at evaluation.' }),
    epochs: intParam({ name: 'epochs', default: 10, min: 1, max: 100, description: 'Passes over the training digits; both accuracies are measured after each.' }),
    train: intParam({ name: 'train', default: 1000, min: BATCH, max: TRAIN_POOL, description: `Training digits: the first ones of a fixed, shuffled pool of ${TRAIN_POOL}. Every epoch takes them in a new order in minibatches of ${BATCH} and skips the last train mod ${BATCH} of that order (drop_last).` }),
  },
  check(s) {
    if (work(s) <= MAX_WORK) return null;
    return {
      reset: ['epochs', 'train'],
      message: `${s.epochs} epochs × ${s.train} digits is more training than one run may ask for (at most ${MAX_WORK.toLocaleString('en')} image-passes, counted as epochs × (4 × training digits + ${VAL_COUNT}))`,
    };
  },
});
