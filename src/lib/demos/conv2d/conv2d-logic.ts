import type { DemoLogic } from '../common/demo-logic';
import { toRows } from '../common/demo-logic';
import type { Matrix } from '../common/matrix-text';
import { flip180, outputSize, padMatrix } from './conv2d-geometry';
import { conv2dModel } from './conv2d-model';
import { conv2dSchema, type Conv2dParams } from './conv2d-schema';
import type { FullState } from '../common/demo-schema';

export interface Conv2dResult {
  y: Matrix;
  /** The input after padding, as the model receives it. */
  padded: Matrix;
  /** The kernel as slid over the input: flipped for `mode=conv`. */
  kernelApplied: Matrix;
}

export function appliedKernel(s: Conv2dParams): Matrix {
  return s.mode === 'conv' ? flip180(s.k) : s.k;
}

const flat = (m: Matrix) => Float32Array.from(m.flat());

export const conv2dLogic: DemoLogic<Conv2dParams, Conv2dResult> = {
  schema: conv2dSchema,
  plan(s: FullState<Conv2dParams>) {
    const padded = padMatrix(s.x, s.pad, s.padding);
    const kernel = appliedKernel(s);
    const kh = kernel.length;
    const kw = kernel[0]!.length;
    return [
      {
        spec: conv2dModel(kh, kw, s.stride),
        feeds: {
          x: { data: flat(padded), dims: [1, 1, padded.length, padded[0]!.length] },
          k: { data: flat(kernel), dims: [1, 1, kh, kw] },
        },
      },
    ];
  },
  finish(s, [out]) {
    const padded = padMatrix(s.x, s.pad, s.padding);
    const kernel = appliedKernel(s);
    const rows = outputSize(s.x.length, kernel.length, s.pad, s.stride);
    const cols = outputSize(s.x[0]!.length, kernel[0]!.length, s.pad, s.stride);
    const y = out!['y']!;
    if (y.dims[2] !== rows || y.dims[3] !== cols) throw new Error(`conv2d: model returned ${y.dims.join('x')}, expected 1x1x${rows}x${cols}`);
    return { y: toRows(y.data, rows, cols), padded, kernelApplied: kernel };
  },
};
