import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { enumParam, intParam, matrixParam } from '../common/param-kinds';
import { fitsKernel } from './conv2d-geometry';

export interface Conv2dParams {
  x: Matrix;
  k: Matrix;
  stride: number;
  pad: number;
  mode: 'conv' | 'corr';
  padding: 'zeros' | 'circular';
}

/** EECS 182 Sp23 HW3 Problem 2(c): the 5x5 ramp 1..25 and a vertical-gradient (Sobel) kernel. */
export const HOMEWORK_X: Matrix = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c + 1));
export const HOMEWORK_K: Matrix = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

export const conv2dSchema = defineDemo<Conv2dParams>({
  name: 'conv2d',
  title: '2-D convolution, stride and padding',
  summary: 'Slide a kernel over a matrix with any stride and padding; see which window made each output.',
  defaultSeed: 0,
  controls: ['x', 'k', 'stride', 'pad', 'mode', 'padding', 'window'],
  params: {
    x: matrixParam({ name: 'x', default: HOMEWORK_X, maxRows: 16, maxCols: 16, description: 'Input matrix.' }),
    k: matrixParam({ name: 'k', default: HOMEWORK_K, maxRows: 9, maxCols: 9, description: 'Kernel, as written (before any flip).' }),
    stride: intParam({ name: 'stride', default: 1, min: 1, max: 8, description: 'Step between windows, in both directions.' }),
    pad: intParam({ name: 'pad', default: 0, min: 0, max: 8, description: 'Rows and columns added on every side.' }),
    mode: enumParam({
      name: 'mode',
      default: 'conv',
      values: ['conv', 'corr'] as const,
      description: '`conv` flips the kernel (the homework\'s definition); `corr` slides it unflipped, as CNN layers do.',
    }),
    padding: enumParam({
      name: 'padding',
      default: 'zeros',
      values: ['zeros', 'circular'] as const,
      description: '`zeros` pads with 0; `circular` wraps around (the row above row 1 is the last row).',
    }),
  },
  check(s) {
    if (fitsKernel(s.x, s.k, s.pad)) return null;
    const why = `k (${dims(s.k)}) does not fit x (${dims(s.x)}) padded by ${s.pad}`;
    return fitsKernel(s.x, HOMEWORK_K, s.pad) ? { reset: ['k'], message: why } : { reset: ['x', 'k'], message: why };
  },
});

function dims(m: Matrix): string {
  return `${m.length}x${m[0]?.length ?? 0}`;
}
