import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { ADAM_DEFAULTS } from '../../onnx/training/optimizers';
import { enumParam, intParam, listParam, matrixParam, numberParam } from '../common/param-kinds';

export interface DropoutParams {
  p: number;
  batch: number;
  steps: number;
  lr: number;
  opt: 'sgd' | 'adam';
  eps: number;
  x: Matrix;
  y: number[];
  sweep: number[];
  scaling: 'inverted' | 'none';
}

/** Sample-steps (rows × batch × steps × runs) one URL may ask for: a few seconds on a laptop. */
export const MAX_WORK = 2e8;

export const work = (s: DropoutParams) => s.x.length * s.batch * s.steps * (1 + s.sweep.length);

export const dropoutSchema = defineDemo<DropoutParams>({
  name: 'dropout',
  title: 'Dropout on a two-weight regression',
  summary: 'Train y = w·x with dropout on the inputs and watch the weights settle at the closed-form optimum for the drop rate.',
  defaultSeed: 0,
  controls: ['p', 'batch', 'steps', 'lr', 'opt', 'eps', 'x', 'y', 'sweep', 'scaling'],
  params: {
    p: numberParam({ name: 'p', default: 0.5, min: 0, max: 0.95, description: 'Drop probability of each input feature (PyTorch convention).' }),
    batch: intParam({ name: 'batch', default: 1, min: 1, max: 4096, description: 'Independent dropout draws of every data row per step.' }),
    steps: intParam({ name: 'steps', default: 1000, min: 1, max: 100000, description: 'Optimizer steps.' }),
    lr: numberParam({ name: 'lr', default: 0.001, min: 1e-6, max: 1, description: 'Learning rate.' }),
    opt: enumParam({ name: 'opt', default: 'sgd', values: ['sgd', 'adam'] as const, description: 'Plain SGD, or Adam with PyTorch\'s β₁ = 0.9, β₂ = 0.999 and the ε of `eps`.' }),
    // The lower end keeps ε a normal float32 number: a smaller one rounds to 0, and a weight whose
    // gradient is always 0 would then take the step 0/0.
    eps: numberParam({
      name: 'eps',
      default: ADAM_DEFAULTS.eps,
      min: 1e-30,
      max: 1e6,
      description: 'Adam only: the ε added to √v̂ in the denominator of the step η m̂/(√v̂ + ε); PyTorch\'s default 10⁻⁸. Far above √v̂ (the RMS gradient) it turns Adam into momentum SGD with learning rate η/ε.',
    }),
    x: matrixParam({ name: 'x', default: [[10, 1]], maxRows: 8, maxCols: 8, maxAbs: 1000, description: 'Data: one row of features per example.' }),
    y: listParam({ name: 'y', default: [11], min: -1000, max: 1000, maxLength: 8, description: 'Targets, one per row of x.' }),
    sweep: listParam({
      name: 'sweep',
      default: [],
      min: 0,
      max: 0.95,
      maxLength: 10,
      allowEmpty: true,
      description: 'Drop rates to train as well, drawn over the closed-form curve of the weights against p.',
    }),
    scaling: enumParam({
      name: 'scaling',
      default: 'inverted',
      values: ['inverted', 'none'] as const,
      description: '`inverted` scales kept features by 1/(1 − p) while training (PyTorch); `none` does not, so the learned weights are multiplied by 1 − p for use without dropout.',
    }),
  },
  check(s) {
    if (s.y.length !== s.x.length) return { reset: ['x', 'y'], message: `y has ${s.y.length} entries but x has ${s.x.length} rows` };
    if (work(s) > MAX_WORK)
      return { reset: ['steps'], message: `rows × batch × steps × runs is ${work(s).toExponential(1)}, more than the ${MAX_WORK.toExponential(0)} a page may ask for` };
    return null;
  },
});
