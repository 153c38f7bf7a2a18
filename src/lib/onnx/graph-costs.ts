import type { onnx as P } from 'onnx-proto';
import { onnx } from './onnx-proto';

/**
 * Counts read from an encoded ONNX model, without running it and without any weight values: the
 * shapes follow from the declared input dims and each node's attributes (a small shape inference
 * for the ops the site's graphs use), and the counts from those shapes. So a page can state what a
 * network costs even where running it would be too large for a browser.
 */

/** Arithmetic of one node for one forward evaluation. */
export interface NodeCost {
  name: string;
  opType: string;
  inputs: string[];
  output: string;
  /** Shape of the node's first output, e.g. [N, C, H, W]. */
  shape: number[];
  /** Multiplications, counting those whose input sample is zero padding. */
  mults: number;
  /** Additions: the K²·C − 1 that sum a window's products, plus one for the bias. */
  adds: number;
  /** Evaluations of an activation function (ReLU, sigmoid, tanh): one per output entry. */
  activations: number;
  /** The part of `mults` that multiplies a zero of the padding (Conv only). */
  padMults: number;
  /** Conv and pooling: kernel_shape, strides, pads, group as written in the node. */
  attributes: Record<string, number | number[]>;
}

export interface ParamTensor {
  name: string;
  dims: number[];
  /** The node that reads it as its weight (slot 1) or bias (slot 2). */
  node: string;
}

export interface GraphCosts {
  nodes: NodeCost[];
  /** Weights and biases: tensors read by a Conv or Gemm in its weight or bias slot. */
  paramTensors: ParamTensor[];
  params: number;
  mults: number;
  adds: number;
  activations: number;
  padMults: number;
  /** Every tensor's shape, inputs and intermediates included. */
  shapes: Record<string, number[]>;
}

type Long = { toNumber(): number };
const num = (v: number | Long | null | undefined): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());
const prod = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

const ACTIVATIONS = new Set(['Relu', 'Sigmoid', 'Tanh', 'LeakyRelu', 'Elu']);
const SAME_SHAPE = new Set([...ACTIVATIONS, 'Identity', 'Dropout']);

function attributes(node: P.INodeProto): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const a of node.attribute ?? []) {
    if (a.ints && a.ints.length) out[a.name!] = a.ints.map((v) => num(v as number | Long));
    else if (a.type === onnx.AttributeProto.AttributeType.INT) out[a.name!] = num(a.i as number | Long);
    else if (a.type === onnx.AttributeProto.AttributeType.FLOAT) out[a.name!] = a.f ?? 0;
  }
  return out;
}

function list(a: Record<string, number | number[]>, key: string, fallback: number[]): number[] {
  const v = a[key];
  return Array.isArray(v) ? v : fallback;
}

/**
 * Output extent and, per axis, how many (output position, kernel tap) pairs read a real input
 * sample rather than padding.
 */
function slide(n: number, k: number, stride: number, padBegin: number, padEnd: number, dilation: number, ceil = false) {
  const span = n + padBegin + padEnd - dilation * (k - 1) - 1;
  const out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  let inside = 0;
  for (let o = 0; o < out; o++) {
    for (let u = 0; u < k; u++) {
      const i = o * stride + u * dilation - padBegin;
      if (i >= 0 && i < n) inside++;
    }
  }
  return { out, inside };
}

function window(x: number[], a: Record<string, number | number[]>, kernel: number[], ceil = false) {
  const rank = kernel.length;
  const strides = list(a, 'strides', Array<number>(rank).fill(1));
  const pads = list(a, 'pads', Array<number>(2 * rank).fill(0));
  const dilations = list(a, 'dilations', Array<number>(rank).fill(1));
  return kernel.map((k, d) => slide(x[2 + d]!, k, strides[d]!, pads[d]!, pads[d + rank]!, dilations[d]!, ceil));
}

/** numpy-style matmul shape: batch dims broadcast, then [m, k] × [k, n]. */
function matmulShape(a: number[], b: number[], where: string): { shape: number[]; k: number } {
  const k = a[a.length - 1]!;
  if (b[b.length - 2] !== k) throw new Error(`${where}: inner dims ${k} and ${b[b.length - 2]} differ`);
  const batchA = a.slice(0, -2);
  const batchB = b.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const batch = Array.from({ length: rank }, (_, i) => {
    const x = batchA[batchA.length - rank + i] ?? 1;
    const y = batchB[batchB.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`${where}: batch dims ${x} and ${y} do not broadcast`);
    return Math.max(x, y);
  });
  return { shape: [...batch, a[a.length - 2]!, b[b.length - 1]!], k };
}

