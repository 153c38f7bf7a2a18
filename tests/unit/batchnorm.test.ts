import { describe, expect, it } from 'vitest';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { batchnormLogic, pointsShown, type BatchnormResult } from '../../src/lib/demos/batchnorm/batchnorm-logic';
import { sampleGaussian } from '../../src/lib/demos/batchnorm/batchnorm-gaussian';
import { massInside2d, sdEllipse } from '../../src/lib/demos/batchnorm/batchnorm-geometry';
import { batchnormSchema, gaussianSetup, HOMEWORK } from '../../src/lib/demos/batchnorm/batchnorm-schema';
import { runInNode } from '../../src/lib/ort/node-runner';

type M = number[][];

const runs = new Map<string, Promise<BatchnormResult>>();
const compute = (query: string): Promise<BatchnormResult> => {
  let r = runs.get(query);
  if (!r) runs.set(query, (r = runDemo(batchnormLogic, parseDemoProps(batchnormSchema, query, query), runInNode)));
  return r;
};

/** The batch the model ran on, as rows of float64 numbers (its float32 values). */
function batchOf(query: string): M {
  const s = parseDemoProps(batchnormSchema, query, query);
  const g = gaussianSetup(s);
  const flat = sampleGaussian(s.seed, s.n, g.mu, g.cov);
  return Array.from({ length: s.n }, (_, i) => Array.from(flat.subarray(i * s.dims, (i + 1) * s.dims)));
}

/** Mean, biased covariance, standard deviations and correlations, in float64, the plain way. */
function stats64(rows: M) {
  const n = rows.length;
  const d = rows[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => rows.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / n));
  const std = cov.map((r, i) => Math.sqrt(r[i]!));
  const corr = cov.map((r, a) => r.map((v, b) => v / (std[a]! * std[b]!)));
  return { mean, cov, std, corr };
}

/** Batch norm in float64: standardise each column with the batch's own biased statistics, then γ, β. */
function bn64(rows: M, gamma: number[], beta: number[], eps: number): M {
  const { mean, cov } = stats64(rows);
  return rows.map((r) => r.map((v, j) => (gamma[j]! * (v - mean[j]!)) / Math.sqrt(cov[j]![j]! + eps) + beta[j]!));
}

