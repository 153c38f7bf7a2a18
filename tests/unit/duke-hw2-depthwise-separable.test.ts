// Duke ECE 661 F20 HW2 Problem 1.8: the multiply-adds of a 3×3 convolution and of its depthwise
// separable replacement, as the shapes demo reads them from its graphs (the page's states), against
// the closed forms written out here.
import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { shapesLogic, type ShapesResult } from '../../src/lib/demos/shapes/shapes-logic';
import { shapesSchema } from '../../src/lib/demos/shapes/shapes-schema';
import { runInNode } from '../../src/lib/ort/node-runner';

const count = async (q: string) => {
  const { state, issues } = parseDemoState(shapesSchema, q);
  expect(issues).toEqual([]);
  return (await runDemo(shapesLogic, state, runInNode)) as ShapesResult;
};

// The 3×3 convolutions of ResNet-18/34's four stages (M = N channels in, out), and a stride-2
// convolution that opens a stage (M ≠ N), as on the page.
const CASES = [
  { h: 56, m: 64, n: 64, s: 1 },
  { h: 28, m: 128, n: 128, s: 1 },
  { h: 14, m: 256, n: 256, s: 1 },
  { h: 7, m: 512, n: 512, s: 1 },
  { h: 56, m: 64, n: 128, s: 2 },
];

describe.each(CASES)('a 3×3 convolution $m → $n on $h×$h, stride $s', ({ h, m, n, s }) => {
  const stride = s === 1 ? '' : `/s${s}`;
  const input = `input=${h},${h},${m}`;
  const out = Math.floor((h + 2 - 3) / s) + 1;

  it('costs H′W′·N·9M multiply-adds; depthwise + pointwise cost H′W′·(9M + MN); the ratio is 1/N + 1/9', async () => {
    const dense = await count(`${input}&layers=conv3-${n}${stride}`);
    const separable = await count(`${input}&layers=dw3${stride},conv1-${n}`);
    expect(dense.totals.macs).toBe(out * out * n * 9 * m);
    expect(separable.rows.map((r) => r.macs)).toEqual([0, out * out * 9 * m, out * out * m * n]);
    expect(separable.totals.macs / dense.totals.macs).toBeCloseTo(1 / n + 1 / 9, 12);
    // Parameters: 9MN + N against (9M + M) + (MN + N), biases included.
    expect(dense.totals.params).toBe(9 * m * n + n);
    expect(separable.totals.params).toBe(9 * m + m + m * n + n);
    // The separable pair writes an extra H′W′M map between its two layers.
    const activations = (r: ShapesResult) => r.rows.slice(1).reduce((a, row) => a + row.shape.reduce((p, d) => p * d, 1), 0);
    expect(activations(separable) - activations(dense)).toBe(out * out * m);
  });
});

describe('the speed-up in multiply-adds', () => {
  it('is below 9 for every N and tends to 9 as N grows: 9N/(N + 9)', () => {
    for (const n of [64, 128, 256, 512]) {
      const speedup = 1 / (1 / n + 1 / 9);
      expect(speedup).toBeCloseTo((9 * n) / (n + 9), 12);
      expect(speedup).toBeLessThan(9);
    }
    expect(1 / (1 / 64 + 1 / 9)).toBeGreaterThan(7.8);
  });
});
