import { describe, expect, it } from 'vitest';
import { conv2d } from '../../src/lib/onnx/training/cnn-ops';
import { padReflect, padZeros, reflectIndex, samePads } from '../../src/lib/onnx/training/padding-ops';
import { avgPool2d, globalAvgPool } from '../../src/lib/onnx/training/pooling-ops';
import { relu } from '../../src/lib/onnx/training/dense-ops';
import { GraphBuilder } from '../../src/lib/onnx/graph-builder';
import { Tape } from '../../src/lib/onnx/training/tape';
import { runInNode } from '../../src/lib/ort/node-runner';
import { gradCheck, values } from './support/grad-check';

function expectClose(a: Record<string, number[]>, n: Record<string, number[]>, tol = 2e-2) {
  for (const name of Object.keys(n)) {
    expect(a[name]!.length).toBe(n[name]!.length);
    a[name]!.forEach((v, i) => expect(Math.abs(v - n[name]![i]!), `${name}[${i}]: analytic ${v}, numeric ${n[name]![i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(n[name]![i]!))));
  }
}

describe('padding geometry', () => {
  it('"same" pads split k − 1 evenly; an even kernel pads one more at the bottom and right', () => {
    expect(samePads(7)).toEqual([3, 3, 3, 3]);
    expect(samePads(3)).toEqual([1, 1, 1, 1]);
    expect(samePads(2)).toEqual([0, 0, 1, 1]);
    expect(samePads(6)).toEqual([2, 2, 3, 3]);
    expect(samePads(1)).toEqual([0, 0, 0, 0]);
  });

  it('reflect mirrors about the edge without repeating it (row −1 is row 1, row n is row n − 2)', () => {
    const n = 5;
    expect([-3, -2, -1, 0, 4, 5, 6, 7].map((i) => reflectIndex(i, n))).toEqual([3, 2, 1, 0, 4, 3, 2, 1]);
  });
});

describe('new backward rules agree with finite differences', () => {
  it('reflect padding: mirrored copies send their gradient back to the entry they copy', async () => {
    const shape: [number, number, number, number] = [2, 2, 5, 4];
    const { analytic, numeric } = await gradCheck((t, x) => padReflect(t, x['x']!, shape, [2, 1, 3, 2]), [2, 2, 10, 7], [{ name: 'x', dims: shape, data: values(80, 11) }]);
    expectClose(analytic, numeric);
  });

  it('reflect padding forward is numpy/PyTorch "reflect": the row above row 0 is row 1, column 4 is column 2', async () => {
    const g = new GraphBuilder('reflect-forward');
    g.input('x', [1, 1, 3, 4]);
    const y = padReflect(new Tape(g), 'x', [1, 1, 3, 4], [1, 0, 0, 2]);
    g.node('Identity', [y], {}, ['y']);
    g.output('y', [1, 1, 4, 6]);
    const out = await runInNode({ key: 'reflect-forward', build: () => g.toBytes() }, { x: { data: Float32Array.from({ length: 12 }, (_, i) => i), dims: [1, 1, 3, 4] } });
    expect(Array.from(out['y']!.data)).toEqual([4, 5, 6, 7, 6, 5, 0, 1, 2, 3, 2, 1, 4, 5, 6, 7, 6, 5, 8, 9, 10, 11, 10, 9]);
  });

  it('zero padding: the gradient of the interior', async () => {
    const shape: [number, number, number, number] = [1, 2, 3, 3];
    const { analytic, numeric } = await gradCheck((t, x) => padZeros(t, x['x']!, shape, [0, 1, 1, 0]), [1, 2, 4, 4], [{ name: 'x', dims: shape, data: values(18, 12) }]);
    expectClose(analytic, numeric);
  });

  it('average pool 2x2: each entry gets a quarter of its window gradient', async () => {
    const shape: [number, number, number, number] = [2, 3, 4, 6];
    const { analytic, numeric } = await gradCheck((t, x) => avgPool2d(t, x['x']!, shape), [2, 3, 2, 3], [{ name: 'x', dims: shape, data: values(144, 13) }]);
    expectClose(analytic, numeric);
  });

  it('global average pool: each of the h·w entries gets dY/(h·w)', async () => {
    const shape: [number, number, number, number] = [2, 3, 4, 5];
    const { analytic, numeric } = await gradCheck((t, x) => globalAvgPool(t, x['x']!, shape), [2, 3], [{ name: 'x', dims: shape, data: values(120, 14) }]);
    expectClose(analytic, numeric);
  });

  it('reflect-padded conv (7x7 on 8x8, pads 3) → relu → global average pool', async () => {
    const n = 2;
    const { analytic, numeric } = await gradCheck(
      (t, x) => {
        const padded = padReflect(t, x['x']!, [n, 2, 8, 8], samePads(7));
        const h = conv2d(t, padded, x['w']!, x['b']!, { input: [n, 2, 14, 14], outChannels: 3, kernel: 7, pad: 0, stride: 1 });
        return globalAvgPool(t, relu(t, h), [n, 3, 8, 8]);
      },
      [n, 3],
      [
        { name: 'x', dims: [n, 2, 8, 8], data: values(n * 128, 15) },
        { name: 'w', dims: [3, 2, 7, 7], data: values(294, 16) },
        { name: 'b', dims: [3], data: [0.5, 0.6, 0.7] },
      ],
      1e-3,
    );
    expectClose(analytic, numeric, 3e-2);
  });

  it('an even kernel (2x2) with its asymmetric "same" reflect padding keeps the size', async () => {
    const { analytic, numeric } = await gradCheck(
      (t, x) => conv2d(t, padReflect(t, x['x']!, [1, 1, 5, 5], samePads(2)), x['w']!, x['b']!, { input: [1, 1, 6, 6], outChannels: 2, kernel: 2, pad: 0, stride: 1 }),
      [1, 2, 5, 5],
      [
        { name: 'x', dims: [1, 1, 5, 5], data: values(25, 17) },
        { name: 'w', dims: [2, 1, 2, 2], data: values(8, 18) },
        { name: 'b', dims: [2], data: values(2, 19) },
      ],
    );
    expectClose(analytic, numeric);
  });

  it('a frozen conv passes the gradient to its input and emits none for its weights', async () => {
    const { analytic, numeric } = await gradCheck(
      (t, x) => conv2d(t, x['x']!, x['w']!, x['b']!, { input: [1, 1, 4, 4], outChannels: 2, kernel: 2, pad: 0, stride: 1, frozen: true }),
      [1, 2, 3, 3],
      [
        { name: 'x', dims: [1, 1, 4, 4], data: values(16, 20) },
        { name: 'w', dims: [2, 1, 2, 2], data: values(8, 21), wrt: false },
        { name: 'b', dims: [2], data: values(2, 22), wrt: false },
      ],
    );
    expectClose(analytic, numeric);
  });
});
