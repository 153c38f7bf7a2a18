import type { ModelSpec } from '../../onnx/model-spec';
import { batchedMatmul, meanSquaredErrorPerModel } from '../../onnx/training/batched-ops';
import { applyMask } from '../../onnx/training/dense-ops';
import { ADAM_DEFAULTS, type OptimizerConfig } from '../../onnx/training/optimizers';
import { buildTrainingGraph, trainingSignature, type StepContext, type TrainingGraphSpec } from '../../onnx/training/unrolled-training';

export interface DropoutGraphShape {
  /** Drop rates trained side by side (the main run and the sweep), one model each. */
  models: number;
  /** Rows fed per step: data rows × batch. */
  rows: number;
  features: number;
  steps: number;
  opt: 'sgd' | 'adam';
  /** Adam's ε, a constant of the graph. */
  eps: number;
}

const optimizer = (opt: 'sgd' | 'adam', eps: number = ADAM_DEFAULTS.eps): OptimizerConfig => (opt === 'adam' ? { ...ADAM_DEFAULTS, eps } : { kind: 'sgd' });

/**
 * Every model m: ŷ_m = (x ⊙ mask_m) w_m, loss_m = mean (ŷ_m − y)² over the rows of the step. The
 * models share nothing but the data, so training their summed loss trains each on its own; one
 * graph serves them all (a [models, rows, features] mask per step).
 */
function graphSpec(s: DropoutGraphShape): TrainingGraphSpec {
  let perModel = '';
  return {
    name: 'dropout-regression',
    params: [{ name: 'w', shape: [s.models, s.features, 1] }],
    perStep: [{ name: 'mask', shape: [s.models, s.rows, s.features] }],
    fixed: [
      { name: 'x', shape: [s.rows, s.features] },
      { name: 'y', shape: [s.rows, 1] },
    ],
    optimizer: optimizer(s.opt, s.eps),
    steps: s.steps,
    loss: ({ tape, params, step, fixed }: StepContext) => {
      const prediction = batchedMatmul(tape, applyMask(tape, fixed['x']!, step['mask']!), params['w']!, { a: false });
      const loss = meanSquaredErrorPerModel(tape, prediction, fixed['y']!, s.rows);
      perModel = loss.perModel;
      return loss.total;
    },
    trace: ({ params }) => ({
      path: { name: params['w']!, shape: [s.models, s.features] },
      // Each model's loss of the step just taken (recorded by `loss` above).
      modelLosses: { name: perModel, shape: [s.models] },
    }),
  };
}

/** The unrolled training graph of the dropout regression for one shape of problem. */
export function dropoutModel(s: DropoutGraphShape): ModelSpec {
  return {
    // ε joins the key only off its default, so the models published before it existed keep their names.
    key: `dropout-m${s.models}-r${s.rows}-d${s.features}-k${s.steps}-${s.opt}${s.opt === 'adam' && s.eps !== ADAM_DEFAULTS.eps ? `-eps${s.eps}` : ''}`,
    build: () => buildTrainingGraph(graphSpec(s)).bytes,
  };
}

export const dropoutSignature = (opt: 'sgd' | 'adam') => trainingSignature({ params: [{ name: 'w', shape: [] }], optimizer: optimizer(opt) }, ['path', 'modelLosses']);
