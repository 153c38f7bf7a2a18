import { defineDemo } from '../common/demo-schema';
import { intParam, numberParam } from '../common/param-kinds';

export interface Conv1dParams {
  L: number;
  a: number;
  shift: number;
  from: number;
  to: number;
}

/** Widest index window drawn; keeps the chart readable and the model small. */
export const MAX_SPAN = 400;

export const conv1dSchema = defineDemo<Conv1dParams>({
  name: 'conv1d',
  title: '1-D convolution of a boxcar with a decaying exponential',
  summary: 'Convolve a boxcar with a^n u(n), shift the input, and watch the output shift with it.',
  defaultSeed: 0,
  controls: ['L', 'a', 'shift', 'range'],
  params: {
    L: intParam({ name: 'L', default: 7, min: 1, max: 64, description: 'Length of the boxcar x(n) = 1 for n = 0 … L−1.' }),
    a: numberParam({ name: 'a', default: 0.5, min: -2, max: 2, description: 'Ratio of the impulse response h(n) = aⁿ u(n).' }),
    shift: intParam({ name: 'shift', default: 0, min: -64, max: 64, description: 'Delay N of the input: x(n − N).' }),
    from: intParam({ name: 'from', default: -6, min: -200, max: 200, description: 'First index n drawn.' }),
    to: intParam({ name: 'to', default: 12, min: -200, max: 400, description: 'Last index n drawn.' }),
  },
  check(s) {
    if (s.to < s.from) return { reset: ['from', 'to'], message: `to (${s.to}) is before from (${s.from})` };
    if (s.to - s.from > MAX_SPAN) return { reset: ['from', 'to'], message: `from … to spans ${s.to - s.from} steps, more than ${MAX_SPAN}` };
    return null;
  },
});
