import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { swish } from '../../onnx/training/activation-ops';
import { batchNormCount, batchNormInference, batchNormTrain, updateRunningStats, type BatchNormShape } from '../../onnx/training/batchnorm-ops';
import { conv2d, flatten, maxPool2d, type Shape4 } from '../../onnx/training/cnn-ops';
import { addBias, applyMask, matmul, relu, softmaxCrossEntropy } from '../../onnx/training/dense-ops';
import type { OptimizerConfig } from '../../onnx/training/optimizers';
import { Tape } from '../../onnx/training/tape';
import { buildTrainingGraph, type TensorShape, type TrainingGraphSpec } from '../../onnx/training/unrolled-training';
import { CLASSES, SIDE } from './lenet-digits';

/**
 * LeNet-5 as the Duke lab builds it for 32×32 CIFAR images, here on 28×28 digits with padding 2
 * on the first convolution (LeCun's own 32×32 input is a 28×28 digit with a 2-pixel border):
 * conv 1→6 5×5 → act → max pool 2 → conv 6→16 5×5 → act → max pool 2 → FC 400→120 → act →
 * FC 120→84 → act → FC 84→10. Feature maps: 6×28×28 → 6×14×14 → 16×10×10 → 16×5×5 = 400.
 * With batch norm, a BatchNorm2d/1d sits between every layer but the last and its activation.
 */
export const C1 = 6;
export const C2 = 16;
/**
 * The second convolution reads its 6 input channels padded with zeros to 8 (its weights too):
 * the sums are the same, but onnxruntime-web 1.30's WebGPU Conv computes wrong outputs for 6
 * input channels and a multiple of 4 output channels (3, 4, 8 and 16 input channels are right).
 */
export const C1_PADDED = 8;
export const KERNEL = 5;
export const PAD1 = 2;
export const FEATURES = C2 * 5 * 5;
export const H1 = 120;
export const H2 = 84;
/** PyTorch's BatchNorm defaults. */
export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;

export type Activation = 'relu' | 'swish';

export interface NetConfig {
  bn: boolean;
  act: Activation;
  /** Whether dropout masks are fed (their rate is in the masks, drawn outside the graph). */
  dropout: boolean;
}

export type ParamRole = 'weight' | 'bias' | 'gamma' | 'beta';

export interface LenetParam extends TensorShape {
  role: ParamRole;
  /** Inputs each output sums, and outputs each input feeds (in·k², out·k² for a convolution). */
  fanIn: number;
  fanOut: number;
}

const k2 = KERNEL * KERNEL;

/** Every trained tensor in layer order. Linear weights are stored [in, out] for MatMul. */
export function lenetParams(c: Pick<NetConfig, 'bn'>): LenetParam[] {
  const p = (name: string, shape: number[], role: ParamRole, fanIn: number, fanOut: number): LenetParam => ({ name, shape, role, fanIn, fanOut });
  const layer = (name: string, w: number[], out: number, fanIn: number, fanOut: number, norm: string | null) => [
    p(`${name}_w`, w, 'weight', fanIn, fanOut),
    p(`${name}_b`, [out], 'bias', fanIn, fanOut),
    ...(norm && c.bn ? [p(`${norm}_g`, [out], 'gamma', 1, 1), p(`${norm}_b`, [out], 'beta', 1, 1)] : []),
  ];
  return [
    ...layer('conv1', [C1, 1, KERNEL, KERNEL], C1, k2, C1 * k2, 'bn1'),
    ...layer('conv2', [C2, C1, KERNEL, KERNEL], C2, C1 * k2, C2 * k2, 'bn2'),
    ...layer('fc1', [FEATURES, H1], H1, FEATURES, H1, 'bn3'),
    ...layer('fc2', [H1, H2], H2, H1, H2, 'bn4'),
    ...layer('fc3', [H2, CLASSES], CLASSES, H2, CLASSES, null),
  ];
}

/** The batch-norm layers: name and channels (features). */
export const BN_LAYERS = [
  { name: 'bn1', channels: C1 },
  { name: 'bn2', channels: C2 },
  { name: 'bn3', channels: H1 },
  { name: 'bn4', channels: H2 },
] as const;

/** Running statistics of every batch-norm layer: state the forward pass updates. */
export function lenetBuffers(c: Pick<NetConfig, 'bn'>): TensorShape[] {
  return c.bn ? BN_LAYERS.flatMap((l) => [{ name: `${l.name}_mean`, shape: [l.channels] }, { name: `${l.name}_var`, shape: [l.channels] }]) : [];
}

export const parameterCount = (c: Pick<NetConfig, 'bn'>) => lenetParams(c).reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

/** Dropout masks, one per row of the minibatch, on the inputs of FC1 and FC2 (where torchvision's AlexNet drops). */
export const MASK1 = [FEATURES];
export const MASK2 = [H1];

/**
 * How the forward pass treats batch norm and dropout: training mode normalizes with the batch's
 * statistics, writes the updated running statistics into `buffers` and applies the masks;
 * inference mode normalizes with the running statistics and drops nothing (model.eval()).
 */
