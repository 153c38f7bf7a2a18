import { describe, expect, it } from 'vitest';
import type { TrainingJob } from '../../src/lib/demos/common/demo-logic';
import { parseDemoState, type FullState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { momentumLogic, type MomentumResult } from '../../src/lib/demos/momentum/momentum-logic';
import { momentumSchema, type MomentumParams } from '../../src/lib/demos/momentum/momentum-schema';
import { runInNode, runJobInNode } from '../../src/lib/ort/node-runner';
import { dist, gradient, heavyBall64, largest, noiseOf, velocity64, type Vec } from './reference/momentum';

type State = FullState<MomentumParams>;

const state = (query: string): State => {
  const { state: s, issues } = parseDemoState(momentumSchema, query);
  expect(issues).toEqual([]);
  return s;
};
const compute = (query: string): Promise<MomentumResult> => runDemo(momentumLogic, state(query), runInNode);
const noiseFor = (s: State) => noiseOf(s.seed, s.steps, s.noise);

function expectPathsClose(actual: number[][], expected: Vec[], relative: number) {
  expect(actual).toHaveLength(expected.length);
  const scale = Math.max(1, largest(expected));
  actual.forEach((row, k) => expect(dist(row, expected[k]!), `step ${k}`).toBeLessThanOrEqual(relative * scale));
}

// Default; a rotated, coupled A with b ≠ 0 over three calls (100 + 100 + 50 steps); a noisy run.
const CASES = ['', 'A=5.5,4.5;4.5,5.5&b=1,-2&theta0=3,-1&alpha=0.08&beta=0.6&steps=250', 'noise=1&seed=7&steps=150'];

describe('both forms as ONNX graphs against the recursions written out in float64', () => {
  it.each(CASES)('Form I and Form II of "%s" follow their float64 recursions', async (query) => {
    const s = state(query);
    const noise = noiseFor(s);
    const r = await compute(query);
    expect(r.formI).toHaveLength(s.steps + 1);
    expect(r.formII).toHaveLength(s.steps + 1);
    expect(r.formI[0]).toEqual(s.theta0);
    expect(r.formII[0]).toEqual(s.theta0);
    expectPathsClose(r.formI, heavyBall64(s, noise).theta, 2e-5);
    expectPathsClose(r.formII, velocity64(s, noise), 2e-5);
  });

  it('the graphs are fed the seed\'s noise, the same draw for both forms', () => {
    const s = state('noise=2.5&seed=11&steps=130');
    const jobs = momentumLogic.plan(s) as TrainingJob[];
    expect(jobs).toHaveLength(2);
    const expected = noiseFor(s).flat();
    for (const job of jobs) {
      const fed = [...job.feeds(0, 100)['noise']!.data, ...job.feeds(100, 30)['noise']!.data];
      expect(fed).toEqual(expected);
    }
  });

  it('each form is its own graph: Form I alone, run directly, gives the same path as in the demo', async () => {
    const s = state('steps=40&noise=0.5&seed=2');
    const [heavy] = momentumLogic.plan(s) as TrainingJob[];
    const out = await runJobInNode(heavy!);
    expect(out['path']!.dims).toEqual([40, 2]);
    const r = await compute('steps=40&noise=0.5&seed=2');
    expect(r.formI.slice(1).flat()).toEqual(Array.from(out['path']!.data));
  });
});

describe('the two forms give the same iterates (Problem 3)', () => {
  it('in float64 the recursions agree to 1e-12, with and without noise, on seeds 0, 1, 2', () => {
    for (const query of ['', 'noise=1', 'noise=1&seed=1', 'noise=1&seed=2', 'A=5.5,4.5;4.5,5.5&b=1,-2&beta=0.95&steps=500&noise=3']) {
      const s = state(query);
      const noise = noiseFor(s);
      const I = heavyBall64(s, noise).theta;
      const II = velocity64(s, noise);
      const scale = Math.max(1, largest(I));
      I.forEach((t, k) => expect(dist(t, II[k]!)).toBeLessThan(1e-12 * scale));
    }
  });

  it('both equal the unrolled closed form θ^k = θ^0 − α Σ_{i<k} (1 − β^{k−i})/(1 − β) g^i', () => {
    const s = state('noise=1&seed=4&A=2,1;1,3&b=0.5,1&alpha=0.1&beta=0.7&steps=60');
    const { theta, grads } = heavyBall64(s, noiseFor(s));
    for (let k = 0; k <= s.steps; k++) {
      const sum: Vec = [0, 0];
      for (let i = 0; i < k; i++) {
        const w = (1 - s.beta ** (k - i)) / (1 - s.beta);
        sum[0] += w * grads[i]![0];
        sum[1] += w * grads[i]![1];
      }
      expect(dist(theta[k]!, [s.theta0[0]! - s.alpha * sum[0], s.theta0[1]! - s.alpha * sum[1]])).toBeLessThan(1e-12);
    }
  });

  it('the ONNX forms differ only by float32 round-off: 0 at steps 0 and 1, a few roundings after', async () => {
    for (const query of ['', 'noise=1', 'noise=1&seed=1', 'noise=1&seed=2', 'b=1,5', 'steps=500']) {
      const r = await compute(query);
      expect(r.diff[0], query).toBe(0);
      expect(r.diff[1], query).toBe(0);
      expect(r.maxDiff).toBe(Math.max(...r.diff));
      r.diff.forEach((d, k) => expect(d).toBeCloseTo(dist(r.formI[k]!, r.formII[k]!), 15));
      expect(r.maxDiffRoundoffs, query).toBeCloseTo(r.maxDiff / (2 ** -24 * largest(r.formI)), 10);
      expect(r.maxDiffRoundoffs, query).toBeLessThan(8);
      expect(r.maxDiff, query).toBeLessThan(5e-6);
    }
  });
});

/** Spectral radius of the heavy ball's 4 × 4 iteration matrix by Gelfand's formula ‖Mⁿ‖^{1/n}, renormalised as it goes. */
function spectralRadius(s: State): number {
  const { A, alpha: a, beta: b } = s;
  const M = [
    [1 + b - a * A[0]![0]!, -a * A[0]![1]!, -b, 0],
    [-a * A[1]![0]!, 1 + b - a * A[1]![1]!, 0, -b],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
  ];
  let P = M.map((r) => [...r]);
  let logNorm = 0;
  const n = 4096;
  for (let i = 1; i < n; i++) {
    P = P.map((row) => M[0]!.map((_, j) => row.reduce((acc, v, k) => acc + v * M[k]![j]!, 0)));
    const norm = Math.max(...P.map((row) => row.reduce((acc, v) => acc + Math.abs(v), 0)));
    logNorm += Math.log(norm);
    P = P.map((row) => row.map((v) => v / norm));
  }
  return Math.exp(logNorm / n);
}

describe('the numbers the page explains the defaults with', () => {
  it('eigenvalues, minimizer and the rates of both methods, checked by other means', async () => {
    for (const query of ['', 'A=5.5,4.5;4.5,5.5&b=1,-2&alpha=0.08&beta=0.6', 'A=2,1;1,3&alpha=0.2&beta=0.1']) {
      const s = state(query);
      const r = await compute(query);
      // Eigenvalues: roots of λ² − tr(A) λ + det A.
      const tr = s.A[0]![0]! + s.A[1]![1]!;
      const det = s.A[0]![0]! * s.A[1]![1]! - s.A[0]![1]! * s.A[1]![0]!;
      for (const l of r.eigenvalues) expect(l * l - tr * l + det).toBeCloseTo(0, 10);
      expect(r.eigenvalues[0]!).toBeLessThanOrEqual(r.eigenvalues[1]!);
      // θ* solves Aθ = b.
      expect(s.A[0]![0]! * r.minimizer[0]! + s.A[0]![1]! * r.minimizer[1]!).toBeCloseTo(s.b[0]!, 10);
      expect(s.A[1]![0]! * r.minimizer[0]! + s.A[1]![1]! * r.minimizer[1]!).toBeCloseTo(s.b[1]!, 10);
      expect(Math.abs(r.rate / spectralRadius(s) - 1)).toBeLessThan(5e-3);
      expect(r.gdRate).toBeCloseTo(Math.max(...r.eigenvalues.map((l) => Math.abs(1 - s.alpha * l))), 12);
    }
  });

  it('the default: both directions oscillate (rate √0.8), the path overshoots, f goes up, and it still beats gradient descent', async () => {
    const s = state('');
    const r = await compute('');
    expect(r.eigenvalues).toEqual([1, 10]);
    expect(r.rate).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(r.gdRate).toBeCloseTo(0.95, 12);
    // A is diagonal: the flattest direction is θ₁, which starts at −4 with θ*₁ = 0.
    expect(r.overshoot).toBeCloseTo(Math.max(...r.formI.map((t) => t[0]!)) / 4, 6);
    expect(r.overshoot!).toBeGreaterThan(0.15);
    let ups = 0;
    const f = (t: number[]) => 0.5 * (t[0]! ** 2 + 10 * t[1]! ** 2);
    for (let k = 1; k <= s.steps; k++) if (f(r.formI[k]!) > f(r.formI[k - 1]!)) ups++;
    expect(r.fIncreases).toBe(ups);
    expect(ups).toBeGreaterThan(20);
    expect(r.startDistance).toBeCloseTo(Math.hypot(4, 1.5), 12);
    expect(r.finalDistance).toBeCloseTo(Math.hypot(...r.formI[100]!), 12);
    // Gradient descent with the same α, in float64: e ← (I − αA) e.
    let gd: Vec = [-4, 1.5];
    for (let k = 0; k < 100; k++) gd = [gd[0] * (1 - 0.05), gd[1] * (1 - 0.5)];
    expect(r.finalDistance).toBeLessThan(Math.hypot(...gd) / 100);
  });

  it('an unstable setting that overflows float32 stops with a message naming the condition', async () => {
    await expect(compute('alpha=10')).rejects.toThrow(/unstable.*α·λmax < 2\(1 \+ β\)/);
  });
});

describe('a step size that changes (beyond the problem)', () => {
  it('Form II with steps α_k equals Form I with momentum β α_k/α_{k−1}, not with β', () => {
    const s = state('A=2,1;1,3&b=1,1&beta=0.9');
    const alphas = Array.from({ length: 40 }, (_, k) => 0.1 / (1 + 0.1 * k));
    let t: Vec = [-4, 1.5];
    let v: Vec = [0, 0];
    let p1: Vec = [...t];
    let q1: Vec = [...t];
    let p2: Vec = [...t];
    let q2: Vec = [...t];
    let apart = 0;
    for (let k = 0; k < alphas.length; k++) {
      const a = alphas[k]!;
      const g = gradient(s, t, [0, 0]);
      v = [g[0] + s.beta * v[0], g[1] + s.beta * v[1]];
      t = [t[0] - a * v[0], t[1] - a * v[1]];
      // Form I with the rescaled momentum (θ^{−1} = θ^0 makes the k = 0 term vanish whatever it is).
      const bk = k === 0 ? s.beta : (s.beta * a) / alphas[k - 1]!;
      const g1 = gradient(s, q1, [0, 0]);
      const n1: Vec = [q1[0] - a * g1[0] + bk * (q1[0] - p1[0]), q1[1] - a * g1[1] + bk * (q1[1] - p1[1])];
      [p1, q1] = [q1, n1];
      const g2 = gradient(s, q2, [0, 0]);
      const n2: Vec = [q2[0] - a * g2[0] + s.beta * (q2[0] - p2[0]), q2[1] - a * g2[1] + s.beta * (q2[1] - p2[1])];
      [p2, q2] = [q2, n2];
      expect(dist(t, q1)).toBeLessThan(1e-12);
      apart = Math.max(apart, dist(t, q2));
    }
    expect(apart).toBeGreaterThan(1e-2);
  });
});

describe('parameters', () => {
  const issues = (q: string) => parseDemoState(momentumSchema, q);

  it('beta=2 is refused with a message, and β stays 0.8', () => {
    const { state: s, issues: list } = issues('beta=2');
    expect(list.map((i) => i.message)).toEqual(['beta must be a number from 0 up to, but not including, 1 (got "2"); using 0.8.']);
    expect(s.beta).toBe(0.8);
    expect(issues('beta=1').issues).toHaveLength(1);
    expect(issues('beta=0').issues).toEqual([]);
  });

  it('steps=-1 is refused with a message, and steps stays 100; more than 500 is refused too', () => {
    const { state: s, issues: list } = issues('steps=-1');
    expect(list.map((i) => i.message)).toEqual(['steps must be an integer from 1 to 500 (got "-1"); using 100.']);
    expect(s.steps).toBe(100);
    expect(issues('steps=501').issues[0]!.message).toContain('from 1 to 500');
  });

  it.each([
    ['1,2;3,4', 'not symmetric'],
    ['1,2;2,1', 'not positive definite (eigenvalues -1 and 3)'],
    ['1,1;1,1', 'not positive definite (eigenvalues 0 and 2)'],
    ['-1,0;0,-2', 'not positive definite'],
    ['1,2', 'it is 1x2, not 2x2'],
    ['1,0,0;0,1,0', 'A must be a symmetric positive definite 2x2 matrix'],
  ])('A=%s is refused (%s) and the default diag(1, 10) is used', (text, reason) => {
    const { state: s, issues: list } = issues(`A=${text}`);
    expect(list).toHaveLength(1);
    expect(list[0]!.param).toBe('A');
    expect(list[0]!.message).toContain(reason);
    expect(list[0]!.message).toContain('using 1,0;0,10.');
    expect(s.A).toEqual([
      [1, 0],
      [0, 10],
    ]);
  });

  it('points need exactly two numbers; noise and alpha keep their ranges', () => {
    expect(issues('theta0=1').issues[0]!.message).toBe('theta0 must be two comma-separated numbers from -100 to 100 (got "1": one number, expected two); using -4,1.5.');
    expect(issues('b=1,2,3').issues[0]!.message).toContain('b must be two comma-separated numbers');
    expect(issues('noise=-1').issues[0]!.message).toContain('noise must be a number from 0 to 100');
    expect(issues('alpha=0').issues[0]!.message).toContain('alpha must be a number from 0.0001 to 10');
  });
});
