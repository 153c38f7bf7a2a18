import { addAveragePool } from '../pool';
import type { Shape4 } from './cnn-ops';
import type { Tape } from './tape';

/**
 * Average pooling over non-overlapping size×size windows (stride = size), for inputs whose sides
 * are multiples of the size. Every entry of a window contributed 1/size² of its mean, so it gets
 * dY/size²: the gradient is dY spread evenly over its window, a broadcast after exposing the
 * window axes ([n, c, h/size, size, w/size, size]), as in maxPool2d.
 */
export function avgPool2d(t: Tape, x: string, input: Shape4, size = 2): string {
  const { g } = t;
  const [n, c, h, w] = input;
  if (h % size || w % size) throw new Error(`avgPool2d: ${h}x${w} is not a multiple of the window ${size}`);
  const y = addAveragePool(g, x, { kernelShape: [size, size], strides: [size, size], pads: [0, 0, 0, 0] });
  return t.record(y, (dY) => {
    const cells = g.constantInt64(g.fresh('cells'), [6], [n, c, h / size, 1, w / size, 1]);
    const windows = g.constantInt64(g.fresh('windows'), [6], [n, c, h / size, size, w / size, size]);
    const [dY6] = g.node('Reshape', [dY, cells]);
    const [share] = g.node('Mul', [dY6!, g.constant(g.fresh('inv_window'), [], [1 / (size * size)])]);
    const [spread] = g.node('Expand', [share!, windows]);
    return [[x, g.node('Reshape', [spread!, g.constantInt64(g.fresh('shape'), [4], [n, c, h, w])])[0]!]];
  });
}

/**
 * Global average pooling to [n, c] (AdaptiveAvgPool2d(1) followed by flatten): the mean of each
 * feature map. Each of its h·w entries gets dY/(h·w).
 */
export function globalAvgPool(t: Tape, x: string, input: Shape4): string {
  const { g } = t;
  const [n, c, h, w] = input;
  const [y] = g.node('ReduceMean', [x], { axes: [2, 3], keepdims: 0 });
  return t.record(y!, (dY) => {
    const [dY4] = g.node('Reshape', [dY, g.constantInt64(g.fresh('shape'), [4], [n, c, 1, 1])]);
    const [share] = g.node('Mul', [dY4!, g.constant(g.fresh('inv_area'), [], [1 / (h * w)])]);
    return [[x, g.node('Expand', [share!, g.constantInt64(g.fresh('shape'), [4], [n, c, h, w])])[0]!]];
  });
}
