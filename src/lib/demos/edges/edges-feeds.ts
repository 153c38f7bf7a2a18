import type { Feeds } from '../../onnx/model-spec';
import { stateSlots } from '../../onnx/training/optimizers';
import { stateName } from '../../onnx/training/unrolled-training';
import { defaultUniform, xavierUniform } from '../../random/initializers';
import { PIXELS, SIDE, STREAM, streamOf, type EdgeSet } from './edge-images';
import { EDGE_DETECTORS, edgeParams, optimizerOf, type EdgeNetConfig } from './edges-model';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Initial weights of a model, from the seed's init stream. Models of one run draw from the same
 * stream per parameter name, so `cnn` and `cnn-avg` start from the very same weights.
 */
export function initialWeights(seed: number, c: EdgeNetConfig): Feeds {
  const feeds: Feeds = {};
  for (const [i, p] of edgeParams(c).entries()) {
    const rng = streamOf(seed, STREAM.init, c.model === 'mlp' ? 100 + i : i);
    const n = size(p.shape);
    const data =
      p.init === 'xavier' ? xavierUniform(rng, n, p.fanIn, p.fanOut)
      : p.init === 'default' ? defaultUniform(rng, n, p.fanIn)
      : p.init === 'detectors' ? Float32Array.from(EDGE_DETECTORS.flat(2))
      : new Float32Array(n);
    feeds[p.name] = { data, dims: p.shape };
  }
  return feeds;
}

/** Initial weights plus the momentum buffers (zero) of the trained ones: the training job's state. */
export function initialState(seed: number, c: EdgeNetConfig, wd: number): { state: Feeds; frozen: Feeds } {
  const w = initialWeights(seed, c);
  const state: Feeds = {};
  const frozen: Feeds = {};
  for (const p of edgeParams(c)) {
    if (p.frozen) {
      frozen[p.name] = w[p.name]!;
      continue;
    }
    state[p.name] = w[p.name]!;
    for (const slot of stateSlots(optimizerOf(wd))) state[stateName(p.name, slot)] = { data: new Float32Array(size(p.shape)), dims: p.shape };
  }
  return { state, frozen };
}

/** The order in which epoch `epoch` visits the n training images; every model of a run sees the same. */
export function epochOrder(seed: number, epoch: number, n: number): number[] {
  return streamOf(seed, STREAM.order, epoch, n).permutation(n);
}

/** Images `indices` of a set as [count, 1, 28, 28] and their one-hot labels [count, classes]. */
export function batchOf(set: EdgeSet, indices: readonly number[], classes: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(indices.length * PIXELS);
  const y = new Float32Array(indices.length * classes);
  indices.forEach((i, k) => {
    x.set(set.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS);
    y[k * classes + set.labels[i]!] = 1;
  });
  return { x, y };
}

export function wholeSet(set: EdgeSet, classes: number, name: 'train' | 'val'): Feeds {
  const { x, y } = batchOf(set, Array.from({ length: set.count }, (_, i) => i), classes);
  return {
    [`${name}X`]: { data: x, dims: [set.count, 1, SIDE, SIDE] },
    [`${name}Y`]: { data: y, dims: [set.count, classes] },
  };
}
