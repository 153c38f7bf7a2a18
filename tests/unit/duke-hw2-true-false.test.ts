// The derivations of the Duke ECE 661 HW2 true/false pages 1.1, 1.5 and 1.7, checked by a second
// method: brute-force minimisation, simulated updates, enumeration of every dropout mask, and the
// batchnorm demo's own model. The training claims of those pages: duke-hw2-labs.test.ts.
import { describe, expect, it } from 'vitest';
import { parseDemoProps } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { batchnormLogic, type BatchnormResult } from '../../src/lib/demos/batchnorm/batchnorm-logic';
import { runInNode } from '../../src/lib/ort/node-runner';

const sign = (w: number) => (w > 0 ? 1 : w < 0 ? -1 : 0);
const softThreshold = (c: number, t: number) => sign(c) * Math.max(Math.abs(c) - t, 0);

/** The minimiser of f on [lo, hi] by a fine grid and then golden-section refinement (f convex). */
function argmin(f: (w: number) => number, lo = -10, hi = 10): number {
  let best = lo;
  for (let i = 0; i <= 20_000; i++) {
    const w = lo + ((hi - lo) * i) / 20_000;
    if (f(w) < f(best)) best = w;
  }
  let [a, b] = [best - (hi - lo) / 20_000, best + (hi - lo) / 20_000];
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 200; k++) {
    const [x1, x2] = [b - g * (b - a), a + g * (b - a)];
    if (f(x1) < f(x2)) b = x2;
    else a = x1;
  }
  return (a + b) / 2;
}

describe('1.7: L1 against L2 on one weight, L(w) = a/2 (w − c)²', () => {
  const cases = [
    { a: 1, c: 0.3, lambda: 0.5 },
    { a: 2, c: -0.2, lambda: 0.5 },
    { a: 1, c: 2, lambda: 0.5 },
    { a: 3, c: -1.5, lambda: 1.2 },
    { a: 0.5, c: 0.01, lambda: 0.001 },
  ];
  it.each(cases)('the L1 minimiser is the soft-threshold S_{λ/a}(c) (a=$a, c=$c, λ=$lambda)', ({ a, c, lambda }) => {
    const w = argmin((v) => (a / 2) * (v - c) ** 2 + lambda * Math.abs(v));
    expect(w).toBeCloseTo(softThreshold(c, lambda / a), 6);
  });
  it('the L1 minimiser is zero for the cases with |c| ≤ λ/a; the L2 minimiser a·c/(a+μ) is not zero in any case', () => {
    const inside = cases.filter(({ a, c, lambda }) => Math.abs(c) <= lambda / a);
    expect(inside).toHaveLength(2);
    for (const { a, c, lambda } of inside) {
      expect(softThreshold(c, lambda / a) === 0).toBe(true);
      expect(Math.abs(argmin((v) => (a / 2) * (v - c) ** 2 + lambda * Math.abs(v)))).toBeLessThan(1e-7);
    }
    for (const { a, c } of cases) {
      const l2 = argmin((v) => (a / 2) * (v - c) ** 2 + (1 / 2) * v * v);
      expect(l2).toBeCloseTo((a * c) / (a + 1), 6);
      expect(Math.abs(l2)).toBeGreaterThan(Math.abs(c) / 10);
    }
  });
});

describe('1.7: what the updates do to a weight whose optimum is zero (|g| < λ)', () => {
  const eta = 0.01;
  const lambda = 1;
  /** Runs `steps` updates from w = 0.5 (the data gradient is inside `update`); returns the trajectory after `burn` steps. */
  function run(update: (w: number, state: { v: number }) => number, steps = 20_000, burn = 10_000) {
    let w = 0.5;
    const state = { v: 0 };
    const tail: number[] = [];
    for (let t = 0; t < steps; t++) {
      w = update(w, state);
      if (t >= burn) tail.push(w);
    }
    return tail;
  }
  for (const gRatio of [0, 0.3, 0.9]) {
    const g = gRatio * lambda;
    it(`g = ${gRatio}·λ: plain subgradient SGD stays within η(λ + |g|) < 2ηλ of zero and never rests on it; momentum 0.9 swings wider; the proximal step lands on zero and stays`, () => {
      const plain = run((w) => w - eta * (g + lambda * sign(w)));
      const plainMax = Math.max(...plain.map(Math.abs));
      expect(plainMax).toBeLessThanOrEqual(eta * (lambda + Math.abs(g)) + 1e-12);
      expect(plainMax).toBeLessThan(2 * eta * lambda);
      expect(plainMax).toBeGreaterThan(0.5 * eta * lambda);
      // At most isolated visits to exactly 0, never two steps in a row (the next step moves by −ηg).
      if (g !== 0) expect(plain.some((w, i) => w === 0 && plain[i + 1] === 0)).toBe(false);
      expect(plain.filter((w) => w === 0).length).toBeLessThan(plain.length / 100);

      const momentum = run((w, s) => {
        s.v = 0.9 * s.v + g + lambda * sign(w);
        return w - eta * s.v;
      });
      expect(Math.max(...momentum.map(Math.abs))).toBeGreaterThan(plainMax);
      expect(momentum.filter((w) => w === 0).length).toBeLessThan(momentum.length / 100);

      const prox = run((w) => softThreshold(w - eta * g, eta * lambda));
      expect(prox.every((w) => w === 0)).toBe(true);
    });
  }
  it('L2 (weight decay μ) settles at −g/μ, not at zero', () => {
    const mu = 0.5;
    const g = 0.3;
    const tail = run((w) => (1 - eta * mu) * w - eta * g, 40_000, 39_000);
    expect(tail.at(-1)!).toBeCloseTo(-g / mu, 6);
  });
});

