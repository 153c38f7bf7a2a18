import type { ModelSpec } from '../../onnx/model-spec';
import { applyMask, matmul, meanSquaredError } from '../../onnx/training/dense-ops';
import { ADAM_DEFAULTS, type OptimizerConfig } from '../../onnx/training/optimizers';
import { buildTrainingGraph, trainingSignature } from '../../onnx/training/unrolled-training';

export interface DropoutGraphShape {
  /** Rows fed per step: data rows × batch. */
  rows: number;
  features: number;
  steps: number;
  opt: 'sgd' | 'adam';
}

const optimizer = (opt: 'sgd' | 'adam'): OptimizerConfig => (opt === 'adam' ? ADAM_DEFAULTS : { kind: 'sgd' });

function graphSpec(s: DropoutGraphShape) {
  return {
    name: 'dropout-regression',
    params: [{ name: 'w', shape: [s.features, 1] }],
    perStep: [{ name: 'mask', shape: [s.rows, s.features] }],
    fixed: [
      { name: 'x', shape: [s.rows, s.features] },
      { name: 'y', shape: [s.rows, 1] },
    ],
    optimizer: optimizer(s.opt),
    steps: s.steps,
    // ŷ = (x ⊙ mask) w, loss = mean (ŷ − y)² over the rows of the step.
    loss: ({ tape, params, step, fixed }: Parameters<Parameters<typeof buildTrainingGraph>[0]['loss']>[0]) =>
      meanSquaredError(tape, matmul(tape, applyMask(tape, fixed['x']!, step['mask']!), params['w']!, { a: false }), fixed['y']!, s.rows),
    trace: ({ params }: { params: Record<string, string> }) => ({ path: { name: params['w']!, shape: [s.features] } }),
  };
}

/** The unrolled training graph of the dropout regression for one shape of problem. */
export function dropoutModel(s: DropoutGraphShape): ModelSpec {
  return {
    key: `dropout-r${s.rows}-d${s.features}-k${s.steps}-${s.opt}`,
    build: () => buildTrainingGraph(graphSpec(s)).bytes,
  };
}

export const dropoutSignature = (opt: 'sgd' | 'adam') => trainingSignature({ params: [{ name: 'w', shape: [] }], optimizer: optimizer(opt) }, ['path']);
