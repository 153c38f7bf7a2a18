import { addConv } from '../conv';
import { addConvTranspose } from '../conv-transpose';
import { addMaxPool } from '../pool';
import type { Tape } from './tape';

/**
 * Convolutional forward ops (NCHW, static shapes) with hand-derived backward rules. Every rule is
 * checked against finite differences in tests/unit/cnn-ops.test.ts. Shapes are passed in because
 * the backward graphs need them (output sizes of ConvTranspose, reshapes of pooling windows).
 */

export type Shape4 = [n: number, c: number, h: number, w: number];

export interface Conv2dOptions {
  /** Shape of the input x. */
  input: Shape4;
  /** Output channels and square kernel size: w is [outChannels, c, kernel, kernel]. */
  outChannels: number;
  kernel: number;
  /** Zeros added on every side ("same" for a 3x3 kernel is pad 1). */
  pad: number;
  stride: number;
  /** False for the network's input image, which needs no gradient. */
  inputGrad?: boolean;
  /** A frozen layer: w and b are fixed inputs, not trained, so no gradient is emitted for them. */
  frozen?: boolean;
}

/** floor((h + 2p − k)/s) + 1, the spatial size of a convolution's output. */
export function convOutputSize(h: number, kernel: number, pad: number, stride: number): number {
  return Math.floor((h + 2 * pad - kernel) / stride) + 1;
}

export function conv2dOutputShape(o: Conv2dOptions): Shape4 {
  const [n, , h, w] = o.input;
  return [n, o.outChannels, convOutputSize(h, o.kernel, o.pad, o.stride), convOutputSize(w, o.kernel, o.pad, o.stride)];
}

/**
 * y = conv(x, w) + b (cross-correlation, as CNN layers compute it), with
 * y[n,o,i,j] = Σ_{c,u,v} x_pad[n,c,s·i+u,s·j+v]·w[o,c,u,v] + b[o]. Backward:
 * - dX: every x_pad[n,c,s·i+u,s·j+v] received dY[n,o,i,j]·w[o,c,u,v], which is the transposed
 *   convolution of dY with the same w, stride and padding; output_padding restores rows that the
 *   forward stride skipped at the end.
 * - dW[o,c,u,v] = Σ_{n,i,j} dY[n,o,i,j]·x_pad[n,c,s·i+u,s·j+v]: a convolution in which the batch
 *   axis plays the channel axis (x as [c, n, h, w], dY as the kernel [o, n, hy, wy], dilated by s),
 *   giving [c, o, k', k'] (k' ≥ k; extra rows are positions no window reached) → sliced, transposed.
 * - dB[o] = Σ_{n,i,j} dY[n,o,i,j].
 */
export function conv2d(t: Tape, x: string, w: string, b: string, o: Conv2dOptions): string {
  const { g } = t;
  const [, , h, wd] = o.input;
  const k = o.kernel;
  const s = o.stride;
  const p = o.pad;
  const [, , hy, wy] = conv2dOutputShape(o);
  if (hy < 1 || wy < 1) throw new Error(`conv2d: kernel ${k} does not fit input ${h}x${wd} with padding ${p}`);
  const y = addConv(g, [x, w, b], { kernelShape: [k, k], strides: [s, s], pads: [p, p, p, p], dilations: [1, 1] });
  return t.record(y, (dY) => {
    const out: [string, string][] = [];
    if (o.inputGrad !== false) {
      const reachedH = (hy - 1) * s + k - 2 * p;
      const reachedW = (wy - 1) * s + k - 2 * p;
      const dX = addConvTranspose(g, [dY, w], {
        kernelShape: [k, k],
        strides: [s, s],
        pads: [p, p, p, p],
        outputPadding: [h - reachedH, wd - reachedW],
      });
      out.push([x, dX]);
    }
    if (o.frozen) return out;
    const [xT] = g.node('Transpose', [x], { perm: [1, 0, 2, 3] });
    const [dYT] = g.node('Transpose', [dY], { perm: [1, 0, 2, 3] });
    let dWT = addConv(g, [xT!, dYT!], { kernelShape: [hy, wy], strides: [1, 1], pads: [p, p, p, p], dilations: [s, s] });
    const kh = h + 2 * p - s * (hy - 1);
    const kw = wd + 2 * p - s * (wy - 1);
    if (kh !== k || kw !== k) {
      const starts = g.constantInt64(g.fresh('starts'), [2], [0, 0]);
      const ends = g.constantInt64(g.fresh('ends'), [2], [k, k]);
      const axes = g.constantInt64(g.fresh('axes'), [2], [2, 3]);
      dWT = g.node('Slice', [dWT, starts, ends, axes])[0]!;
    }
    const [dW] = g.node('Transpose', [dWT], { perm: [1, 0, 2, 3] });
    out.push([w, dW!]);
    const axes = g.constantInt64(g.fresh('axes'), [3], [0, 2, 3]);
    const [dB] = g.node('ReduceSum', [dY, axes], { keepdims: 0 });
    out.push([b, dB!]);
    return out;
  });
}

/**
 * Max pooling over non-overlapping size×size windows (stride = size), for inputs whose height and
 * width are multiples of the size. The gradient of each window goes to the entry that holds its
 * maximum; where several entries tie (flat regions such as the blank background of a digit after
 * a bias) it is split equally among them, one valid choice of subgradient that keeps the sum of
 * dX over a window equal to dY. The window axes are exposed by reshaping x to
 * [n, c, h/size, size, w/size, size], so the "upsampled" maximum is a broadcast, not a copy.
 */
export function maxPool2d(t: Tape, x: string, input: Shape4, size = 2): string {
  const { g } = t;
  const [n, c, h, w] = input;
  if (h % size || w % size) throw new Error(`maxPool2d: ${h}x${w} is not a multiple of the window ${size}`);
  const y = addMaxPool(g, x, { kernelShape: [size, size], strides: [size, size], pads: [0, 0, 0, 0] });
  return t.record(y, (dY) => {
    const windows = g.constantInt64(g.fresh('windows'), [6], [n, c, h / size, size, w / size, size]);
    const cells = g.constantInt64(g.fresh('cells'), [6], [n, c, h / size, 1, w / size, 1]);
    const [x6] = g.node('Reshape', [x, windows]);
    const [y6] = g.node('Reshape', [y, cells]);
    const [hit] = g.node('Equal', [x6!, y6!]);
    const [mask] = g.node('Cast', [hit!], { to: 1 });
    const axes = g.constantInt64(g.fresh('axes'), [2], [3, 5]);
    const [ties] = g.node('ReduceSum', [mask!, axes], { keepdims: 1 });
    const [dY6] = g.node('Reshape', [dY, cells]);
    const [share] = g.node('Div', [dY6!, ties!]);
    const [dX6] = g.node('Mul', [mask!, share!]);
    const back = g.constantInt64(g.fresh('shape'), [4], [n, c, h, w]);
    return [[x, g.node('Reshape', [dX6!, back])[0]!]];
  });
}

/** [n, c, h, w] → [n, c·h·w] in C order (as torch.flatten(x, 1)); the gradient is reshaped back. */
export function flatten(t: Tape, x: string, input: Shape4): string {
  const { g } = t;
  const [n, c, h, w] = input;
  const flat = g.constantInt64(g.fresh('flat'), [2], [n, c * h * w]);
  const [y] = g.node('Reshape', [x, flat]);
  return t.record(y!, (dY) => [[x, g.node('Reshape', [dY, g.constantInt64(g.fresh('shape'), [4], [n, c, h, w])])[0]!]]);
}
