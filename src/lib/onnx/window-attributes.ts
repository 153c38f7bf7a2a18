/**
 * The window attributes every Conv, ConvTranspose and pooling node writes out in full: the JSEP
 * WebGPU kernels reject nodes whose `dilations` or `kernel_shape` are left to their defaults.
 * Unstated strides default to `defaultStride` (1 for convolutions, the window for pooling).
 */
export function windowAttributes(a: { kernelShape: number[]; strides?: number[]; pads?: number[] }, defaultStride: 'one' | 'window') {
  const rank = a.kernelShape.length;
  return {
    kernel_shape: a.kernelShape,
    strides: a.strides ?? (defaultStride === 'one' ? Array<number>(rank).fill(1) : a.kernelShape),
    pads: a.pads ?? Array<number>(2 * rank).fill(0),
  };
}

export const ones = (rank: number) => Array<number>(rank).fill(1);
