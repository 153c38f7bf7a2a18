import type { GraphBuilder } from './graph-builder';

export interface ConvAttributes {
  kernelShape: number[];
  strides?: number[];
  /** ONNX order: all begins, then all ends. */
  pads?: number[];
  dilations?: number[];
  group?: number;
}

/**
 * A Conv node with every attribute written out: the JSEP WebGPU kernel rejects a Conv whose
 * `dilations` or `kernel_shape` are left to their defaults.
 */
export function addConv(g: GraphBuilder, inputs: [string, string] | [string, string, string], a: ConvAttributes, output?: string): string {
  const rank = a.kernelShape.length;
  const ones = Array<number>(rank).fill(1);
  const [out] = g.node(
    'Conv',
    inputs,
    {
      kernel_shape: a.kernelShape,
      strides: a.strides ?? ones,
      pads: a.pads ?? Array<number>(2 * rank).fill(0),
      dilations: a.dilations ?? ones,
      group: a.group ?? 1,
    },
    output ? [output] : undefined,
  );
  return out!;
}
