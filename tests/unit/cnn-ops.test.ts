import { describe, expect, it } from 'vitest';
import { conv2d, conv2dOutputShape, flatten, maxPool2d, type Conv2dOptions } from '../../src/lib/onnx/training/cnn-ops';
import { addBias, applyMask, matmul, relu, softmaxCrossEntropy } from '../../src/lib/onnx/training/dense-ops';
import { gradCheck, values } from './support/grad-check';

function expectClose(a: Record<string, number[]>, n: Record<string, number[]>, tol = 2e-2) {
  for (const name of Object.keys(n)) {
    expect(a[name]!.length).toBe(n[name]!.length);
    a[name]!.forEach((v, i) => expect(Math.abs(v - n[name]![i]!), `${name}[${i}]: analytic ${v}, numeric ${n[name]![i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(n[name]![i]!))));
  }
}

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

async function checkConv(o: Conv2dOptions, seed: number) {
  const wShape = [o.outChannels, o.input[1], o.kernel, o.kernel];
  const { analytic, numeric } = await gradCheck((t, x) => conv2d(t, x['x']!, x['w']!, x['b']!, o), conv2dOutputShape(o), [
    { name: 'x', dims: o.input, data: values(size(o.input), seed) },
    { name: 'w', dims: wShape, data: values(size(wShape), seed + 1) },
    { name: 'b', dims: [o.outChannels], data: values(o.outChannels, seed + 2) },
  ]);
  expectClose(analytic, numeric);
}

describe('CNN backward rules agree with finite differences', () => {
  it('conv2d 3x3 "same" (pad 1, stride 1): dX by ConvTranspose, dW by a conv over the batch, dB by a sum', async () => {
    await checkConv({ input: [2, 2, 5, 5], outChannels: 3, kernel: 3, pad: 1, stride: 1 }, 20);
  });

  it('conv2d without padding: the output is smaller than the input', async () => {
    await checkConv({ input: [2, 1, 5, 4], outChannels: 2, kernel: 3, pad: 0, stride: 1 }, 30);
  });

  it('conv2d stride 2 where the last row is skipped: output_padding and the sliced dW', async () => {
    // (6 + 2 − 3)/2 is not an integer: the forward pass never reaches the last padded row.
    await checkConv({ input: [2, 2, 6, 6], outChannels: 2, kernel: 3, pad: 1, stride: 2 }, 40);
  });

  it('conv2d stride 2 that covers the input exactly', async () => {
    await checkConv({ input: [1, 2, 5, 5], outChannels: 2, kernel: 3, pad: 1, stride: 2 }, 50);
  });

  it('max pool 2x2: the gradient goes to the maximum of each window', async () => {
    // Distinct values, so every window has one maximum and the function is differentiable.
    const n = 2 * 3 * 4 * 6;
    const data = values(n, 60).map((v, i) => v + i * 1e-3);
    const { analytic, numeric } = await gradCheck((t, x) => maxPool2d(t, x['x']!, [2, 3, 4, 6]), [2, 3, 2, 3], [{ name: 'x', dims: [2, 3, 4, 6], data }], 1e-3);
    expectClose(analytic, numeric);
    // One nonzero entry per window: 2·3·2·3 windows.
    expect(analytic['x']!.filter((v) => v !== 0).length).toBe(36);
  });

  it('max pool 2x2 with ties: the window gradient is split equally and sums to what one maximum would get', async () => {
    // Window 1 (columns 0-1) is flat at 0.5; window 2 (columns 2-3) has two maxima equal to 1.
    const tied = [0.5, 0.5, 1, 0.2, 0.5, 0.5, 1, -1];
    // The same windows with the ties broken: all of each window's gradient goes to one entry.
    const untied = [0.5, 0.5001, 1, 0.2, 0.5, 0.5, 1.0001, -1];
    const grad = async (data: number[]) =>
      (await gradCheck((t, i) => maxPool2d(t, i['x']!, [1, 1, 2, 4]), [1, 1, 1, 2], [{ name: 'x', dims: [1, 1, 2, 4], data }])).analytic['x']!;
    const d = await grad(tied);
    const u = await grad(untied);
    const window1 = u[0]! + u[1]! + u[4]! + u[5]!;
    const window2 = u[2]! + u[3]! + u[6]! + u[7]!;
    expect(u.filter((v) => v !== 0).length).toBe(2);
    for (const i of [0, 1, 4, 5]) expect(d[i]).toBeCloseTo(window1 / 4, 6);
    for (const i of [2, 6]) expect(d[i]).toBeCloseTo(window2 / 2, 6);
    expect(Math.abs(d[3]!) + Math.abs(d[7]!)).toBe(0);
  });

  it('flatten: the gradient is reshaped back in C order', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => flatten(t, x['x']!, [2, 3, 2, 2]), [2, 12], [{ name: 'x', dims: [2, 3, 2, 2], data: values(24, 70) }]);
    expectClose(analytic, numeric);
  });

  it('the whole small CNN: conv → pool → relu → dropout → conv → pool → relu → linear → cross-entropy', async () => {
    const N = 2;
    const mask1 = values(N * 2 * 4 * 4, 81).map((v) => (v > -0.3 ? 1 / 0.65 : 0));
    const mask2 = values(N * 3 * 2 * 2, 82).map((v) => (v > -0.3 ? 1 / 0.65 : 0));
    const onehot = [0, 1, 0, 0, 0, 0, 1, 0];
    const { analytic, numeric } = await gradCheck(
      (t, x) => {
        let h = conv2d(t, x['x']!, x['w1']!, x['b1']!, { input: [N, 1, 8, 8], outChannels: 2, kernel: 3, pad: 1, stride: 1, inputGrad: false });
        h = applyMask(t, relu(t, maxPool2d(t, h, [N, 2, 8, 8])), x['m1']!);
        h = conv2d(t, h, x['w2']!, x['b2']!, { input: [N, 2, 4, 4], outChannels: 3, kernel: 3, pad: 1, stride: 1 });
        h = applyMask(t, relu(t, maxPool2d(t, h, [N, 3, 4, 4])), x['m2']!);
        const logits = addBias(t, matmul(t, flatten(t, h, [N, 3, 2, 2]), x['fc']!), x['fb']!);
        return softmaxCrossEntropy(t, logits, x['y']!, N);
      },
      [],
      [
        { name: 'x', dims: [N, 1, 8, 8], data: values(N * 64, 83).map((v) => v + 1), wrt: false },
        { name: 'w1', dims: [2, 1, 3, 3], data: values(18, 84) },
        { name: 'b1', dims: [2], data: values(2, 85) },
        { name: 'm1', dims: [N, 2, 4, 4], data: mask1, wrt: false },
        { name: 'w2', dims: [3, 2, 3, 3], data: values(54, 86) },
        { name: 'b2', dims: [3], data: values(3, 87) },
        { name: 'm2', dims: [N, 3, 2, 2], data: mask2, wrt: false },
        { name: 'fc', dims: [12, 4], data: values(48, 88) },
        { name: 'fb', dims: [4], data: values(4, 89) },
        { name: 'y', dims: [N, 4], data: onehot, wrt: false },
      ],
      1e-3,
    );
    expectClose(analytic, numeric, 3e-2);
  });
});
