import type { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { conv2d, flatten, maxPool2d } from '../../onnx/training/cnn-ops';
import { addBias, matmul, relu, softmaxCrossEntropy } from '../../onnx/training/dense-ops';
import type { OptimizerConfig } from '../../onnx/training/optimizers';
import { Tape } from '../../onnx/training/tape';
import { buildTrainingGraph, type TensorShape, type TrainingGraphSpec } from '../../onnx/training/unrolled-training';
import { CLASSES, SIDE } from './memorization-data';

/**
 * The starter code's reduced AlexNet, reduced again for 12x12 digits and a browser: three 3×3
 * convolutions (padding 1) with ReLU, max pooling after the first and the third, then two dense
 * layers. On 12x12 inputs the feature maps are C1×12×12 → C1×6×6 → C2×6×6 → C3×6×6 → C3×3×3.
 */
export const C1 = 8;
export const C2 = 16;
export const C3 = 32;
export const HIDDEN = 128;
const HALF = SIDE / 2;
const QUARTER = SIDE / 4;
export const FEATURES = C3 * QUARTER * QUARTER;

export interface MemorizationParam extends TensorShape {
  /** Inputs each output sums: PyTorch's default initialisation draws U(±1/√fanIn). */
  fanIn: number;
}

/** Linear weights are stored [in, out] for MatMul. */
export const PARAMS: MemorizationParam[] = [
  { name: 'w1', shape: [C1, 1, 3, 3], fanIn: 9 },
  { name: 'b1', shape: [C1], fanIn: 9 },
  { name: 'w2', shape: [C2, C1, 3, 3], fanIn: C1 * 9 },
  { name: 'b2', shape: [C2], fanIn: C1 * 9 },
  { name: 'w3', shape: [C3, C2, 3, 3], fanIn: C2 * 9 },
  { name: 'b3', shape: [C3], fanIn: C2 * 9 },
  { name: 'fc1', shape: [FEATURES, HIDDEN], fanIn: FEATURES },
  { name: 'fb1', shape: [HIDDEN], fanIn: FEATURES },
  { name: 'fc2', shape: [HIDDEN, CLASSES], fanIn: HIDDEN },
  { name: 'fb2', shape: [CLASSES], fanIn: HIDDEN },
];

export const parameterCount = PARAMS.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

/** Plain SGD, as the problem asks (p ← p − lr·g). */
export const OPTIMIZER: OptimizerConfig = { kind: 'sgd' };

/** The forward pass of n images [n, 1, 12, 12] to the logits [n, 10], recorded on the tape. */
export function forward(t: Tape, p: Record<string, string>, x: string, n: number): string {
  const conv = (input: string, shape: [number, number, number, number], w: string, b: string, out: number, inputGrad = true) =>
    relu(t, conv2d(t, input, p[w]!, p[b]!, { input: shape, outChannels: out, kernel: 3, pad: 1, stride: 1, inputGrad }));
  let h = conv(x, [n, 1, SIDE, SIDE], 'w1', 'b1', C1, false);
  h = maxPool2d(t, h, [n, C1, SIDE, SIDE]);
  h = conv(h, [n, C1, HALF, HALF], 'w2', 'b2', C2);
  h = conv(h, [n, C2, HALF, HALF], 'w3', 'b3', C3);
  h = maxPool2d(t, h, [n, C3, HALF, HALF]);
  h = flatten(t, h, [n, C3, QUARTER, QUARTER]);
  h = relu(t, addBias(t, matmul(t, h, p['fc1']!), p['fb1']!));
  return addBias(t, matmul(t, h, p['fc2']!), p['fb2']!);
}

/**
 * How many rows of a set have the largest logit at their label (one-hot): a scalar. A tie with
 * another class counts as correct; with float logits it does not happen in practice.
 */
function countCorrect(g: GraphBuilder, logits: string, onehot: string): string {
  const [best] = g.node('ReduceMax', [logits], { axes: [1], keepdims: 1 });
  const [top] = g.node('Equal', [logits, best!]);
  const [ones] = g.node('Cast', [top!], { to: 1 });
  const [hits] = g.node('Mul', [ones!, onehot]);
  return g.node('ReduceSum', [hits!], { keepdims: 0 })[0]!;
}

export interface MemorizationGraphConfig {
  batch: number;
  /** Steps unrolled per call: one epoch. */
  steps: number;
  /** Training digits (evaluated after every call) and held-out digits. */
  trainCount: number;
  testCount: number;
}

export function trainingGraphSpec(c: MemorizationGraphConfig): TrainingGraphSpec {
  return {
    name: 'memorization',
    params: PARAMS.map(({ name, shape }) => ({ name, shape })),
    perStep: [
      { name: 'x', shape: [c.batch, 1, SIDE, SIDE] },
      { name: 'y', shape: [c.batch, CLASSES] },
    ],
    fixed: [
      { name: 'trainX', shape: [c.trainCount, 1, SIDE, SIDE] },
      { name: 'trainY', shape: [c.trainCount, CLASSES] },
      { name: 'testX', shape: [c.testCount, 1, SIDE, SIDE] },
      { name: 'testY', shape: [c.testCount, CLASSES] },
    ],
    optimizer: OPTIMIZER,
    steps: c.steps,
    loss: ({ tape, params, step }) => softmaxCrossEntropy(tape, forward(tape, params, step['x']!, c.batch), step['y']!, c.batch),
    // After the epoch's last step, the updated weights on every training digit (with the labels it
    // is trained on) and on the held-out digits; these tapes are never differentiated.
    evaluate: ({ g, params, fixed }) => ({
      trainCorrect: { name: countCorrect(g, forward(new Tape(g), params, fixed['trainX']!, c.trainCount), fixed['trainY']!), shape: [] },
      testCorrect: { name: countCorrect(g, forward(new Tape(g), params, fixed['testX']!, c.testCount), fixed['testY']!), shape: [] },
    }),
  };
}

export const EVALUATED = ['trainCorrect', 'testCorrect'];

export function trainingModel(c: MemorizationGraphConfig): ModelSpec {
  return {
    key: `memorization-c${C1}x${C2}x${C3}-h${HIDDEN}-b${c.batch}-k${c.steps}-n${c.trainCount}-t${c.testCount}`,
    build: () => buildTrainingGraph(trainingGraphSpec(c)).bytes,
  };
}