function expectClose(actual: number[] | M, expected: number[] | M, tol: number, what: string) {
  const a = (actual as unknown[]).flat() as number[];
  const e = (expected as unknown[]).flat() as number[];
  expect(a.length, what).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i]!), `${what}[${i}]: ${v} against ${e[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e[i]!))));
}

// The page's states, and others: a negative γ, a large ε, a tiny batch, a negative correlation.
const STATES = ['', 'dims=1', 'gamma=2,0.5&beta=1,-1', 'dims=1&n=20', 'dims=1&gamma=0.5&beta=-1', 'cov=1,-0.9;-0.9,4', 'gamma=2,-0.5&beta=1,-1', 'dims=1&seed=11&n=5000&eps=0.01', 'mu=-1,4&cov=0.25,-0.3;-0.3,9&n=3000'];

describe('batchnorm: the model\'s statistics against float64 computations', () => {
  for (const q of STATES) {
    it(`before and after: mean, covariance, standard deviations, correlation (${q || 'default state'})`, async () => {
      const r = await compute(q);
      const s = parseDemoProps(batchnormSchema, q, q);
      const g = gaussianSetup(s);
      const x = batchOf(q);
      const y = bn64(x, g.gamma.map(Math.fround), g.beta.map(Math.fround), Math.fround(s.eps));
      const b = stats64(x);
      const a = stats64(y);
      // float32 sums of up to 5,000 terms: a few 10⁻⁶ relative.
      expectClose(r.before.mean, b.mean, 1e-5, 'before.mean');
      expectClose(r.before.cov, b.cov, 2e-5, 'before.cov');
      expectClose(r.before.std, b.std, 1e-5, 'before.std');
      expectClose(r.before.corr, b.corr, 2e-5, 'before.corr');
      expectClose(r.after.mean, a.mean, 2e-5, 'after.mean');
      expectClose(r.after.cov, a.cov, 2e-5, 'after.cov');
      expectClose(r.after.std, a.std, 1e-5, 'after.std');
      expectClose(r.after.corr, a.corr, 2e-5, 'after.corr');
      // The drawn points: the batch's first rows, and their images under batch norm of the whole batch.
      const shown = Math.min(s.n, pointsShown(s.dims));
      expect(r.points.before.length).toBe(shown);
      expectClose(r.points.before, x.slice(0, shown), 1e-4, 'points.before');
      expectClose(r.points.after, y.slice(0, shown), 1e-4, 'points.after');
    });
  }
});

describe('what batch norm does to the distribution (the claims of the page)', () => {
  for (const q of STATES) {
    it(`each coordinate: mean → β, variance → γ²σ²/(σ² + ε); correlations keep their size, and change sign only with γ_iγ_j < 0 (${q || 'default state'})`, async () => {
      const r = await compute(q);
      const s = parseDemoProps(batchnormSchema, q, q);
      const g = gaussianSetup(s);
      const eps = Math.fround(s.eps);
      r.after.mean.forEach((m, j) => expect(Math.abs(m - g.beta[j]!), `mean ${j + 1}`).toBeLessThan(2e-5 * Math.max(1, Math.abs(g.beta[j]!), Math.abs(g.gamma[j]!))));
      r.after.cov.forEach((row, j) => {
        const v = r.before.cov[j]![j]!;
        expect(row[j]!, `variance ${j + 1}`).toBeCloseTo((g.gamma[j]! ** 2 * v) / (v + eps), 4);
      });
      for (let i = 0; i < s.dims; i++) {
        for (let j = 0; j < s.dims; j++) {
          const sign = Math.sign(g.gamma[i]! * g.gamma[j]!);
          expect(r.after.corr[i]![j]!, `corr ${i + 1},${j + 1}`).toBeCloseTo(sign * r.before.corr[i]![j]!, 5);
          // The covariance becomes γγᵀ ⊙ (correlation), up to the ε factors σ_iσ_j/√((σ_i² + ε)(σ_j² + ε)).
          const vi = r.before.cov[i]![i]!;
          const vj = r.before.cov[j]![j]!;
          const factor = Math.sqrt((vi * vj) / ((vi + eps) * (vj + eps)));
          expect(r.after.cov[i]![j]!, `cov ${i + 1},${j + 1}`).toBeCloseTo(g.gamma[i]! * g.gamma[j]! * r.before.corr[i]![j]! * factor, 4);
        }
      }
    });
  }

  it('the page\'s numbers: in part (a) mean 3 and standard deviation 0.99997; in part (b) means below 10⁻⁵ and the correlation kept to 4 digits', async () => {
    const a = await compute('dims=1');
    expect(a.after.mean[0]!).toBeCloseTo(3, 5);
    expect(Number(a.after.std[0]!.toPrecision(5))).toBe(0.99997);
    const b = await compute('');
    for (const m of b.after.mean) expect(Math.abs(m)).toBeLessThan(1e-5);
    expect(Number(b.after.corr[0]![1]!.toPrecision(4))).toBe(Number(b.before.corr[0]![1]!.toPrecision(4)));
    const neg = await compute('cov=1,-0.9;-0.9,4');
    expect(neg.after.corr[0]![1]!).toBeLessThan(0);
    expect(neg.after.cov[0]![1]!).toBeCloseTo(neg.before.corr[0]![1]!, 4);
  });

  it('part (b), γ = 1: the ellipses become ones with unit variances whose axes lie along the diagonals, with variances 1 ± ρ', async () => {
    const r = await compute('');
    const c = r.after.cov;
    const rho = r.before.corr[0]![1]!;
    // Eigenvalues of [[a, b], [b, d]]: (a + d)/2 ± √(((a − d)/2)² + b²).
    const mid = (c[0]![0]! + c[1]![1]!) / 2;
    const half = Math.sqrt(((c[0]![0]! - c[1]![1]!) / 2) ** 2 + c[0]![1]! ** 2);
    expect(mid + half).toBeCloseTo(1 + rho, 4);
    expect(mid - half).toBeCloseTo(1 - rho, 4);
    // The eigenvector of the larger one points along (1, 1).
    const angle = Math.atan2(mid + half - c[0]![0]!, c[0]![1]!);
    expect(angle).toBeCloseTo(Math.PI / 4, 3);
  });
});

describe('the samples follow the Gaussian asked for (default seed and two others)', () => {
  for (const seed of [3, 1, 2]) {
    it(`seed ${seed}: 1-D sample mean within 4 standard errors of 1.5 and standard deviation of 0.4; after BN mean 3, standard deviation 0.99997`, async () => {
      const r = await compute(seed === 3 ? 'dims=1' : `dims=1&seed=${seed}`);
      const n = 1000;
      expect(Math.abs(r.before.mean[0]! - 1.5)).toBeLessThan((4 * 0.4) / Math.sqrt(n));
      // The standard error of a sample standard deviation is about σ/√(2n).
      expect(Math.abs(r.before.std[0]! - 0.4)).toBeLessThan((4 * 0.4) / Math.sqrt(2 * n));
      expect(r.after.mean[0]!).toBeCloseTo(3, 5);
      const v = r.before.cov[0]![0]!;
      expect(r.after.std[0]!).toBeCloseTo(Math.sqrt(v / (v + Math.fround(1e-5))), 5);
      expect(r.after.std[0]!).toBeGreaterThan(0.9999);
      expect(r.after.std[0]!).toBeLessThan(1);
    });

    it(`seed ${seed}: 2-D sample means near (3, 2), standard deviations near (2, 1), correlation near 0.6 (Fisher's standard error 1/√(n − 3))`, async () => {
      const r = await compute(seed === 3 ? '' : `seed=${seed}`);
      const n = 1000;
      const [s1, s2] = [2, 1];
      expect(Math.abs(r.before.mean[0]! - 3)).toBeLessThan((4 * s1) / Math.sqrt(n));
      expect(Math.abs(r.before.mean[1]! - 2)).toBeLessThan((4 * s2) / Math.sqrt(n));
      expect(Math.abs(r.before.std[0]! - s1)).toBeLessThan((4 * s1) / Math.sqrt(2 * n));
      expect(Math.abs(r.before.std[1]! - s2)).toBeLessThan((4 * s2) / Math.sqrt(2 * n));
      expect(Math.abs(Math.atanh(r.before.corr[0]![1]!) - Math.atanh(0.6))).toBeLessThan(4 / Math.sqrt(n - 3));
    });
  }
});

