import type { onnx as P } from 'onnx-proto';
import { onnx } from '../../onnx/onnx-proto';
import { elementCount, inferShapes, type Shapes } from '../../onnx/shape-inference';
import { BUFFER_SUFFIXES, IMAGE, PARAM_SUFFIXES } from './resnet-model';

/**
 * What a backward pass reads, per op: which inputs and outputs must still be in memory when the
 * gradient reaches the node. These are the rules PyTorch's autograd saves tensors by:
 * - Conv and Gemm need their input x for dW = Σ dY·x (the weight is already counted as a weight);
 * - BatchNormalization needs its input to rebuild x̂ (and two per-channel statistics, left out);
 * - MaxPool needs its input to find where each maximum came from (PyTorch keeps int64 indices too);
 * - Relu needs its output (its mask is y > 0), which is why an in-place ReLU is allowed;
 * - Add, GlobalAveragePool, Flatten and Identity need nothing but shapes.
 */
const KEPT: Record<string, { inputs: number[]; outputs: number[] }> = {
  Conv: { inputs: [0], outputs: [] },
  Gemm: { inputs: [0], outputs: [] },
  MatMul: { inputs: [0], outputs: [] },
  BatchNormalization: { inputs: [0], outputs: [] },
  MaxPool: { inputs: [0], outputs: [] },
  Relu: { inputs: [], outputs: [0] },
  Add: { inputs: [], outputs: [] },
  GlobalAveragePool: { inputs: [], outputs: [] },
  AveragePool: { inputs: [], outputs: [] },
  Flatten: { inputs: [], outputs: [] },
  Identity: { inputs: [], outputs: [] },
};

/** "layer3.12" for a tensor of that block, "stem" before the first block, "head" after the last. */
export function blockOf(tensor: string): string {
  const m = /^(layer\d+\.\d+)\./.exec(tensor);
  if (m) return m[1]!;
  return tensor === IMAGE || tensor.startsWith('conv1') || tensor.startsWith('bn1') || tensor === 'relu' || tensor === 'maxpool' ? 'stem' : 'head';
}

export interface BlockTally {
  name: string;
  /** Shape of the block's last tensor, without the batch: [C, H, W], or [classes] for the head. */
  shape: number[];
  params: number;
  /** Elements kept for the backward pass that this block's nodes read, over the whole batch. */
  kept: number;
}

export interface GraphTally {
  /** Trainable parameters: graph inputs named like torchvision's `*.weight`, `*.bias`. */
  params: number;
  /** Batch-norm running statistics: stored with the model, never trained. */
  buffers: number;
  /** Elements of the distinct tensors kept for the backward pass, over the whole batch. */
  kept: number;
  /** Their names, each counted once however many nodes read it. */
  keptTensors: string[];
  blocks: BlockTally[];
  shapes: Shapes;
  nodes: number;
}

const isParam = (name: string) => PARAM_SUFFIXES.some((s) => name.endsWith(s));
const isBuffer = (name: string) => BUFFER_SUFFIXES.some((s) => name.endsWith(s));

/** Counts a model from its bytes: decodes them, infers every shape, and sums declared sizes. */
export function tallyModel(bytes: Uint8Array): GraphTally {
  return tallyGraph(onnx.ModelProto.decode(bytes));
}

export function tallyGraph(model: P.IModelProto): GraphTally {
  const shapes = inferShapes(model);
  const graph = model.graph ?? {};
  const size = (name: string) => elementCount(shapes.get(name)!);
  const blocks = new Map<string, BlockTally>();
  const blockFor = (name: string) => {
    let b = blocks.get(name);
    if (!b) blocks.set(name, (b = { name, shape: [], params: 0, kept: 0 }));
    return b;
  };
  let params = 0;
  let buffers = 0;
  for (const input of graph.input ?? []) {
    const name = input.name!;
    if (isParam(name)) {
      params += size(name);
      blockFor(blockOf(name)).params += size(name);
    } else if (isBuffer(name)) buffers += size(name);
  }
  const kept = new Set<string>();
  for (const node of graph.node ?? []) {
    const rule = KEPT[node.opType!];
    if (!rule) throw new Error(`memory: no rule for what ${node.opType} keeps for the backward pass`);
    const out = node.output![0]!;
    const block = blockFor(blockOf(out));
    block.shape = shapes.get(out)!.slice(1);
    const needed = [...rule.inputs.map((i) => node.input![i]!), ...rule.outputs.map((i) => node.output![i]!)];
    for (const t of needed) {
      if (isParam(t) || isBuffer(t) || kept.has(t)) continue;
      kept.add(t);
      block.kept += size(t);
    }
  }
  return {
    params,
    buffers,
    kept: [...kept].reduce((n, t) => n + size(t), 0),
    keptTensors: [...kept],
    blocks: [...blocks.values()],
    shapes,
    nodes: graph.node?.length ?? 0,
  };
}
