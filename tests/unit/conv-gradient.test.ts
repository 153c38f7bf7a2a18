import { describe, expect, it } from 'vitest';
import type { InferenceJob } from '../../src/lib/demos/common/demo-logic';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { sweepDraws } from '../../src/lib/demos/conv-gradient/conv-gradient-data';
import { convGradientLogic, type ConvGradientResult } from '../../src/lib/demos/conv-gradient/conv-gradient-logic';
import { convGradientSchema, DRAW_BUDGET } from '../../src/lib/demos/conv-gradient/conv-gradient-schema';
import { runInNode } from '../../src/lib/ort/node-runner';

const state = (query: string) => {
  const { state: s, issues } = parseDemoState(convGradientSchema, query);
  expect(issues).toEqual([]);
  return s;
};
const compute = (query: string): Promise<ConvGradientResult> => runDemo(convGradientLogic, state(query), runInNode);

/** dw[h][l] = Σ_i Σ_j x[i+h][j+l] · dy[i][j], the homework's definition, by brute force. */
function dwByDefinition(x: ArrayLike<number>, n: number, dy: ArrayLike<number>, m: number): number[][] {
  const k = n - m + 1;
  return Array.from({ length: k }, (_, h) =>
    Array.from({ length: k }, (_, l) => {
      let s = 0;
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) s += x[(i + h) * n + (j + l)]! * dy[i * m + j]!;
      return s;
    }),
  );
}

/** A small generator independent of the site's RNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Relative standard error of a sample standard deviation from N independent values of kurtosis κ. */
const stdRelativeError = (kurtosis: number, N: number) => Math.sqrt((kurtosis - 1) / (4 * N));

/**
 * Kurtosis of one dw entry: a sum of M = (n − k + 1)² independent products x·dy (each product uses
 * its own x and its own dy), each of kurtosis κx·κg; a sum of M i.i.d. terms has 3 + (κ − 3)/M.
 */
const dwKurtosis = (dist: 'gaussian' | 'uniform', m: number) => {
  const kp = dist === 'gaussian' ? 9 : 1.8 * 1.8;
  return 3 + (kp - 3) / (m * m);
};

describe('dw = X ⋆ dY (Problem 3a)', () => {
  it('every trial\'s dw from the grouped Conv equals the definition, for every size', async () => {
    const s = state('n=4,7,10&k=3&trials=5&seed=11');
    const job = convGradientLogic.plan(s)[0] as InferenceJob;
    const out = await runInNode(job.spec, job.feeds);
    for (const [i, n] of s.n.entries()) {
      const m = n - s.k + 1;
      const { x, dy } = sweepDraws(s, n);
      const dw = out[`dw${i}`]!;
      expect(dw.dims).toEqual([1, s.trials, s.k, s.k]);
      for (let t = 0; t < s.trials; t++) {
        const expected = dwByDefinition(x.subarray(t * n * n, (t + 1) * n * n), n, dy.subarray(t * m * m, (t + 1) * m * m), m);
        expected.flat().forEach((v, j) => expect(dw.data[t * s.k * s.k + j]!).toBeCloseTo(v, 3));
      }
    }
  });

  it('the worked example: dw by the definition and one SGD step w − lr·dw', async () => {
    // The example depends on seed, k and lr only; a tiny sweep keeps the test fast.
    for (const query of ['n=8&trials=2', 'n=8&trials=2&k=2&lr=0.5&seed=3', 'n=8&trials=2&k=4&lr=0.01']) {
      const s = state(query);
      const { example } = await compute(query);
      const n = s.k + 2;
      expect(example.x).toHaveLength(n);
      expect(example.dy).toHaveLength(3);
      const expected = dwByDefinition(example.x.flat(), n, example.dy.flat(), 3);
      expect(example.dw).toEqual(expected);
      example.wNext.flat().forEach((v, j) => expect(v).toBeCloseTo(example.w.flat()[j]! - s.lr * expected.flat()[j]!, 5));
    }
  });

  it('dw (the one on the page) is the sum over positions of dy times the patch under the kernel', async () => {
    const { example } = await compute('');
    expect((await compute('n=8&trials=2')).example).toEqual(example);
    const sum = [0, 1, 2].map(() => [0, 0, 0]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let h = 0; h < 3; h++) for (let l = 0; l < 3; l++) sum[h]![l]! += example.dy[i]![j]! * example.x[i + h]![j + l]!;
    expect(example.dw).toEqual(sum);
  });
});

