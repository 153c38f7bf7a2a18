import type { DemoLogic } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Feeds, Outputs } from '../../onnx/model-spec';
import { stateSlots } from '../../onnx/training/optimizers';
import { seededRng } from '../../random/seeded-rng';
import { tallyModel, type GraphTally } from './memory-count';
import { DTYPE_BYTES, memorySchema, OPTIMIZERS, type MemoryOptimizer, type MemoryParams } from './memory-schema';
import { buildResNet, IMAGE, probeParameters, resnetSpec, type ResNetOptions } from './resnet-model';

export interface MemoryBytes {
  weights: number;
  grads: number;
  optimizer: number;
  activations: number;
  total: number;
}

export interface MemoryLayer {
  /** "stem", "layer1.0" … "layer4.2", "head". */
  name: string;
  /** Output of the block for one image: [C, H, W], or [classes] for the head. */
  shape: number[];
  params: number;
  /** Bytes of the tensors this block's backward pass reads, for the whole batch. */
  activations: number;
}

export interface MemoryResult {
  /** Trainable parameters, read from the declared dims of the graph's weight inputs. */
  params: number;
  /** Batch-norm running statistics (stored, never trained; not in the bytes below). */
  buffers: number;
  bytes: MemoryBytes;
  /** The same in MB of 2²⁰ bytes (the unit PyTorch's figures are usually printed in). */
  mb: MemoryBytes;
  /** Numbers kept for the backward pass per image (the activations are this × batch × bytes). */
  perImage: number;
  layers: MemoryLayer[];
  /** The same counts for each optimizer, at this batch. */
  optimizers: ({ opt: MemoryOptimizer } & MemoryBytes)[];
  /** Counts of graphs built at other batch sizes (the notebook's 4, 16, 64, 256, and this one). */
  sweep: ({ batch: number } & MemoryBytes)[];
  /** Tensors kept for the backward pass, nodes in the graph. */
  graph: { nodes: number; keptTensors: number };
  /** Tensors of the probe whose shape onnxruntime computed and the shape inference matched. */
  checked: number;
}

/** Batch sizes of the notebook's Section 3, and 1 to show the batch-free part alone. */
export const SWEEP_BATCHES = [1, 4, 16, 64, 256] as const;

export function optimizerSlots(opt: MemoryOptimizer): number {
  return stateSlots(opt === 'sgd' ? { kind: 'sgd' } : opt === 'momentum' ? { kind: 'momentum', momentum: 0.9 } : { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 }).length;
}

export function memoryBytes(t: Pick<GraphTally, 'params' | 'kept'>, opt: MemoryOptimizer, bytesPer: number): MemoryBytes {
  const weights = t.params * bytesPer;
  const grads = t.params * bytesPer;
  const optimizer = optimizerSlots(opt) * t.params * bytesPer;
  const activations = t.kept * bytesPer;
  return { weights, grads, optimizer, activations, total: weights + grads + optimizer + activations };
}

const options = (s: MemoryParams, batch = s.batch): ResNetOptions => ({ arch: s.arch, classes: s.classes, input: s.input, batch });

/** Counts the graph built for this state at `batch`, from its encoded bytes. */
export function tallyState(s: MemoryParams, batch = s.batch): GraphTally {
  return tallyModel(resnetSpec(options(s, batch)).build());
}

/** The probe's inputs: an image and He-scaled weights (their values only need to stay finite). */
function probeFeeds(s: FullState<MemoryParams>): Feeds {
  const rng = seededRng(s.seed);
  const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
  const feeds: Feeds = { [IMAGE]: { data: normal(3 * s.input * s.input, 1), dims: [1, 3, s.input, s.input] } };
  for (const { name, dims } of probeParameters(options(s, 1))) {
    const n = dims.reduce((a, b) => a * b, 1);
    const fanIn = dims.slice(1).reduce((a, b) => a * b, 1);
    const data = name.endsWith('running_var') || (dims.length === 1 && name.endsWith('.weight')) ? new Float32Array(n).fill(1) : dims.length === 1 ? new Float32Array(n) : normal(n, Math.sqrt(2 / fanIn));
    feeds[name] = { data, dims };
  }
  return feeds;
}

/** Every shape onnxruntime returned for the probe must equal the inferred one (batch aside). */
function checkProbe(s: MemoryParams, out: Outputs, full: GraphTally): number {
  const probe = buildResNet({ ...options(s, 1), probe: true });
  for (const name of probe.tensors) {
    const ran = out[name]?.dims;
    const inferred = full.shapes.get(name);
    if (!ran || !inferred || ran[0] !== 1 || ran.slice(1).join() !== inferred.slice(1).join()) {
      throw new Error(`memory: onnxruntime gave ${name} the shape [${ran ?? 'none'}], the shape inference [${inferred ?? 'none'}] (batch aside)`);
    }
  }
  return probe.tensors.length;
}

export const memoryLogic: DemoLogic<MemoryParams, MemoryResult> = {
  schema: memorySchema,
  plan(s) {
    return [{ spec: resnetSpec({ ...options(s, 1), probe: true }), feeds: probeFeeds(s) }];
  },
  finish(s, [out]) {
    const bytesPer = DTYPE_BYTES[s.dtype];
    const full = tallyState(s);
    const checked = checkProbe(s, out!, full);
    const bytes = memoryBytes(full, s.opt, bytesPer);
    const batches = [...new Set([...SWEEP_BATCHES, s.batch])].sort((a, b) => a - b);
    const sweep = batches.map((batch) => ({ batch, ...memoryBytes(batch === s.batch ? full : tallyState(s, batch), s.opt, bytesPer) }));
    return {
      params: full.params,
      buffers: full.buffers,
      bytes,
      mb: Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, v / 2 ** 20])) as unknown as MemoryBytes,
      perImage: full.kept / s.batch,
      layers: full.blocks.map((b) => ({ name: b.name, shape: b.shape, params: b.params, activations: b.kept * bytesPer })),
      optimizers: OPTIMIZERS.map((opt) => ({ opt, ...memoryBytes(full, opt, bytesPer) })),
      sweep,
      graph: { nodes: full.nodes, keptTensors: full.keptTensors.length },
      checked,
    };
  },
};
