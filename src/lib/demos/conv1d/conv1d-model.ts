import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';

/**
 * A batch of 1-D signals correlated with a length-`taps` kernel. Fed the impulse response
 * reversed, it computes the true (flipped) convolution of the homework's definition.
 */
export function conv1dModel(taps: number): ModelSpec {
  return {
    key: `conv1d-k${taps}`,
    build() {
      const g = new GraphBuilder('conv1d');
      g.input('x', ['batch', 1, 'length']);
      g.input('h', [1, 1, taps]);
      addConv(g, ['x', 'h'], { kernelShape: [taps] }, 'y');
      g.output('y', ['batch', 1, 'out_length']);
      return g.toBytes();
    },
  };
}
