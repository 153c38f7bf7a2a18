import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { outputSize, outputWindow, padMatrix } from '../../src/lib/demos/conv2d/conv2d-geometry';
import { conv2dLogic } from '../../src/lib/demos/conv2d/conv2d-logic';
import { conv2dSchema } from '../../src/lib/demos/conv2d/conv2d-schema';
import { runInNode } from '../../src/lib/ort/node-runner';
import { convolve2dReference, correlate2dReference } from './reference/convolution';

const compute = async (query: string) => {
  const { state, issues } = parseDemoState(conv2dSchema, query);
  expect(issues).toEqual([]);
  return runDemo(conv2dLogic, state, runInNode);
};

const ramp = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c + 1));
const sobel = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

describe('conv2d on the homework input (HW3 Problem 2)', () => {
  it('(c) no padding, stride 1: every entry is -40, as the flip-and-drag sum gives', async () => {
    const { y } = await compute('');
    expect(y).toEqual(convolve2dReference(ramp, sobel, 1, 0));
    expect(y).toEqual(Array(3).fill([-40, -40, -40]));
  });

  it('(d)(i) pad 1, stride 1 equals the official answer', async () => {
    const { y, padded } = await compute('stride=1&pad=1');
    expect(padded[0]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(padded[1]).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(y).toEqual([
      [-19, -28, -32, -36, -29],
      [-30, -40, -40, -40, -30],
      [-30, -40, -40, -40, -30],
      [-30, -40, -40, -40, -30],
      [49, 68, 72, 76, 59],
    ]);
    expect(y).toEqual(convolve2dReference(ramp, sobel, 1, 1));
  });

  it('(d)(ii) pad 1, stride 2 equals the official answer', async () => {
    const { y } = await compute('stride=2&pad=1');
    expect(y).toEqual([
      [-19, -32, -29],
      [-30, -40, -30],
      [49, 72, 59],
    ]);
  });

  it('corr mode slides the kernel unflipped, so the Sobel output changes sign', async () => {
    const { y, kernelApplied } = await compute('mode=corr');
    expect(kernelApplied).toEqual(sobel);
    expect(y).toEqual(correlate2dReference(ramp, sobel, 1, 0));
    expect(y).toEqual(Array(3).fill([40, 40, 40]));
  });
});

describe('conv2d against the definition on many shapes', () => {
  const input = (h: number, w: number) => Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => ((i * 7 + j * 3) % 11) - 5));
  const kernel = (h: number, w: number) => Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => ((i * 5 + j * 2) % 7) - 3 + 0.5));
  const fmt = (m: number[][]) => m.map((r) => r.join(',')).join(';');
  const cases: [number, number, number, number, number, number][] = [
    [4, 6, 2, 3, 1, 0],
    [6, 4, 3, 2, 2, 1],
    [7, 7, 3, 3, 3, 2],
    [5, 8, 1, 4, 2, 0],
    [3, 3, 3, 3, 1, 2],
    [9, 5, 5, 1, 4, 3],
  ];
  it.each(cases)('x %ix%i, k %ix%i, stride %i, pad %i', async (h, w, kh, kw, stride, pad) => {
    const x = input(h, w);
    const k = kernel(kh, kw);
    const { y } = await compute(`x=${fmt(x)}&k=${fmt(k)}&stride=${stride}&pad=${pad}`);
    const expected = convolve2dReference(x, k, stride, pad);
    expect(y.length).toBe(outputSize(h, kh, pad, stride));
    y.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]![c]!, 4)));
  });

  it('pads circularly: the virtual row above row 1 is row 5', () => {
    const padded = padMatrix(ramp, 1, 'circular');
    expect(padded[0]).toEqual([25, 21, 22, 23, 24, 25, 21]);
    expect(padded[1]).toEqual([5, 1, 2, 3, 4, 5, 1]);
    expect(padded[6]).toEqual([5, 1, 2, 3, 4, 5, 1]);
  });

  it('circular padding matches convolution on the torus', async () => {
    const { y } = await compute('pad=1&padding=circular');
    expect(y).toEqual(convolve2dReference(ramp, sobel, 1, 1, true));
    // On a torus the top and bottom rows see the jump between row 5 and row 1.
    expect(y[0]![0]).not.toBe(-40);
  });

  it('names the window and products behind an output entry', () => {
    const padded = padMatrix(ramp, 1, 'zeros');
    const flipped = [
      [1, 2, 1],
      [0, 0, 0],
      [-1, -2, -1],
    ];
    const w = outputWindow(padded, flipped, 2, 1, 2);
    expect(w.rows).toEqual([2, 4]);
    expect(w.cols).toEqual([4, 6]);
    expect(w.value).toBe(-30);
  });
});