export function graphCosts(bytes: Uint8Array): GraphCosts {
  const graph = onnx.ModelProto.decode(bytes).graph;
  if (!graph) throw new Error('graph-costs: the model has no graph');
  const shapes: Record<string, number[]> = {};
  for (const t of graph.initializer ?? []) shapes[t.name!] = (t.dims ?? []).map((d) => num(d as number | Long));
  for (const v of graph.input ?? []) {
    const dims = v.type?.tensorType?.shape?.dim ?? [];
    if (dims.some((d) => d.dimParam)) throw new Error(`graph-costs: input ${v.name} has a symbolic dim; counts need fixed sizes`);
    shapes[v.name!] = dims.map((d) => num(d.dimValue as number | Long));
  }
  const nodes: NodeCost[] = [];
  const paramTensors: ParamTensor[] = [];
  const seenParams = new Set<string>();
  const shapeOf = (name: string, where: string) => {
    const s = shapes[name];
    if (!s) throw new Error(`${where}: no shape known for input "${name}"`);
    return s;
  };

  for (const node of graph.node ?? []) {
    const op = node.opType!;
    const where = `graph-costs: node ${node.name} (${op})`;
    const ins = node.input ?? [];
    const a = attributes(node);
    const x = shapeOf(ins[0]!, where);
    let shape: number[];
    let mults = 0;
    let adds = 0;
    let activations = 0;
    let padMults = 0;
    const readsParams = (slots: number[]) => {
      for (const s of slots) {
        const name = ins[s];
        if (!name || seenParams.has(name)) continue;
        seenParams.add(name);
        paramTensors.push({ name, dims: shapeOf(name, where), node: node.name! });
      }
    };
    if (op === 'Conv') {
      const w = shapeOf(ins[1]!, where);
      const group = typeof a['group'] === 'number' ? a['group'] : 1;
      const kernel = list(a, 'kernel_shape', w.slice(2));
      const axes = window(x, a, kernel);
      if (w[1]! * group !== x[1]) throw new Error(`${where}: weight has ${w[1]} input channels per group × ${group} groups, input has ${x[1]}`);
      shape = [x[0]!, w[0]!, ...axes.map((s) => s.out)];
      // Each output entry is a dot product of its window: K²·C/g products, K²·C/g − 1 additions, + 1 for a bias.
      const perOutput = (w[1] ?? 1) * prod(kernel);
      const outputs = prod(shape);
      mults = outputs * perOutput;
      adds = outputs * (perOutput - 1) + (ins[2] ? outputs : 0);
      const realTaps = prod(axes.map((s) => s.inside));
      padMults = x[0]! * w[0]! * w[1]! * (prod(axes.map((s, d) => s.out * kernel[d]!)) - realTaps);
      readsParams([1, 2]);
    } else if (op === 'MaxPool' || op === 'AveragePool') {
      const kernel = list(a, 'kernel_shape', []);
      shape = [x[0]!, x[1]!, ...window(x, a, kernel, a['ceil_mode'] === 1).map((s) => s.out)];
    } else if (op === 'GlobalAveragePool' || op === 'GlobalMaxPool') {
      shape = [x[0]!, x[1]!, ...x.slice(2).map(() => 1)];
    } else if (SAME_SHAPE.has(op)) {
      shape = [...x];
      if (ACTIVATIONS.has(op)) activations = prod(shape);
    } else if (op === 'Concat') {
      const axis = ((a['axis'] as number) + x.length) % x.length;
      const parts = ins.map((n) => shapeOf(n, where));
      shape = x.map((d, i) => (i === axis ? parts.reduce((s, p) => s + p[axis]!, 0) : d));
    } else if (op === 'Flatten') {
      const axis = typeof a['axis'] === 'number' ? a['axis'] : 1;
      shape = [prod(x.slice(0, axis)), prod(x.slice(axis))];
    } else if (op === 'Gemm') {
      const b = shapeOf(ins[1]!, where);
      const [m, k] = a['transA'] === 1 ? [x[1]!, x[0]!] : [x[0]!, x[1]!];
      const n = a['transB'] === 1 ? b[0]! : b[1]!;
      shape = [m, n];
      mults = m * n * k;
      adds = m * n * (k - 1) + (ins[2] ? m * n : 0);
      readsParams([1, 2]);
    } else if (op === 'MatMul') {
      const r = matmulShape(x, shapeOf(ins[1]!, where), where);
      shape = r.shape;
      mults = prod(shape) * r.k;
      adds = prod(shape) * (r.k - 1);
    } else {
      throw new Error(`${where}: no shape rule for ${op}`);
    }
    const output = node.output![0]!;
    shapes[output] = shape;
    const kept: Record<string, number | number[]> = {};
    for (const key of ['kernel_shape', 'strides', 'pads', 'dilations', 'group']) if (key in a) kept[key] = a[key]!;
    nodes.push({ name: node.name!, opType: op, inputs: [...ins], output, shape, mults, adds, activations, padMults, attributes: kept });
  }
  const sum = (key: 'mults' | 'adds' | 'activations' | 'padMults') => nodes.reduce((s, n) => s + n[key], 0);
  return {
    nodes,
    paramTensors,
    params: paramTensors.reduce((s, t) => s + prod(t.dims), 0),
    mults: sum('mults'),
    adds: sum('adds'),
    activations: sum('activations'),
    padMults: sum('padMults'),
    shapes,
  };
}