export type ForwardMode =
  | { kind: 'train'; buffers: Record<string, string>; masks?: { m1: string; m2: string } }
  | { kind: 'eval'; buffers: Record<string, string> };

/**
 * Zeros appended along axis 1 (channels of [n, c, h, w], input channels of a [o, c, k, k]
 * kernel), from c to `to`. Backward: the gradient of the first c, sliced out.
 */
export function padChannels(t: Tape, x: string, shape: Shape4, to: number): string {
  const { g } = t;
  const c = shape[1];
  if (to === c) return x;
  const [y] = g.node('Pad', [x, g.constantInt64(g.fresh('pads'), [8], [0, 0, 0, 0, 0, to - c, 0, 0])], { mode: 'constant' });
  return t.record(y!, (dY) => {
    const [dX] = g.node('Slice', [dY, g.constantInt64(g.fresh('starts'), [1], [0]), g.constantInt64(g.fresh('ends'), [1], [c]), g.constantInt64(g.fresh('axes'), [1], [1])]);
    return [[x, dX!]];
  });
}

/** The logits [n, 10] of n images [n, 1, 28, 28], recorded on the tape. */
export function lenetForward(t: Tape, c: NetConfig, p: Record<string, string>, x: string, n: number, mode: ForwardMode): string {
  const { g } = t;
  const act = (h: string) => (c.act === 'swish' ? swish(t, h) : relu(t, h));
  const norm = (h: string, layer: string, shape: BatchNormShape) => {
    if (!c.bn) return h;
    const [gamma, beta, mean, variance] = [p[`${layer}_g`]!, p[`${layer}_b`]!, `${layer}_mean`, `${layer}_var`];
    const b = mode.buffers;
    if (mode.kind === 'eval') return batchNormInference(g, h, gamma, beta, b[mean]!, b[variance]!, shape, BN_EPS);
    const out = batchNormTrain(t, h, gamma, beta, shape, BN_EPS);
    const next = updateRunningStats(g, { mean: b[mean]!, variance: b[variance]! }, out, batchNormCount(shape), BN_MOMENTUM);
    b[mean] = next.mean;
    b[variance] = next.variance;
    return out.y;
  };
  const drop = (h: string, mask: 'm1' | 'm2') => (mode.kind === 'train' && mode.masks ? applyMask(t, h, mode.masks[mask]) : h);
  const s1: Shape4 = [n, C1, SIDE, SIDE];
  let h = conv2d(t, x, p['conv1_w']!, p['conv1_b']!, { input: [n, 1, SIDE, SIDE], outChannels: C1, kernel: KERNEL, pad: PAD1, stride: 1, inputGrad: false });
  h = maxPool2d(t, act(norm(h, 'bn1', s1)), s1);
  const half = SIDE / 2;
  const s2: Shape4 = [n, C2, half - KERNEL + 1, half - KERNEL + 1];
  const w2 = padChannels(t, p['conv2_w']!, [C2, C1, KERNEL, KERNEL], C1_PADDED);
  h = conv2d(t, padChannels(t, h, [n, C1, half, half], C1_PADDED), w2, p['conv2_b']!, { input: [n, C1_PADDED, half, half], outChannels: C2, kernel: KERNEL, pad: 0, stride: 1 });
  h = maxPool2d(t, act(norm(h, 'bn2', s2)), s2);
  h = drop(flatten(t, h, [n, C2, s2[2] / 2, s2[3] / 2]), 'm1');
  h = act(norm(addBias(t, matmul(t, h, p['fc1_w']!), p['fc1_b']!), 'bn3', [n, H1]));
  h = drop(h, 'm2');
  h = act(norm(addBias(t, matmul(t, h, p['fc2_w']!), p['fc2_b']!), 'bn4', [n, H2]));
  return addBias(t, matmul(t, h, p['fc3_w']!), p['fc3_b']!);
}

/**
 * How many rows have their label's logit strictly above the other nine (a scalar). A tie, a NaN
 * or an infinite logit counts as wrong: a diverging network's saturated outputs tie, and a
 * "largest logit equals the maximum" test would count every tied row as right.
 */
function countCorrect(g: GraphBuilder, logits: string, onehot: string): string {
  const [picked] = g.node('ReduceSum', [g.node('Mul', [logits, onehot])[0]!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 1 });
  const [below] = g.node('Cast', [g.node('Less', [logits, picked!])[0]!], { to: 1 });
  const [beaten] = g.node('ReduceSum', [below!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 0 });
  const [hit] = g.node('Cast', [g.node('Equal', [beaten!, g.constant(g.fresh('others'), [], [CLASSES - 1])])[0]!], { to: 1 });
  return g.node('ReduceSum', [hit!], { keepdims: 0 })[0]!;
}

