import { describe, expect, it } from 'vitest';
import { paramTable, parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { poolingLogic } from '../../src/lib/demos/pooling/pooling-logic';
import { DEFAULT_X, poolingSchema } from '../../src/lib/demos/pooling/pooling-schema';
import { runInNode } from '../../src/lib/ort/node-runner';
import { poolReference } from './reference/pooling';

const fmt = (m: number[][]) => m.map((r) => r.join(',')).join(';');

const compute = async (query: string) => {
  const { state, issues } = parseDemoState(poolingSchema, query);
  expect(issues).toEqual([]);
  return runDemo(poolingLogic, state, runInNode);
};

/** Small integers from a fixed linear congruential sequence: many ties, reproducible. */
function lcgMatrix(rows: number, cols: number, seed: number, levels: number, offset = 0): number[][] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * levels) + offset;
  };
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}

function expectClose(actual: number[][], expected: number[][], digits = 5) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) => {
    expect(row.length).toBe(expected[r]!.length);
    row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]![c]!, digits));
  });
}

describe('max pooling: forward and backward against a direct loop', () => {
  it('the default input has a tie in its first window; the first maximum in row-major order takes dy', async () => {
    const r = await compute('');
    const ref = poolReference(DEFAULT_X, 'max', 2, 2);
    expect(r.y).toEqual(ref.y);
    expect(r.dx).toEqual(ref.dx);
    expect(r.argmax).toEqual(ref.argmax);
    // The two 5s of the top-left window: (row 1, col 2) gets the gradient, (row 2, col 1) nothing.
    expect(DEFAULT_X[0]![1]).toBe(5);
    expect(DEFAULT_X[1]![0]).toBe(5);
    expect(r.dx[0]![1]).toBe(1);
    expect(r.dx[1]![0]).toBe(0);
  });

  it('a window of equal entries gives everything to its top-left entry', async () => {
    const r = await compute(`x=${fmt(Array.from({ length: 4 }, () => [2, 2, 2, 2]))}`);
    expect(r.dx).toEqual([
      [1, 0, 1, 0],
      [0, 0, 0, 0],
      [1, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('a tie later in the row beats one in the next row, and one on the left beats one on the right', async () => {
    // Window 1: 3s at (1,2) and (2,1) -> (1,2). Window 2: 3s at (1,4) and (2,3) -> (1,4).
    const r = await compute('x=0,3,1,3;3,0,3,0&dy=10,20');
    expect(r.dx).toEqual([
      [0, 10, 0, 20],
      [0, 0, 0, 0],
    ]);
    // Ties at (2,1) and (2,2): the left one.
    const s = await compute('x=0,0;7,7&dy=5');
    expect(s.dx).toEqual([
      [0, 0],
      [5, 0],
    ]);
  });

  it('works on negative inputs (the maximum is not simply the largest magnitude)', async () => {
    const x = [
      [-5, -1, -3],
      [-2, -8, -1],
      [-9, -4, -6],
    ];
    const r = await compute(`x=${fmt(x)}&size=2&stride=1&dy=1,2;3,4`);
    const ref = poolReference(x, 'max', 2, 1, [
      [1, 2],
      [3, 4],
    ]);
    expect(r.y).toEqual(ref.y);
    expect(r.dx).toEqual(ref.dx);
  });

  // [rows, cols, size, stride]: non-square inputs, stride equal to, below (overlap) and above (gaps) size.
  const shapes: [number, number, number, number][] = [
    [4, 4, 2, 2],
    [3, 5, 2, 2],
    [5, 3, 2, 1],
    [6, 7, 3, 1],
    [7, 6, 3, 2],
    [8, 5, 2, 3],
    [5, 9, 1, 2],
    [9, 9, 4, 3],
    [12, 10, 5, 2],
    [6, 6, 3, 4],
    [2, 8, 2, 1],
    [10, 12, 8, 1],
  ];

  it.each(shapes)('x %ix%i, size %i, stride %i: ties everywhere (entries 0..2), all ones and integer dy', async (h, w, size, stride) => {
    const x = lcgMatrix(h, w, h * 131 + w * 17 + size * 7 + stride, 3);
    const rows = Math.floor((h - size) / stride) + 1;
    const cols = Math.floor((w - size) / stride) + 1;
    const dy = lcgMatrix(rows, cols, 99 + h + w, 9, -4);
    const plain = await compute(`x=${fmt(x)}&size=${size}&stride=${stride}`);
    const ref = poolReference(x, 'max', size, stride);
    expect(plain.y).toEqual(ref.y);
    expect(plain.dx).toEqual(ref.dx);
    expect(plain.argmax).toEqual(ref.argmax);
    const routed = await compute(`x=${fmt(x)}&size=${size}&stride=${stride}&dy=${fmt(dy)}`);
    expect(routed.dx).toEqual(poolReference(x, 'max', size, stride, dy).dx);
  });

  it('where windows overlap, an entry that is the maximum of several windows collects all their gradients', async () => {
    const r = await compute('size=3&stride=1&dy=1,2;3,4');
    // The 7 at row 3, column 3 is the maximum of all four 3x3 windows.
    expect(r.dx[2]![2]).toBe(1 + 2 + 3 + 4);
    expect(r.dx.flat().filter((v) => v !== 0)).toHaveLength(1);
  });

  it('the write-up\'s claims about overlapping 2x2 windows at stride 1 on the default input', async () => {
    const r = await compute('size=2&stride=1');
    expect(r.dx).toEqual(poolReference(DEFAULT_X, 'max', 2, 1).dx);
    expect(r.dx[0]![1]).toBe(2); // first maximum of two windows
    expect(r.dx[1]![0]).toBe(1); // loses the tie above, wins the window below
    expect(r.dx[2]![2]).toBe(4); // the 7: maximum of four windows
  });

  it('the hint\'s 2x2 case: dy goes to the top-left maximum', async () => {
    const r = await compute('x=4,1;2,3&dy=5');
    expect(r.dx).toEqual([
      [5, 0],
      [0, 0],
    ]);
  });

  it('with non-integer dy the routed values are dy exactly (float32)', async () => {
    const r = await compute('dy=0.1,-2.5;3.25,1e-3');
    expect(r.dx[0]![1]).toBeCloseTo(0.1, 6);
    expect(r.dx[1]![3]).toBe(-2.5);
    expect(r.dx[3]![0]).toBe(3.25);
    expect(r.dx[2]![2]).toBeCloseTo(1e-3, 8);
  });
});

describe('average pooling: forward and backward against a direct loop', () => {
  it('2x2, stride 2: each dy entry is split in four', async () => {
    const r = await compute('kind=avg&dy=1,2;3,4');
    const ref = poolReference(DEFAULT_X, 'avg', 2, 2, [
      [1, 2],
      [3, 4],
    ]);
    expect(r.y).toEqual(ref.y);
    expect(r.dx).toEqual(ref.dx);
    expect(r.argmax).toBeNull();
  });

  it('overlapping 2x2 windows at stride 1: corners in one window, edges in two, the middle in four', async () => {
    const r = await compute('kind=avg&size=2&stride=1');
    expect(r.dx).toEqual([
      [0.25, 0.5, 0.5, 0.25],
      [0.5, 1, 1, 0.5],
      [0.5, 1, 1, 0.5],
      [0.25, 0.5, 0.5, 0.25],
    ]);
  });

  const shapes: [number, number, number, number][] = [
    [3, 5, 2, 2],
    [6, 7, 3, 1],
    [7, 6, 3, 2],
    [8, 5, 2, 3],
    [9, 9, 4, 3],
    [12, 12, 5, 2],
  ];
  it.each(shapes)('x %ix%i, size %i, stride %i with real-valued x and dy', async (h, w, size, stride) => {
    const x = lcgMatrix(h, w, h * 7 + w, 2001, -1000).map((row) => row.map((v) => v / 100));
    const rows = Math.floor((h - size) / stride) + 1;
    const cols = Math.floor((w - size) / stride) + 1;
    const dy = lcgMatrix(rows, cols, 5 + h, 41, -20).map((row) => row.map((v) => v / 4));
    const r = await compute(`kind=avg&x=${fmt(x)}&size=${size}&stride=${stride}&dy=${fmt(dy)}`);
    const ref = poolReference(x, 'avg', size, stride, dy);
    expectClose(r.y, ref.y, 4);
    expectClose(r.dx, ref.dx, 5);
  });

  it('the gradient does not depend on x', async () => {
    const a = await compute('kind=avg&size=3&stride=1&dy=1,-2;0.5,4');
    const b = await compute(`kind=avg&size=3&stride=1&dy=1,-2;0.5,4&x=${fmt(lcgMatrix(4, 4, 3, 50))}`);
    expect(b.dx).toEqual(a.dx);
    expect(b.y).not.toEqual(a.y);
  });
});

describe('pooling parameters', () => {
  it('size=0 is reported and the default window is used', () => {
    const { state, issues } = parseDemoState(poolingSchema, 'size=0');
    expect(state.size).toBe(2);
    expect(issues).toEqual([{ param: 'size', message: 'size must be an integer from 1 to 8 (got "0"); using 2.' }]);
  });

  it('a ragged x is reported and the default input is used', () => {
    const { state, issues } = parseDemoState(poolingSchema, 'x=1,2;3');
    expect(state.x).toEqual(DEFAULT_X);
    expect(issues[0]!.param).toBe('x');
    expect(issues[0]!.message).toContain('rows differ in length (row 1 has 2 entries, row 2 has 1)');
  });

  it('a missing stride means the window size; an empty one too', () => {
    expect(parseDemoState(poolingSchema, 'size=3').state.stride).toBeNull();
    expect(parseDemoState(poolingSchema, 'size=3&stride=').state.stride).toBeNull();
    const bad = parseDemoState(poolingSchema, 'stride=9');
    expect(bad.issues[0]!.message).toBe('stride must be an integer from 1 to 8, or absent (same as size) (got "9"); using same as size.');
  });

  it('a dy of the wrong shape is reported and replaced by all ones', async () => {
    const { state, issues } = parseDemoState(poolingSchema, 'dy=1,2,3;4,5,6');
    expect(state.dy).toEqual([]);
    expect(issues).toEqual([{ param: 'dy', message: 'dy must be 2x2 like y, or left out for all ones (got 2x3); using the default dy.' }]);
    const r = await runDemo(poolingLogic, state, runInNode);
    expect(r.dx).toEqual(poolReference(DEFAULT_X, 'max', 2, 2).dx);
  });

  it('a window larger than x is reported; the default size is used, and x too if even that does not fit', () => {
    const big = parseDemoState(poolingSchema, 'size=5');
    expect(big.state.size).toBe(2);
    expect(big.issues[0]!.message).toBe('a 5x5 window does not fit x (4x4); using the default size.');
    const tiny = parseDemoState(poolingSchema, 'x=1,2,3&size=2');
    expect(tiny.state.x).toEqual(DEFAULT_X);
    expect(tiny.issues[0]!.param).toBe('size,x');
  });

  it('MDX props are strict: a bad parameter fails the build', () => {
    expect(() => parseDemoProps(poolingSchema, 'kind=min', 'test')).toThrow(/kind must be one of "max", "avg"/);
    expect(() => parseDemoProps(poolingSchema, 'window=2', 'test')).toThrow(/unknown pooling parameter/);
  });

  it('the parameter table says what an absent stride and dy mean', () => {
    const rows = Object.fromEntries(paramTable(poolingSchema).map((r) => [r.name, r]));
    expect(rows['stride']!.default).toBe('same as size');
    expect(rows['dy']!.default).toBe('all ones, in the shape of y');
  });
});