describe('batchnorm: geometry of the picture', () => {
  it('the k-SD ellipse is the set of points at Mahalanobis distance k', () => {
    const mean = [3, 2];
    const cov = HOMEWORK[2].cov;
    const det = cov[0]![0]! * cov[1]![1]! - cov[0]![1]! ** 2;
    const inv = [
      [cov[1]![1]! / det, -cov[0]![1]! / det],
      [-cov[1]![0]! / det, cov[0]![0]! / det],
    ];
    for (const k of [1, 2]) {
      for (const [px, py] of sdEllipse(mean, cov, k, 24)) {
        const dx = px - mean[0]!;
        const dy = py - mean[1]!;
        const d2 = dx * (inv[0]![0]! * dx + inv[0]![1]! * dy) + dy * (inv[1]![0]! * dx + inv[1]![1]! * dy);
        expect(Math.sqrt(d2)).toBeCloseTo(k, 10);
      }
    }
    expect(massInside2d(1)).toBeCloseTo(0.3935, 4);
    expect(massInside2d(2)).toBeCloseTo(0.8647, 4);
  });
});

describe('batchnorm: parameters', () => {
  it('left out, the parameters are the homework\'s for the dimension', () => {
    expect(gaussianSetup(parseDemoProps(batchnormSchema, 'dims=1', ''))).toEqual({ mu: [1.5], cov: [[0.16]], gamma: [1], beta: [3] });
    expect(gaussianSetup(parseDemoProps(batchnormSchema, '', '')).beta).toEqual([0, 0]);
  });

  it('bad values name the parameter and fall back to the defaults', () => {
    const msg = (q: string) => parseDemoState(batchnormSchema, q).issues.map((i) => i.message).join(' | ');
    expect(msg('dims=3')).toBe('dims must be an integer from 1 to 2 (got "3"); using 2.');
    expect(msg('gamma=1')).toBe('gamma must have 2 entries, one per dimension (got 1); using the default gamma.');
    expect(msg('dims=1&beta=3,3')).toBe('beta must have one entry, one per dimension (got 2); using the default beta.');
    expect(msg('cov=1,2;3,4')).toBe('cov must be symmetric (got 2 above the diagonal and 3 below); using the default cov.');
    expect(msg('cov=1,2;2,1')).toContain('cov must be positive definite');
    expect(msg('dims=1&cov=-0.16')).toBe('cov, the variance, must be positive (got -0.16); using the default cov.');
    expect(msg('dims=1&cov=1,0;0,1')).toBe('cov must be 1x1 for dims=1 (got 2x2); using the default cov.');
    expect(msg('n=1')).toBe('n must be an integer from 2 to 100000 (got "1"); using 1000.');
    expect(msg('mu=a,2')).toContain('mu must be a comma-separated list');
    const { state } = parseDemoState(batchnormSchema, 'dims=1&mu=1,2&cov=1,2;3,4');
    expect(gaussianSetup(state)).toEqual({ mu: [1.5], cov: [[0.16]], gamma: [1], beta: [3] });
  });
});
