import type { GraphBuilder } from './graph-builder';
import { ones, windowAttributes } from './window-attributes';

export interface ConvTransposeAttributes {
  kernelShape: number[];
  strides?: number[];
  /** ONNX order: all begins, then all ends. */
  pads?: number[];
  /** Extra rows/columns at the end of the output, each below its stride (default none). */
  outputPadding?: number[];
}

/** ConvTranspose with every attribute written out (see conv.ts for why defaults are avoided). */
export function addConvTranspose(g: GraphBuilder, inputs: [string, string], a: ConvTransposeAttributes, output?: string): string {
  const rank = a.kernelShape.length;
  const [out] = g.node('ConvTranspose', inputs, { ...windowAttributes(a, 'one'), dilations: ones(rank), output_padding: a.outputPadding ?? Array<number>(rank).fill(0), group: 1 }, output ? [output] : undefined);
  return out!;
}
