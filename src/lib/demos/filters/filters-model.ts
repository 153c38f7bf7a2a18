import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import type { Padding, Pads } from './filters-padding';

export interface FiltersGraph {
  kh: number;
  kw: number;
  padding: Padding;
  /** Two kernels and √(gx² + gy²) (Sobel magnitude), or one kernel. */
  magnitude: boolean;
}

/**
 * Pad, then Conv with no padding of its own: ONNX Conv can only pad with zeros, and a Pad node
 * does both zeros (`constant`) and mirroring (`reflect`) on either backend. The kernels are
 * inputs, so a reader editing entries reuses the session; their shape and the padding fix the
 * graph. The image size is left free.
 */
export function filtersModel(g: FiltersGraph, pads: Pads): ModelSpec {
  const [top, left, bottom, right] = pads;
  return {
    key: `filters-${g.magnitude ? 'sobel' : 'k'}${g.kh}x${g.kw}-${g.padding}`,
    build() {
      const b = new GraphBuilder('filters');
      b.input('x', [1, 1, 'height', 'width']);
      // ONNX order: the begins of N, C, H, W, then their ends.
      const padsName = b.constantInt64('pads', [8], [0, 0, top, left, 0, 0, bottom, right]);
      const [padded] = b.node('Pad', ['x', padsName], { mode: g.padding === 'reflect' ? 'reflect' : 'constant' });
      const conv = (kernel: string, out?: string) => addConv(b, [padded!, kernel], { kernelShape: [g.kh, g.kw] }, out);
      if (g.magnitude) {
        b.input('kx', [1, 1, g.kh, g.kw]);
        b.input('ky', [1, 1, g.kh, g.kw]);
        const gx = conv('kx');
        const gy = conv('ky');
        const [gx2] = b.node('Mul', [gx, gx]);
        const [gy2] = b.node('Mul', [gy, gy]);
        const [sum] = b.node('Add', [gx2!, gy2!]);
        b.node('Sqrt', [sum!], {}, ['y']);
      } else {
        b.input('k', [1, 1, g.kh, g.kw]);
        conv('k', 'y');
      }
      b.output('y', [1, 1, 'height', 'width']);
      return b.toBytes();
    },
  };
}
