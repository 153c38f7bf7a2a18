import type { GraphBuilder } from './graph-builder';

export interface PoolAttributes {
  kernelShape: number[];
  strides?: number[];
  /** ONNX order: all begins, then all ends. */
  pads?: number[];
}

/** MaxPool with every attribute written out (see conv.ts for why defaults are avoided). */
export function addMaxPool(g: GraphBuilder, input: string, a: PoolAttributes, output?: string): string {
  const rank = a.kernelShape.length;
  const [out] = g.node(
    'MaxPool',
    [input],
    {
      kernel_shape: a.kernelShape,
      strides: a.strides ?? a.kernelShape,
      pads: a.pads ?? Array<number>(2 * rank).fill(0),
      dilations: Array<number>(rank).fill(1),
      ceil_mode: 0,
    },
    output ? [output] : undefined,
  );
  return out!;
}

/** AveragePool dividing by the full window (padding counted), as the homework's formulas assume. */
export function addAveragePool(g: GraphBuilder, input: string, a: PoolAttributes, output?: string): string {
  const rank = a.kernelShape.length;
  const [out] = g.node(
    'AveragePool',
    [input],
    {
      kernel_shape: a.kernelShape,
      strides: a.strides ?? a.kernelShape,
      pads: a.pads ?? Array<number>(2 * rank).fill(0),
      count_include_pad: 1,
      ceil_mode: 0,
    },
    output ? [output] : undefined,
  );
  return out!;
}