/** Correct count and mean cross-entropy of a whole set in inference mode. */
function evaluateSet(g: GraphBuilder, c: NetConfig, p: Record<string, string>, buffers: Record<string, string>, x: string, y: string, n: number) {
  const t = new Tape(g);
  const logits = lenetForward(t, c, p, x, n, { kind: 'eval', buffers });
  return { correct: countCorrect(g, logits, y), loss: softmaxCrossEntropy(t, logits, y, n) };
}

export interface LenetTrainingConfig extends NetConfig {
  batch: number;
  /** Steps unrolled per call: one epoch. */
  steps: number;
  trainCount: number;
  valCount: number;
  /** L2 (PyTorch's weight_decay) and L1 strengths, applied to every parameter. */
  wd: number;
  l1: number;
}

/** SGD with momentum 0.9 in PyTorch's form (v ← 0.9v + g, p ← p − lr·v), plus the penalties. */
export const optimizerOf = (c: Pick<LenetTrainingConfig, 'wd' | 'l1'>): OptimizerConfig => ({ kind: 'momentum', momentum: 0.9, weightDecay: c.wd, l1: c.l1 });

const image = [1, SIDE, SIDE];

export function lenetTrainingSpec(c: LenetTrainingConfig): TrainingGraphSpec {
  return {
    name: 'lenet',
    params: lenetParams(c).map(({ name, shape }) => ({ name, shape })),
    buffers: lenetBuffers(c),
    perStep: [
      { name: 'x', shape: [c.batch, ...image] },
      { name: 'y', shape: [c.batch, CLASSES] },
      ...(c.dropout ? [{ name: 'm1', shape: [c.batch, ...MASK1] }, { name: 'm2', shape: [c.batch, ...MASK2] }] : []),
    ],
    fixed: [
      { name: 'trainX', shape: [c.trainCount, ...image] },
      { name: 'trainY', shape: [c.trainCount, CLASSES] },
      { name: 'valX', shape: [c.valCount, ...image] },
      { name: 'valY', shape: [c.valCount, CLASSES] },
    ],
    optimizer: optimizerOf(c),
    steps: c.steps,
    loss: ({ tape, params, step, buffers }) => {
      const masks = c.dropout ? { m1: step['m1']!, m2: step['m2']! } : undefined;
      return softmaxCrossEntropy(tape, lenetForward(tape, c, params, step['x']!, c.batch, { kind: 'train', buffers, masks }), step['y']!, c.batch);
    },
    // After the epoch's last step, the updated network in inference mode on every training digit
    // (unaugmented) and on the validation digits; these tapes are never differentiated.
    evaluate: ({ g, params, fixed, buffers }) => {
      const train = evaluateSet(g, c, params, buffers, fixed['trainX']!, fixed['trainY']!, c.trainCount);
      const val = evaluateSet(g, c, params, buffers, fixed['valX']!, fixed['valY']!, c.valCount);
      return {
        trainCorrect: { name: train.correct, shape: [] },
        valCorrect: { name: val.correct, shape: [] },
        valLoss: { name: val.loss, shape: [] },
      };
    },
  };
}

export const EVALUATED = ['trainCorrect', 'valCorrect', 'valLoss'];

const penaltyKey = (c: Pick<LenetTrainingConfig, 'wd' | 'l1'>) => `${c.wd ? `-wd${c.wd}` : ''}${c.l1 ? `-l1${c.l1}` : ''}`;
const netKey = (c: NetConfig) => `${c.act}${c.bn ? '-bn' : ''}${c.dropout ? '-drop' : ''}`;

export function lenetTrainingModel(c: LenetTrainingConfig): ModelSpec {
  return {
    key: `lenet-${netKey(c)}-b${c.batch}-k${c.steps}-n${c.trainCount}-v${c.valCount}${penaltyKey(c)}`,
    build: () => buildTrainingGraph(lenetTrainingSpec(c)).bytes,
  };
}

/**
 * The untrained network's mean cross-entropy on the whole training set, in inference mode
 * (model.eval(): batch norm with its initial running statistics, no dropout): one forward graph.
 */
export function lenetInitialLossModel(c: Pick<NetConfig, 'bn' | 'act'>, trainCount: number): ModelSpec {
  const net: NetConfig = { ...c, dropout: false };
  return {
    key: `lenet-initial-${netKey(net)}-n${trainCount}`,
    build: () => {
      const g = new GraphBuilder('lenet-initial');
      const p: Record<string, string> = {};
      for (const q of lenetParams(c)) p[q.name] = g.input(q.name, q.shape);
      const buffers: Record<string, string> = {};
      for (const b of lenetBuffers(c)) buffers[b.name] = g.input(b.name, b.shape);
      const x = g.input('trainX', [trainCount, ...image]);
      const y = g.input('trainY', [trainCount, CLASSES]);
      const { loss } = evaluateSet(g, net, p, buffers, x, y, trainCount);
      g.node('Reshape', [loss, g.constantInt64(g.fresh('shape'), [1], [1])], {}, ['initialLoss']);
      g.output('initialLoss', [1]);
      return g.toBytes();
    },
  };
}