describe('1.5: dropout on a linear model is a ridge penalty, and two penalties add up', () => {
  it('averaging over all 2^(n·d) masks gives ‖y − Xw‖² + p/(1−p)·Σ‖X_j‖² w_j² (PyTorch scaling)', () => {
    const X = [
      [1, 2],
      [3, -1],
      [0.5, 4],
    ];
    const y = [1, -2, 3];
    const w = [0.7, -0.3];
    const p = 0.25;
    const cells = X.length * 2;
    let expected = 0;
    for (let mask = 0; mask < 1 << cells; mask++) {
      let prob = 1;
      let loss = 0;
      for (let i = 0; i < X.length; i++) {
        let pred = 0;
        for (let j = 0; j < 2; j++) {
          const keep = (mask >> (i * 2 + j)) & 1;
          prob *= keep ? 1 - p : p;
          pred += (keep / (1 - p)) * X[i]![j]! * w[j]!;
        }
        loss += (y[i]! - pred) ** 2;
      }
      expected += prob * loss;
    }
    const fit = X.reduce((s, r, i) => s + (y[i]! - r[0]! * w[0]! - r[1]! * w[1]!) ** 2, 0);
    const penalty = (p / (1 - p)) * [0, 1].reduce((s, j) => s + X.reduce((t, r) => t + r[j]! ** 2, 0) * w[j]! ** 2, 0);
    expect(expected).toBeCloseTo(fit + penalty, 10);
  });

  it('with a Gaussian prior the expected error of ridge is smallest at λ* = σ²/τ² and strictly larger at 2λ*', () => {
    // Expected ‖ŵ_λ − w*‖² over w* ~ N(0, τ²I) and noise N(0, σ²I): with A = XᵀX + λI,
    // σ²·tr(A⁻¹XᵀXA⁻¹) + λ²τ²·tr(A⁻²). X is a fixed 6×2 design.
    const X = [
      [1, 0.2],
      [0.3, 1.1],
      [-0.8, 0.5],
      [1.4, -0.6],
      [0.1, 0.9],
      [-0.5, -1.2],
    ];
    const [sigma2, tau2] = [0.5, 0.25];
    const G = [0, 1].map((a) => [0, 1].map((b) => X.reduce((s, r) => s + r[a]! * r[b]!, 0)));
    const risk = (lambda: number) => {
      const A = [
        [G[0]![0]! + lambda, G[0]![1]!],
        [G[1]![0]!, G[1]![1]! + lambda],
      ];
      const det = A[0]![0]! * A[1]![1]! - A[0]![1]! * A[1]![0]!;
      const inv = [
        [A[1]![1]! / det, -A[0]![1]! / det],
        [-A[1]![0]! / det, A[0]![0]! / det],
      ];
      const mul = (P: number[][], Q: number[][]) => P.map((r) => [0, 1].map((j) => r[0]! * Q[0]![j]! + r[1]! * Q[1]![j]!));
      const tr = (P: number[][]) => P[0]![0]! + P[1]![1]!;
      return sigma2 * tr(mul(mul(inv, G), inv)) + lambda * lambda * tau2 * tr(mul(inv, inv));
    };
    const star = sigma2 / tau2;
    const grid = Array.from({ length: 4001 }, (_, i) => (i / 4000) * 4 * star);
    const best = grid.reduce((b, l) => (risk(l) < risk(b) ? l : b), grid[0]!);
    expect(Math.abs(best - star)).toBeLessThan((4 * star) / 4000 + 1e-12);
    expect(risk(2 * star)).toBeGreaterThan(risk(star));
    expect(risk(0)).toBeGreaterThan(risk(star));
  });
});

describe('1.1: batch norm\'s output has mean β and scale |γ|, whatever the input\'s location and scale', () => {
  const runs = new Map<string, Promise<BatchnormResult>>();
  const bn = (q: string) => {
    if (!runs.has(q)) runs.set(q, runDemo(batchnormLogic, parseDemoProps(batchnormLogic.schema, q, q), runInNode));
    return runs.get(q)!;
  };
  const A = 'dims=1&gamma=0.5&beta=2';
  const B = 'dims=1&mu=-40&cov=9&gamma=0.5&beta=2';
  it.each([A, B])('%s: after batch norm the mean is β = 2 and the standard deviation γ = 0.5', async (q) => {
    const r = await bn(q);
    expect(r.after.mean[0]!).toBeCloseTo(2, 5);
    expect(r.after.std[0]!).toBeCloseTo(0.5, 4);
    expect(Math.abs(r.before.mean[0]! - 2)).toBeGreaterThan(0.4);
  });
  it('the two inputs, one an affine image of the other (same seed), give the same outputs', async () => {
    const [a, b] = await Promise.all([bn(A), bn(B)]);
    expect(a.before.mean[0]!).toBeCloseTo(1.5, 1);
    expect(b.before.mean[0]!).toBeCloseTo(-40, 0);
    const ya = a.points.after.map((r) => r[0]!);
    const yb = b.points.after.map((r) => r[0]!);
    expect(ya.length).toBe(1000);
    for (let i = 0; i < ya.length; i++) expect(Math.abs(ya[i]! - yb[i]!)).toBeLessThan(2e-3);
  });
});
