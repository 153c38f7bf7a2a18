import type { onnx as P } from 'onnx-proto';

/**
 * Static shapes of every tensor of a decoded ONNX graph, from the dims its inputs and
 * initializers declare and the attributes of its nodes. Written for the ops the site's CNNs use
 * (Conv, BatchNormalization, Relu, MaxPool, AveragePool, Add, GlobalAveragePool, Flatten, Gemm,
 * MatMul, Identity), so a network can be sized without a single weight being allocated: a
 * ResNet-152 is counted from its declared shapes alone. An op it does not know, a symbolic
 * dimension or a shape that does not fit is an error, never a guess.
 */
export type Shapes = Map<string, number[]>;

function dimsOf(info: P.IValueInfoProto): number[] {
  const dims = info.type?.tensorType?.shape?.dim ?? [];
  return dims.map((d, i) => {
    if (d.dimParam) throw new Error(`shape inference: input ${info.name} has a symbolic dimension ${i} ("${d.dimParam}"); give every input fixed dims`);
    return Number(d.dimValue);
  });
}

function attrs(node: P.INodeProto): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const a of node.attribute ?? []) out[a.name!] = a.ints && a.ints.length ? a.ints.map(Number) : Number(a.i ?? a.f ?? 0);
  return out;
}

const ints = (a: Record<string, number | number[]>, name: string, fallback: number[]): number[] => (Array.isArray(a[name]) ? (a[name] as number[]) : fallback);

/** ⌊(n + pads − dilation·(k − 1) − 1)/stride⌋ + 1 per spatial axis (ceil_mode 0). */
function windowed(node: P.INodeProto, x: number[], kernel: number[]): number[] {
  const a = attrs(node);
  const rank = kernel.length;
  const strides = ints(a, 'strides', Array<number>(rank).fill(1));
  const pads = ints(a, 'pads', Array<number>(2 * rank).fill(0));
  const dilations = ints(a, 'dilations', Array<number>(rank).fill(1));
  if (a['ceil_mode']) throw new Error(`shape inference: ${node.opType} ${node.name}: ceil_mode 1 is not supported`);
  return kernel.map((k, i) => {
    const n = x[2 + i]!;
    const out = Math.floor((n + pads[i]! + pads[i + rank]! - dilations[i]! * (k - 1) - 1) / strides[i]!) + 1;
    if (out < 1) throw new Error(`shape inference: ${node.opType} ${node.name}: a window of ${k} does not fit an axis of ${n}`);
    return out;
  });
}

/** NumPy broadcasting of two shapes. */
function broadcast(a: number[], b: number[], where: string): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`shape inference: ${where}: shapes [${a}] and [${b}] do not broadcast`);
    return Math.max(x, y);
  });
}

const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

function infer(node: P.INodeProto, shapeOf: (name: string) => number[]): number[] {
  const where = `${node.opType} ${node.name}`;
  const input = node.input ?? [];
  const x = shapeOf(input[0]!);
  switch (node.opType) {
    case 'Relu':
    case 'Identity':
    case 'BatchNormalization':
      return [...x];
    case 'Conv': {
      const w = shapeOf(input[1]!);
      const group = Number(attrs(node)['group'] ?? 1) || 1;
      if (x[1] !== w[1]! * group) throw new Error(`shape inference: ${where}: ${x[1]} input channels, but the kernel [${w}] with group ${group} expects ${w[1]! * group}`);
      return [x[0]!, w[0]!, ...windowed(node, x, w.slice(2))];
    }
    case 'MaxPool':
    case 'AveragePool':
      return [x[0]!, x[1]!, ...windowed(node, x, ints(attrs(node), 'kernel_shape', []))];
    case 'GlobalAveragePool':
      return [x[0]!, x[1]!, ...x.slice(2).map(() => 1)];
    case 'Add':
    case 'Sub':
    case 'Mul':
      return broadcast(x, shapeOf(input[1]!), where);
    case 'Flatten': {
      const axis = Number(attrs(node)['axis'] ?? 1);
      return [product(x.slice(0, axis)), product(x.slice(axis))];
    }
    case 'Gemm': {
      const a = attrs(node);
      const b = shapeOf(input[1]!);
      const [m, k] = a['transA'] ? [x[1]!, x[0]!] : [x[0]!, x[1]!];
      const [k2, n] = a['transB'] ? [b[1]!, b[0]!] : [b[0]!, b[1]!];
      if (k !== k2) throw new Error(`shape inference: ${where}: inner dimensions ${k} and ${k2} differ`);
      return [m, n];
    }
    case 'MatMul': {
      const b = shapeOf(input[1]!);
      if (x.length !== 2 || b.length !== 2 || x[1] !== b[0]) throw new Error(`shape inference: ${where}: [${x}] × [${b}] is not a 2-D matrix product`);
      return [x[0]!, b[1]!];
    }
    default:
      throw new Error(`shape inference: no rule for ${node.opType} (node ${node.name})`);
  }
}

/** The shape of every input, initializer and node output of `model`, by tensor name. */
export function inferShapes(model: P.IModelProto): Shapes {
  const graph = model.graph ?? {};
  const shapes: Shapes = new Map();
  for (const init of graph.initializer ?? []) shapes.set(init.name!, (init.dims ?? []).map(Number));
  for (const info of graph.input ?? []) if (!shapes.has(info.name!)) shapes.set(info.name!, dimsOf(info));
  const shapeOf = (name: string) => {
    const s = shapes.get(name);
    if (!s) throw new Error(`shape inference: tensor ${name} is used before anything produces it`);
    return s;
  };
  for (const node of graph.node ?? []) {
    const out = infer(node, shapeOf);
    // BatchNormalization in training mode has extra outputs; the graphs here use only the first.
    shapes.set(node.output![0]!, out);
  }
  return shapes;
}

export function elementCount(dims: readonly number[]): number {
  return product(dims);
}