describe('the spread of dw (Problem 3b)', () => {
  it('Monte Carlo in plain JS, with non-normal entries: mean 0, Var = (n − k + 1)² σx² σg²', () => {
    // Rademacher x (±σx) and centred exponential dy: far from normal, only independence and zero mean.
    const rand = mulberry32(2023);
    for (const [n, k, sx, sg] of [
      [6, 3, 1.5, 0.5],
      [9, 2, 1, 2],
    ] as const) {
      const m = n - k + 1;
      const trials = 20000;
      let sum = 0;
      let sq = 0;
      for (let t = 0; t < trials; t++) {
        const x = Array.from({ length: n * n }, () => (rand() < 0.5 ? -sx : sx));
        const dy = Array.from({ length: m * m }, () => sg * (-Math.log(1 - rand()) - 1));
        const dw = dwByDefinition(x, n, dy, m)[1 % k]![0]!;
        sum += dw;
        sq += dw * dw;
      }
      const mean = sum / trials;
      const variance = sq / trials - mean * mean;
      const theory = (n - k + 1) ** 2 * sx * sx * sg * sg;
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(theory / trials));
      // Kurtosis of these entries stays below 9, so the variance estimate has relative error below sqrt(8/N) = 2%.
      expect(Math.abs(variance / theory - 1)).toBeLessThan(4 * Math.sqrt(8 / trials));
    }
  });

  it.each(['gaussian', 'uniform'] as const)('the default sweep (%s) is within sampling error of (n − k + 1)·σx·σg', async (dist) => {
    const s = state(`dist=${dist}`);
    const { sweep } = await compute(`dist=${dist}`);
    expect(sweep.map((p) => p.n)).toEqual([8, 16, 32, 64, 128]);
    for (const p of sweep) {
      const m = p.n - s.k + 1;
      expect(p.m).toBe(m);
      expect(p.theory).toBe(m * s.sx * s.sg);
      // k² entries per trial: uncorrelated, with nearly uncorrelated squares, so N = trials · k².
      const N = s.trials * s.k * s.k;
      expect(Math.abs(p.std / p.theory - 1), `n = ${p.n}`).toBeLessThan(4.5 * stdRelativeError(dwKurtosis(dist, m), N));
      expect(Math.abs(p.mean), `n = ${p.n}`).toBeLessThan(4.5 * (p.theory / Math.sqrt(N)));
    }
  });

  it.each(['gaussian', 'uniform'] as const)('with many trials and other spreads (%s), the fit tightens', async (dist) => {
    const query = `dist=${dist}&n=5,12,30&k=4&trials=2000&sx=2.5&sg=0.2&seed=9`;
    const s = state(query);
    const { sweep } = await compute(query);
    for (const p of sweep) {
      const N = s.trials * s.k * s.k;
      expect(p.theory).toBeCloseTo((p.n - 3) * 2.5 * 0.2, 10);
      expect(Math.abs(p.std / p.theory - 1), `n = ${p.n}`).toBeLessThan(4.5 * stdRelativeError(dwKurtosis(dist, p.m), N));
    }
  });

  it('gaussian and uniform draws differ in shape but not in spread', () => {
    const g = sweepDraws(state('dist=gaussian&sx=2'), 32).x;
    const u = sweepDraws(state('dist=uniform&sx=2'), 32).x;
    const moments = (a: Float32Array) => {
      let s2 = 0;
      let s4 = 0;
      for (const v of a) {
        s2 += v * v;
        s4 += v ** 4;
      }
      return { std: Math.sqrt(s2 / a.length), kurtosis: s4 / a.length / (s2 / a.length) ** 2 };
    };
    expect(moments(g).std).toBeCloseTo(2, 1);
    expect(moments(u).std).toBeCloseTo(2, 1);
    expect(moments(g).kurtosis).toBeCloseTo(3, 0);
    expect(moments(u).kurtosis).toBeCloseTo(1.8, 1);
    const largest = (a: Float32Array) => a.reduce((best, v) => Math.max(best, Math.abs(v)), 0);
    expect(largest(u)).toBeLessThanOrEqual(2 * Math.sqrt(3) + 1e-6);
    expect(largest(g)).toBeGreaterThan(2 * Math.sqrt(3));
  });

  it('the numbers for one size do not depend on which other sizes are swept', async () => {
    const a = await compute('n=8,64&trials=20');
    const b = await compute('n=64,16,32&trials=20');
    expect(a.sweep[1]).toEqual(b.sweep[0]);
  });
});

describe('conv-gradient parameters', () => {
  it('a kernel larger than the smallest image is reported; the default k is used', () => {
    const { state: s, issues } = parseDemoState(convGradientSchema, 'n=4,8&k=5');
    expect(s.k).toBe(3);
    expect(issues[0]!.message).toBe('a 5x5 kernel does not fit the smallest image (n = 4); using the default k.');
  });

  it('runs that would draw too many numbers are refused, naming the budget', () => {
    const { state: s, issues } = parseDemoState(convGradientSchema, 'n=128&trials=2000');
    expect(s.trials).toBe(200);
    expect(s.n).toEqual([128]);
    expect(issues[0]!.message).toContain(`more than the ${DRAW_BUDGET} numbers`);
    const both = parseDemoState(convGradientSchema, 'n=128,256&trials=1000');
    expect(both.state.n).toEqual([8, 16, 32, 64, 128]);
    expect(both.state.trials).toBe(200);
  });

  it('rejects sizes above 256, a bad distribution and a zero spread', () => {
    const { issues } = parseDemoState(convGradientSchema, 'n=8,512&dist=cauchy&sx=0');
    expect(issues.map((i) => i.param)).toEqual(['n', 'sx', 'dist']);
  });
});
