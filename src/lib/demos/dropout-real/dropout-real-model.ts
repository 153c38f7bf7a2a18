import type { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { conv2d, flatten, maxPool2d } from '../../onnx/training/cnn-ops';
import { addBias, applyMask, matmul, relu, softmaxCrossEntropy } from '../../onnx/training/dense-ops';
import type { OptimizerConfig } from '../../onnx/training/optimizers';
import { Tape } from '../../onnx/training/tape';
import { buildTrainingGraph, type TensorShape, type TrainingGraphSpec } from '../../onnx/training/unrolled-training';
import { CLASSES, SIDE } from './mnist-subset';

/**
 * The notebook's CNN scaled down: conv 1→C1 3x3 "same", max pool 2, ReLU, dropout, conv C1→C2
 * 3x3 "same", max pool 2, ReLU, dropout, fully connected to 10 classes. On 12x12 digits the
 * feature maps are C1x6x6 and C2x3x3.
 */
export const C1 = 8;
export const C2 = 16;
export const BATCH = 64;
const POOLED1 = SIDE / 2;
const POOLED2 = SIDE / 4;
export const FEATURES = C2 * POOLED2 * POOLED2;

/** Dropout masks per image: after the first block [C1, 6, 6], after the second [C2, 3, 3]. */
export const MASK1: number[] = [C1, POOLED1, POOLED1];
export const MASK2: number[] = [C2, POOLED2, POOLED2];

export const PARAMS: TensorShape[] = [
  { name: 'w1', shape: [C1, 1, 3, 3] },
  { name: 'b1', shape: [C1] },
  { name: 'w2', shape: [C2, C1, 3, 3] },
  { name: 'b2', shape: [C2] },
  { name: 'fc', shape: [FEATURES, CLASSES] },
  { name: 'fb', shape: [CLASSES] },
];

/** Inputs each parameter's initial range depends on (PyTorch's default: U(±1/√fan_in)). */
export const FAN_IN: Record<string, number> = { w1: 9, b1: 9, w2: C1 * 9, b2: C1 * 9, fc: FEATURES, fb: FEATURES };

export const OPTIMIZER: OptimizerConfig = { kind: 'momentum', momentum: 0.9 };

interface NetInputs {
  params: Record<string, string>;
  x: string;
  batch: number;
  /** Dropout masks (already scaled by 1/(1−p)); none at evaluation, or when p = 0. */
  masks?: { m1: string; m2: string };
}

/** The forward pass to the logits [batch, 10], recorded on the tape. */
export function forward(t: Tape, { params: p, x, batch: n, masks }: NetInputs): string {
  let h = conv2d(t, x, p['w1']!, p['b1']!, { input: [n, 1, SIDE, SIDE], outChannels: C1, kernel: 3, pad: 1, stride: 1, inputGrad: false });
  h = relu(t, maxPool2d(t, h, [n, C1, SIDE, SIDE]));
  if (masks) h = applyMask(t, h, masks.m1);
  h = conv2d(t, h, p['w2']!, p['b2']!, { input: [n, C1, POOLED1, POOLED1], outChannels: C2, kernel: 3, pad: 1, stride: 1 });
  h = relu(t, maxPool2d(t, h, [n, C2, POOLED1, POOLED1]));
  if (masks) h = applyMask(t, h, masks.m2);
  return addBias(t, matmul(t, flatten(t, h, [n, C2, POOLED2, POOLED2]), p['fc']!), p['fb']!);
}

/**
 * Counts the images whose true class has the largest logit, for each half of an evaluation batch
 * stacked as [with cheat; clean]: returns a [2] tensor. (A tie with another class counts as
 * correct; with float logits that does not happen in practice.)
 */
function countCorrect(g: GraphBuilder, logits: string, best: string, onehot: string, perHalf: number): string {
  const [picked] = g.node('ReduceSum', [g.node('Mul', [logits, onehot])[0]!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 1 });
  const [hit] = g.node('GreaterOrEqual', [picked!, best]);
  const [hits] = g.node('Cast', [hit!], { to: 1 });
  const [halves] = g.node('Reshape', [hits!, g.constantInt64(g.fresh('shape'), [2], [2, perHalf])]);
  return g.node('ReduceSum', [halves!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 0 })[0]!;
}

/**
 * How many images of each half [with cheat; clean] the network assigns to each class (the class
 * of the largest logit): a [2, 10] tensor. (A tie would count for both classes; see above.)
 */
function countAnswers(g: GraphBuilder, logits: string, best: string, perHalf: number): string {
  const [top] = g.node('Equal', [logits, best]);
  const [ones] = g.node('Cast', [top!], { to: 1 });
  const [halves] = g.node('Reshape', [ones!, g.constantInt64(g.fresh('shape'), [3], [2, perHalf, CLASSES])]);
  return g.node('ReduceSum', [halves!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 0 })[0]!;
}

export interface TrainingModelConfig {
  /** Steps unrolled per call: one epoch. */
  steps: number;
  dropout: boolean;
  /** Test images per version (with cheat, clean); evaluated after every call. */
  testCount: number;
}

export function trainingGraphSpec(c: TrainingModelConfig): TrainingGraphSpec {
  return {
    name: 'dropout-real',
    params: PARAMS,
    perStep: [
      { name: 'x', shape: [BATCH, 1, SIDE, SIDE] },
      { name: 'y', shape: [BATCH, CLASSES] },
      ...(c.dropout
        ? [
            { name: 'm1', shape: [BATCH, ...MASK1] },
            { name: 'm2', shape: [BATCH, ...MASK2] },
          ]
        : []),
    ],
    fixed: [
      { name: 'testX', shape: [2 * c.testCount, 1, SIDE, SIDE] },
      { name: 'testY', shape: [2 * c.testCount, CLASSES] },
    ],
    optimizer: OPTIMIZER,
    steps: c.steps,
    loss: ({ tape, params, step }) => {
      const masks = c.dropout ? { m1: step['m1']!, m2: step['m2']! } : undefined;
      const logits = forward(tape, { params, x: step['x']!, batch: BATCH, masks });
      return softmaxCrossEntropy(tape, logits, step['y']!, BATCH);
    },
    evaluate: ({ g, params, fixed }) => {
      // The same weights without dropout; this tape is never differentiated.
      const logits = forward(new Tape(g), { params, x: fixed['testX']!, batch: 2 * c.testCount });
      const [best] = g.node('ReduceMax', [logits], { axes: [1], keepdims: 1 });
      return {
        testCorrect: { name: countCorrect(g, logits, best!, fixed['testY']!, c.testCount), shape: [2] },
        testAnswers: { name: countAnswers(g, logits, best!, c.testCount), shape: [2, CLASSES] },
      };
    },
  };
}

/** v2: the evaluation also counts the answers of each class (testAnswers). */
export function trainingModel(c: TrainingModelConfig): ModelSpec {
  return {
    key: `dropout-real-c${C1}x${C2}-b${BATCH}-k${c.steps}-t${c.testCount}-v2-${c.dropout ? 'dropout' : 'plain'}`,
    build: () => buildTrainingGraph(trainingGraphSpec(c)).bytes,
  };
}
