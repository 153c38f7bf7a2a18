import { describe, expect, it } from 'vitest';
import { addBias, applyMask, matmul, meanSquaredError, relu, softmaxCrossEntropy } from '../../src/lib/onnx/training/dense-ops';
import { batchedMatmul, meanSquaredErrorPerModel } from '../../src/lib/onnx/training/batched-ops';
import { gradCheck, values } from './support/grad-check';

function expectClose(a: Record<string, number[]>, n: Record<string, number[]>, tol = 2e-2) {
  for (const name of Object.keys(n)) {
    expect(a[name]!.length).toBe(n[name]!.length);
    a[name]!.forEach((v, i) => expect(Math.abs(v - n[name]![i]!), `${name}[${i}]: analytic ${v}, numeric ${n[name]![i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(n[name]![i]!))));
  }
}

describe('backward rules agree with finite differences', () => {
  it('matmul: dA = dY Bᵀ, dB = Aᵀ dY', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => matmul(t, x['a']!, x['b']!), [3, 2], [
      { name: 'a', dims: [3, 4], data: values(12, 1) },
      { name: 'b', dims: [4, 2], data: values(8, 2) },
    ]);
    expectClose(analytic, numeric);
  });

  it('bias: dBias sums over the batch', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => addBias(t, x['x']!, x['b']!), [5, 3], [
      { name: 'x', dims: [5, 3], data: values(15, 3) },
      { name: 'b', dims: [3], data: values(3, 4) },
    ]);
    expectClose(analytic, numeric);
  });

  it('relu: gradient passes where the input is positive', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => relu(t, x['x']!), [4, 3], [{ name: 'x', dims: [4, 3], data: values(12, 5, 0.1) }]);
    expectClose(analytic, numeric);
    expect(analytic['x']!.some((v) => v === 0)).toBe(true);
  });

  it('dropout mask: dX = dY ⊙ mask', async () => {
    const mask = [2, 0, 2, 2, 0, 0, 2, 2];
    const { analytic, numeric } = await gradCheck((t, x) => applyMask(t, x['x']!, x['m']!), [4, 2], [
      { name: 'x', dims: [4, 2], data: values(8, 6) },
      { name: 'm', dims: [4, 2], data: mask, wrt: false },
    ]);
    expectClose(analytic, numeric);
  });

  it('mean squared error: dŶ = 2(ŷ − y)/N', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => meanSquaredError(t, x['p']!, x['y']!, 6), [], [
      { name: 'p', dims: [6, 1], data: values(6, 7) },
      { name: 'y', dims: [6, 1], data: values(6, 8), wrt: false },
    ]);
    expectClose(analytic, numeric);
  });

  it('softmax cross-entropy: dZ = (softmax − onehot)/batch', async () => {
    const onehot = [1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    const { analytic, numeric } = await gradCheck((t, x) => softmaxCrossEntropy(t, x['z']!, x['y']!, 3), [], [
      { name: 'z', dims: [3, 4], data: values(12, 9).map((v) => 3 * v) },
      { name: 'y', dims: [3, 4], data: onehot, wrt: false },
    ]);
    expectClose(analytic, numeric);
  });

  it('a composed network: relu(x·W + b)·V through MSE', async () => {
    const { analytic, numeric } = await gradCheck(
      (t, x) => {
        const h = relu(t, addBias(t, matmul(t, x['x']!, x['W']!, { a: false }), x['b']!));
        return meanSquaredError(t, matmul(t, h, x['V']!), x['y']!, 5);
      },
      [],
      [
        { name: 'x', dims: [5, 3], data: values(15, 10), wrt: false },
        { name: 'W', dims: [3, 4], data: values(12, 11, 0.2) },
        { name: 'b', dims: [4], data: values(4, 12, 0.2) },
        { name: 'V', dims: [4, 1], data: values(4, 13) },
        { name: 'y', dims: [5, 1], data: values(5, 14), wrt: false },
      ],
    );
    expectClose(analytic, numeric, 3e-2);
  });
});

describe('batched ops (several models in one graph) agree with finite differences', () => {
  it('batched matmul: per model dA = dY Wᵀ, dW = Aᵀ dY', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => batchedMatmul(t, x['a']!, x['w']!), [3, 4, 2], [
      { name: 'a', dims: [3, 4, 5], data: values(60, 31) },
      { name: 'w', dims: [3, 5, 2], data: values(30, 32) },
    ]);
    expectClose(analytic, numeric);
  });

  it('per-model mean squared error: the sum of means, each model getting 2(ŷ − y)/rows', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => meanSquaredErrorPerModel(t, x['p']!, x['y']!, 4).total, [], [
      { name: 'p', dims: [3, 4, 1], data: values(12, 33) },
      { name: 'y', dims: [4, 1], data: values(4, 34), wrt: false },
    ]);
    expectClose(analytic, numeric);
  });
});
