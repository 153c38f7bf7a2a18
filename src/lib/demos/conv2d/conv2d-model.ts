import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';

/**
 * One Conv over an already padded single-channel image. Padding and flipping happen before the
 * model so the page can show exactly the matrix and kernel the model receives; the kernel is an
 * input, so editing its entries reuses the session, while its shape and the stride fix the graph.
 */
export function conv2dModel(kh: number, kw: number, stride: number): ModelSpec {
  return {
    key: `conv2d-k${kh}x${kw}-s${stride}`,
    build() {
      const g = new GraphBuilder('conv2d');
      g.input('x', [1, 1, 'height', 'width']);
      g.input('k', [1, 1, kh, kw]);
      addConv(g, ['x', 'k'], { kernelShape: [kh, kw], strides: [stride, stride] }, 'y');
      g.output('y', [1, 1, 'out_height', 'out_width']);
      return g.toBytes();
    },
  };
}
