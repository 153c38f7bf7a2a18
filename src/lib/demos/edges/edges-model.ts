import type { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { conv2d, flatten, maxPool2d, type Shape4 } from '../../onnx/training/cnn-ops';
import { addBias, matmul, relu, softmaxCrossEntropy } from '../../onnx/training/dense-ops';
import type { OptimizerConfig } from '../../onnx/training/optimizers';
import { padReflect, samePads } from '../../onnx/training/padding-ops';
import { avgPool2d, globalAvgPool } from '../../onnx/training/pooling-ops';
import { Tape } from '../../onnx/training/tape';
import { buildTrainingGraph, type TensorShape, type TrainingGraphSpec } from '../../onnx/training/unrolled-training';
import { SIDE } from './edge-images';
import type { EdgeModelName } from './edges-schema';

/** Filters of both convolutions of the notebook's SimpleCNN. */
export const FILTERS = 3;
const HIDDEN = [50, 10] as const;
/** The frozen variant's first layer: two 2×2 edge detectors and a zero filter. */
export const FROZEN_KERNEL = 2;
export const EDGE_DETECTORS: number[][][] = [
  [
    [1, 1],
    [-1, -1],
  ],
  [
    [1, -1],
    [1, -1],
  ],
  [
    [0, 0],
    [0, 0],
  ],
];

export interface EdgeNetConfig {
  model: EdgeModelName;
  classes: number;
  /** Kernel size of both convolutions (the frozen variant always uses 2). */
  kernel: number;
}

export const kernelOf = (c: EdgeNetConfig) => (c.model === 'cnn-frozen' ? FROZEN_KERNEL : c.kernel);
export const isCnn = (model: EdgeModelName) => model !== 'mlp';

export interface EdgeParam extends TensorShape {
  fanIn: number;
  fanOut: number;
  init: 'xavier' | 'default' | 'detectors' | 'zeros';
  /** Fed as a fixed input and never updated. */
  frozen: boolean;
}

/**
 * Every weight of a model with its shape and how it starts. The CNN follows the notebook: Xavier
 * on the first convolution and the classifier, PyTorch's default elsewhere (and for all biases).
 * Linear weights are stored [in, out] for MatMul; the fans do not depend on that.
 */
export function edgeParams(c: EdgeNetConfig): EdgeParam[] {
  const p = (name: string, shape: number[], fanIn: number, fanOut: number, init: EdgeParam['init'], frozen = false): EdgeParam => ({ name, shape, fanIn, fanOut, init, frozen });
  if (c.model === 'mlp') {
    const sizes = [SIDE * SIDE, ...HIDDEN, c.classes];
    return sizes.slice(1).flatMap((out, i) => [p(`w${i + 1}`, [sizes[i]!, out], sizes[i]!, out, 'default'), p(`b${i + 1}`, [out], sizes[i]!, out, 'default')]);
  }
  const k = kernelOf(c);
  const frozen = c.model === 'cnn-frozen';
  return [
    p('w1', [FILTERS, 1, k, k], k * k, FILTERS * k * k, frozen ? 'detectors' : 'xavier', frozen),
    p('b1', [FILTERS], k * k, FILTERS * k * k, frozen ? 'zeros' : 'default', frozen),
    p('w2', [FILTERS, FILTERS, k, k], FILTERS * k * k, FILTERS * k * k, 'default', frozen),
    p('b2', [FILTERS], FILTERS * k * k, FILTERS * k * k, 'default', frozen),
    p('fc', [FILTERS, c.classes], FILTERS, c.classes, 'xavier'),
    p('fb', [c.classes], FILTERS, c.classes, 'default'),
  ];
}

/**
 * The forward pass of a batch of n images [n, 1, 28, 28], on the tape: the logits [n, classes]
 * and, for the CNNs, the three features the classifier reads (the global averages, [n, 3]).
 */
export function edgeNet(t: Tape, c: EdgeNetConfig, w: Record<string, string>, x: string, n: number): { logits: string; features?: string } {
  if (c.model === 'mlp') {
    let h = flatten(t, x, [n, 1, SIDE, SIDE]);
    h = relu(t, addBias(t, matmul(t, h, w['w1']!, { a: false }), w['b1']!));
    h = relu(t, addBias(t, matmul(t, h, w['w2']!), w['b2']!));
    return { logits: addBias(t, matmul(t, h, w['w3']!), w['b3']!) };
  }
  const k = kernelOf(c);
  const frozen = c.model === 'cnn-frozen';
  const pads = samePads(k);
  const conv = (input: string, shape: Shape4, wn: string, bn: string, first: boolean) =>
    conv2d(t, padReflect(t, input, shape, pads), w[wn]!, w[bn]!, {
      input: [shape[0], shape[1], shape[2] + pads[0] + pads[2], shape[3] + pads[1] + pads[3]],
      outChannels: FILTERS,
      kernel: k,
      pad: 0,
      stride: 1,
      inputGrad: !first && !frozen,
      frozen,
    });
  let h = relu(t, conv(x, [n, 1, SIDE, SIDE], 'w1', 'b1', true));
  const half = SIDE / 2;
  h = c.model === 'cnn-avg' ? avgPool2d(t, h, [n, FILTERS, SIDE, SIDE]) : maxPool2d(t, h, [n, FILTERS, SIDE, SIDE]);
  h = relu(t, conv(h, [n, FILTERS, half, half], 'w2', 'b2', false));
  const features = globalAvgPool(t, h, [n, FILTERS, half, half]);
  return { logits: addBias(t, matmul(t, features, w['fc']!), w['fb']!), features };
}

/** The logits [n, classes] of a batch, on the tape. */
export const edgeForward = (t: Tape, c: EdgeNetConfig, w: Record<string, string>, x: string, n: number): string => edgeNet(t, c, w, x, n).logits;

/**
 * Evaluation of a fixed set: the number classified correctly [1], the mean cross-entropy [1], the
 * prediction of every image as a one-hot row [n, classes] (the largest logit) and, for CNNs, the
 * classifier's input features [n, 3].
 */
function evaluateSet(g: GraphBuilder, c: EdgeNetConfig, w: Record<string, string>, x: string, onehot: string, n: number) {
  const t = new Tape(g);
  const { logits, features } = edgeNet(t, c, w, x, n);
  const loss = softmaxCrossEntropy(t, logits, onehot, n);
  const [best] = g.node('ReduceMax', [logits], { axes: [1], keepdims: 1 });
  const [isBest] = g.node('Equal', [logits, best!]);
  const [predicted] = g.node('Cast', [isBest!], { to: 1 });
  const [hits] = g.node('Mul', [onehot, predicted!]);
  const [correct] = g.node('ReduceSum', [hits!], { keepdims: 0 });
  return { correct: correct!, loss, predicted: predicted!, features };
}

export interface EdgeTrainingConfig extends EdgeNetConfig {
  batch: number;
  steps: number;
  trainCount: number;
  valCount: number;
  weightDecay: number;
}

export const optimizerOf = (wd: number): OptimizerConfig => ({ kind: 'momentum', momentum: 0.9, weightDecay: wd });

export function edgeTrainingSpec(c: EdgeTrainingConfig): TrainingGraphSpec {
  const params = edgeParams(c);
  const trained = params.filter((p) => !p.frozen);
  const frozen = params.filter((p) => p.frozen);
  const all = (live: Record<string, string>, fixed: Record<string, string>) => ({ ...live, ...Object.fromEntries(frozen.map((p) => [p.name, fixed[p.name]!])) });
  const image = [1, SIDE, SIDE];
  return {
    name: `edges-${c.model}`,
    params: trained.map(({ name, shape }) => ({ name, shape })),
    perStep: [
      { name: 'x', shape: [c.batch, ...image] },
      { name: 'y', shape: [c.batch, c.classes] },
    ],
    fixed: [
      ...frozen.map(({ name, shape }) => ({ name, shape })),
      { name: 'trainX', shape: [c.trainCount, ...image] },
      { name: 'trainY', shape: [c.trainCount, c.classes] },
      { name: 'valX', shape: [c.valCount, ...image] },
      { name: 'valY', shape: [c.valCount, c.classes] },
    ],
    optimizer: optimizerOf(c.weightDecay),
    steps: c.steps,
    loss: ({ tape, params: live, step, fixed }) => softmaxCrossEntropy(tape, edgeForward(tape, c, all(live, fixed), step['x']!, c.batch), step['y']!, c.batch),
    evaluate: ({ g, params: live, fixed }) => {
      const w = all(live, fixed);
      const train = evaluateSet(g, c, w, fixed['trainX']!, fixed['trainY']!, c.trainCount);
      const val = evaluateSet(g, c, w, fixed['valX']!, fixed['valY']!, c.valCount);
      return {
        trainCorrect: { name: train.correct, shape: [] },
        valCorrect: { name: val.correct, shape: [] },
        valLoss: { name: val.loss, shape: [] },
        valPredicted: { name: val.predicted, shape: [c.valCount, c.classes] },
        ...(val.features ? { valFeatures: { name: val.features, shape: [c.valCount, FILTERS] } } : {}),
      };
    },
  };
}

/** The per-call evaluation outputs of a model's training graph. */
export const evaluatedOf = (model: EdgeModelName): string[] => ['trainCorrect', 'valCorrect', 'valLoss', 'valPredicted', ...(isCnn(model) ? ['valFeatures'] : [])];

export function edgeTrainingModel(c: EdgeTrainingConfig): ModelSpec {
  return {
    key: `edges-${c.model}-c${c.classes}-k${kernelOf(c)}-b${c.batch}-s${c.steps}-t${c.trainCount}-v${c.valCount}${c.weightDecay ? `-wd${c.weightDecay}` : ''}`,
    build: () => buildTrainingGraph(edgeTrainingSpec(c)).bytes,
  };
}
