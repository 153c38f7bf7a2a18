import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam, listParam, numberParam } from '../common/param-kinds';

export interface ConvGradientParams {
  /** Image sizes swept (n x n images). */
  n: number[];
  /** Kernel side (k x k). */
  k: number;
  trials: number;
  sx: number;
  sg: number;
  dist: 'gaussian' | 'uniform';
  lr: number;
}

/**
 * Floats drawn per run: trials × Σ (n² + (n − k + 1)²), images plus upstream gradients. 2^24 keeps
 * the inputs near 64 MB each way, so a browser tab stays responsive; the default uses half.
 */
export const DRAW_BUDGET = 2 ** 24;

export function drawCount(s: Pick<ConvGradientParams, 'n' | 'k' | 'trials'>): number {
  return s.trials * s.n.reduce((sum, n) => sum + n * n + (n - s.k + 1) ** 2, 0);
}

const DEFAULT_N = [8, 16, 32, 64, 128];
const DEFAULT_K = 3;
const DEFAULT_TRIALS = 200;

export const convGradientSchema = defineDemo<ConvGradientParams>({
  name: 'conv-gradient',
  title: 'Weight gradient of a convolution and its growth with image size',
  summary: 'dw is the correlation of the input with dY: measure the spread of its entries over many random images and compare with (n − k + 1)·σx·σg.',
  defaultSeed: 182,
  controls: ['n', 'k', 'trials', 'sx', 'sg', 'dist', 'lr'],
  params: {
    n: listParam({ name: 'n', default: DEFAULT_N, min: 1, max: 256, maxLength: 8, integer: true, description: 'Image sizes n to sweep (n × n images).' }),
    k: intParam({ name: 'k', default: DEFAULT_K, min: 1, max: 7, description: 'Kernel side: the weight w and its gradient dw are k × k.' }),
    trials: intParam({ name: 'trials', default: DEFAULT_TRIALS, min: 2, max: 2000, description: 'Independent (image, upstream gradient) pairs drawn per size; each gives k² entries of dw.' }),
    sx: numberParam({ name: 'sx', default: 1, min: 0.001, max: 1000, description: 'Standard deviation σx of the image entries.' }),
    sg: numberParam({ name: 'sg', default: 1, min: 0.001, max: 1000, description: 'Standard deviation σg of the upstream gradient entries dY.' }),
    dist: enumParam({
      name: 'dist',
      default: 'gaussian',
      values: ['gaussian', 'uniform'] as const,
      description: 'Distribution of every entry, zero mean with the given standard deviation: `gaussian`, or `uniform` on [−√3σ, √3σ].',
    }),
    lr: numberParam({ name: 'lr', default: 0.1, min: 0, max: 10, description: 'Learning rate of the one SGD step in the worked example.' }),
  },
  check(s) {
    const smallest = Math.min(...s.n);
    if (s.k > smallest) {
      const fits = DEFAULT_K <= smallest;
      return { reset: fits ? ['k'] : ['n', 'k'], message: `a ${s.k}x${s.k} kernel does not fit the smallest image (n = ${smallest})` };
    }
    const draws = drawCount(s);
    if (draws > DRAW_BUDGET) {
      const fits = drawCount({ ...s, trials: DEFAULT_TRIALS }) <= DRAW_BUDGET;
      return {
        reset: fits ? ['trials'] : ['n', 'trials'],
        message: `trials × Σ (n² + (n − k + 1)²) is ${draws}, more than the ${DRAW_BUDGET} numbers a run may draw (fewer trials or smaller n)`,
      };
    }
    return null;
  },
});
