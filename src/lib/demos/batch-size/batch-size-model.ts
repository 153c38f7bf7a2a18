import type { ModelSpec } from '../../onnx/model-spec';
import { conv2d, flatten, maxPool2d } from '../../onnx/training/cnn-ops';
import { addBias, matmul, relu, softmaxCrossEntropy } from '../../onnx/training/dense-ops';
import type { OptimizerConfig } from '../../onnx/training/optimizers';
import { buildTrainingGraph, type TensorShape, type TrainingGraphSpec } from '../../onnx/training/unrolled-training';
import { CLASSES, SIDE } from '../dropout-real/mnist-subset';

/**
 * A small CNN for the 12×12 digits, standing in for the notebook's ResNet-18: conv 1→8 3×3
 * "same", ReLU, max pool 2, conv 8→16 3×3 "same", ReLU, max pool 2, fully connected 144→10.
 */
export const C1 = 8;
export const C2 = 16;
const HALF = SIDE / 2;
const QUARTER = SIDE / 4;
export const FEATURES = C2 * QUARTER * QUARTER;

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

/** The notebook's optimizer: SGD with momentum 0.9. */
export const OPTIMIZER: OptimizerConfig = { kind: 'momentum', momentum: 0.9 };

/** Steps unrolled per call at most: a call's fixed cost is paid once per this many steps. */
export const MAX_STEPS_PER_CALL = 16;

/** The largest divisor of an epoch's steps up to MAX_STEPS_PER_CALL, so every epoch ends with a call. */
export function stepsPerCall(stepsPerEpoch: number): number {
  for (let k = Math.min(MAX_STEPS_PER_CALL, stepsPerEpoch); k > 1; k--) if (stepsPerEpoch % k === 0) return k;
  return 1;
}

export function trainingGraphSpec(batch: number, steps: number): TrainingGraphSpec {
  // The trace of a step counts the hits of the logits its loss was computed from (before the update).
  let logits = '';
  return {
    name: 'batch-size',
    params: PARAMS,
    perStep: [
      { name: 'x', shape: [batch, 1, SIDE, SIDE] },
      { name: 'y', shape: [batch, CLASSES] },
    ],
    fixed: [],
    optimizer: OPTIMIZER,
    steps,
    loss: ({ tape: t, params: p, step }) => {
      let h = conv2d(t, step['x']!, p['w1']!, p['b1']!, { input: [batch, 1, SIDE, SIDE], outChannels: C1, kernel: 3, pad: 1, stride: 1, inputGrad: false });
      h = maxPool2d(t, relu(t, h), [batch, C1, SIDE, SIDE]);
      h = conv2d(t, h, p['w2']!, p['b2']!, { input: [batch, C1, HALF, HALF], outChannels: C2, kernel: 3, pad: 1, stride: 1 });
      h = maxPool2d(t, relu(t, h), [batch, C2, HALF, HALF]);
      logits = addBias(t, matmul(t, flatten(t, h, [batch, C2, QUARTER, QUARTER]), p['fc']!), p['fb']!);
      return softmaxCrossEntropy(t, logits, step['y']!, batch);
    },
    trace: ({ g, step }) => {
      const [best] = g.node('ReduceMax', [logits], { axes: [1], keepdims: 1 });
      const [picked] = g.node('ReduceSum', [g.node('Mul', [logits, step['y']!])[0]!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 1 });
      const [hit] = g.node('Cast', [g.node('GreaterOrEqual', [picked!, best!])[0]!], { to: 1 });
      const [correct] = g.node('ReduceSum', [hit!], { keepdims: 0 });
      return { correct: { name: correct!, shape: [] } };
    },
  };
}

export function trainingModel(batch: number, steps: number): ModelSpec {
  return { key: `batch-size-c${C1}x${C2}-b${batch}-k${steps}`, build: () => buildTrainingGraph(trainingGraphSpec(batch, steps)).bytes };
}
