import type { GraphBuilder } from './graph-builder';
import { ones, windowAttributes } from './window-attributes';

export interface PoolAttributes {
  kernelShape: number[];
  strides?: number[];
  /** ONNX order: all begins, then all ends. */
  pads?: number[];
}

/** MaxPool with every attribute written out (see conv.ts for why defaults are avoided). */
export function addMaxPool(g: GraphBuilder, input: string, a: PoolAttributes, output?: string): string {
  const [out] = g.node('MaxPool', [input], { ...windowAttributes(a, 'window'), dilations: ones(a.kernelShape.length), ceil_mode: 0 }, output ? [output] : undefined);
  return out!;
}

/** AveragePool dividing by the full window (padding counted), as the homework's formulas assume. */
export function addAveragePool(g: GraphBuilder, input: string, a: PoolAttributes, output?: string): string {
  const [out] = g.node('AveragePool', [input], { ...windowAttributes(a, 'window'), count_include_pad: 1, ceil_mode: 0 }, output ? [output] : undefined);
  return out!;
}
