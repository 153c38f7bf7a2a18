import type { GraphBuilder } from './graph-builder';
import { ones, windowAttributes } from './window-attributes';

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
  const [out] = g.node('Conv', inputs, { ...windowAttributes(a, 'one'), dilations: a.dilations ?? ones(a.kernelShape.length), group: a.group ?? 1 }, output ? [output] : undefined);
  return out!;
}
