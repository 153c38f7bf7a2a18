import { addConv } from '../../onnx/conv';
import { addConvTranspose } from '../../onnx/conv-transpose';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { addAveragePool, addMaxPool } from '../../onnx/pool';
import { pooledSize, uncovered } from './pooling-geometry';

export type PoolKind = 'max' | 'avg';

/** ONNX TensorProto.DataType.FLOAT, the `to` of a Cast back from bool. */
const FLOAT = 1;

/**
 * [size², 1, size, size] one-hot kernels: channel t = p·size + q picks offset (p, q) of a window.
 * As a strided Conv it lays every window out along the channels (multiplying by 1 and adding
 * zeros, so each value is copied exactly); as a ConvTranspose it puts channel t back at (p, q).
 */
function offsetKernels(size: number): Float32Array {
  const n = size * size;
  const k = new Float32Array(n * n);
  for (let t = 0; t < n; t++) k[t * n + t] = 1;
  return k;
}

/** [n, n, 1, 1] with 1 where u < t: a 1x1 Conv that counts the earlier channels that are set. */
function earlierChannels(n: number): Float32Array {
  const k = new Float32Array(n * n);
  for (let t = 0; t < n; t++) for (let u = 0; u < t; u++) k[t * n + u] = 1;
  return k;
}

/**
 * Forward and backward of 2-D pooling on one H x W single-channel input, as one graph.
 *
 * Max: y = MaxPool(x). The backward pass does not use MaxPool's Indices output (the WebGPU
 * kernel does not produce it, and which tied entry it names is up to each kernel): it builds the
 * tie rule from exact ops. Conv with one-hot kernels lists each window's entries as channels in
 * row-major order; Equal against y marks every maximum; a 1x1 Conv counts the marked entries
 * before each one, and Relu(mark − count) keeps only the first. Every step copies or adds small
 * integers, so the rule is exact on every backend. That mask times dy is spread back by
 * ConvTranspose with the same one-hot kernels, which adds contributions of overlapping windows.
 *
 * Avg: y = AveragePool(x); dX = ConvTranspose(dy, ones) / size²: each dy entry is shared
 * equally by the size² entries of its window, overlapping windows adding up.
 */
export function poolingModel(kind: PoolKind, size: number, stride: number, h: number, w: number): ModelSpec {
  return {
    key: `pooling-${kind}-k${size}-s${stride}-${h}x${w}`,
    build() {
      const g = new GraphBuilder(`pooling-${kind}`);
      const oh = pooledSize(h, size, stride);
      const ow = pooledSize(w, size, stride);
      const n = size * size;
      g.input('x', [1, 1, h, w]);
      g.input('dy', [1, 1, oh, ow]);
      const window = { kernelShape: [size, size], strides: [stride, stride] };
      const outputPadding = [uncovered(h, size, stride), uncovered(w, size, stride)];
      if (kind === 'max') {
        addMaxPool(g, 'x', window, 'y');
        g.constant('offsets', [n, 1, size, size], offsetKernels(size));
        const entries = addConv(g, ['x', 'offsets'], window);
        const [isMax] = g.node('Equal', [entries, 'y']);
        const [marks] = g.node('Cast', [isMax!], { to: FLOAT });
        g.constant('earlier', [n, n, 1, 1], earlierChannels(n));
        const before = addConv(g, [marks!, 'earlier'], { kernelShape: [1, 1] });
        const [diff] = g.node('Sub', [marks!, before]);
        g.node('Relu', [diff!], {}, ['first']);
        const [routed] = g.node('Mul', ['first', 'dy']);
        addConvTranspose(g, [routed!, 'offsets'], { ...window, outputPadding }, 'dx');
        g.output('y', [1, 1, oh, ow]);
        g.output('dx', [1, 1, h, w]);
        g.output('first', [1, n, oh, ow]);
      } else {
        addAveragePool(g, 'x', window, 'y');
        g.constant('ones', [1, 1, size, size], new Float32Array(n).fill(1));
        const summed = addConvTranspose(g, ['dy', 'ones'], { ...window, outputPadding });
        g.constant('count', [1], [n]);
        g.node('Div', [summed, 'count'], {}, ['dx']);
        g.output('y', [1, 1, oh, ow]);
        g.output('dx', [1, 1, h, w]);
      }
      return g.toBytes();
    },
  };
}
