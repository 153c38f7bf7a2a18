import { describe, expect, it } from 'vitest';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { batchnormGradLogic, type BatchnormGradResult } from '../../src/lib/demos/batchnorm-grad/batchnorm-grad-logic';
import { batchnormGradSchema, DEFAULT_X } from '../../src/lib/demos/batchnorm-grad/batchnorm-grad-schema';
import { drawDy } from '../../src/lib/demos/batchnorm-grad/batchnorm-grad-inputs';
import { runInNode } from '../../src/lib/ort/node-runner';

type M = number[][];

const runs = new Map<string, Promise<BatchnormGradResult>>();
const compute = (query: string): Promise<BatchnormGradResult> => {
  let r = runs.get(query);
  if (!r) runs.set(query, (r = runDemo(batchnormGradLogic, parseDemoProps(batchnormGradSchema, query, query), runInNode)));
  return r;
};

// The reference, on its own: forward-mode differentiation with dual numbers a + b·δ (δ² = 0), so
// every derivative is exact up to float64 rounding and owes nothing to a derivation by hand.
class Dual {
  constructor(
    readonly v: number,
    readonly d = 0,
  ) {}
  add(o: Dual | number) {
    return typeof o === 'number' ? new Dual(this.v + o, this.d) : new Dual(this.v + o.v, this.d + o.d);
  }
  sub(o: Dual) {
    return new Dual(this.v - o.v, this.d - o.d);
  }
  mul(o: Dual | number) {
    return typeof o === 'number' ? new Dual(this.v * o, this.d * o) : new Dual(this.v * o.v, this.d * o.v + this.v * o.d);
  }
  div(o: Dual) {
    return new Dual(this.v / o.v, (this.d * o.v - this.v * o.d) / (o.v * o.v));
  }
  sqrt() {
    const s = Math.sqrt(this.v);
    return new Dual(s, this.d / (2 * s));
  }
}

/** Y of batch norm with every quantity a dual number: the pseudocode of the homework, line by line. */
function forwardDual(x: Dual[][], gamma: Dual[], beta: Dual[], eps: number): Dual[][] {
  const m = x.length;
  const d = x[0]!.length;
  const y: Dual[][] = x.map(() => []);
  for (let j = 0; j < d; j++) {
    let mu = new Dual(0);
    for (let i = 0; i < m; i++) mu = mu.add(x[i]![j]!);
    mu = mu.mul(1 / m);
    let v = new Dual(0);
    for (let i = 0; i < m; i++) v = v.add(x[i]![j]!.sub(mu).mul(x[i]![j]!.sub(mu)));
    v = v.mul(1 / m);
    const sd = v.add(eps).sqrt();
    for (let i = 0; i < m; i++) y[i]![j] = gamma[j]!.mul(x[i]![j]!.sub(mu).div(sd)).add(beta[j]!);
  }
  return y;
}

/** ∂L/∂X, ∂L/∂γ, ∂L/∂β for L = Σ dy ⊙ Y: one forward pass per input entry, seeded with δ on it. */
function reference(x: M, dy: M, gamma: number[], beta: number[], eps: number) {
  const lift = (m: M, at?: [number, number]) => m.map((r, i) => r.map((v, j) => new Dual(v, at && at[0] === i && at[1] === j ? 1 : 0)));
  const liftV = (v: number[], at?: number) => v.map((e, j) => new Dual(e, at === j ? 1 : 0));
  const dL = (y: Dual[][]) => y.reduce((s, r, i) => r.reduce((t, e, j) => t + e.d * dy[i]![j]!, s), 0);
  return {
    y: forwardDual(lift(x), liftV(gamma), liftV(beta), eps).map((r) => r.map((e) => e.v)),
    dx: x.map((r, i) => r.map((_, j) => dL(forwardDual(lift(x, [i, j]), liftV(gamma), liftV(beta), eps)))),
    dgamma: gamma.map((_, j) => dL(forwardDual(lift(x), liftV(gamma, j), liftV(beta), eps))),
    dbeta: beta.map((_, j) => dL(forwardDual(lift(x), liftV(gamma), liftV(beta, j), eps))),
  };
}

const f32 = (m: M) => m.map((r) => r.map(Math.fround));

function expectClose(actual: number[] | M, expected: number[] | M, tol: number, what: string) {
  const a = (actual as unknown[]).flat() as number[];
  const e = (expected as unknown[]).flat() as number[];
  expect(a.length, what).toBe(e.length);
  const scale = Math.max(1, ...e.map(Math.abs));
  a.forEach((v, i) => expect(Math.abs(v - e[i]!), `${what}[${i}]: ${v} against ${e[i]}`).toBeLessThanOrEqual(tol * scale));
}

/** Column statistics in float64 from the float32 inputs. */
function columnStats(x: M, eps: number) {
  const m = x.length;
  return x[0]!.map((_, j) => {
    const mu = x.reduce((s, r) => s + r[j]!, 0) / m;
    const v = x.reduce((s, r) => s + (r[j]! - mu) ** 2, 0) / m;
    return { mu, v, shifted: v + Math.fround(eps) };
  });
}

const STATES = ['', 'seed=7', 'gamma=2,-0.5,1.5&beta=1,0,-3', 'x=0.1,5;0.3,-2;-0.2,1;0.4,0;0,3;0.2,-1&gamma=3,0.25&eps=0.5', 'x=100,1;101,2;99,4'];

describe('batchnorm-grad: the ONNX backward graph against forward-mode derivatives in float64', () => {
  for (const q of STATES) {
    it(`dX, dγ, dβ and Y agree (${q || 'default state'})`, async () => {
      const r = await compute(q);
      const s = parseDemoProps(batchnormGradSchema, q, q);
      const x = f32(s.x);
      const ref = reference(x, r.dy, r.gamma, r.beta, Math.fround(s.eps));
      expectClose(r.y, ref.y, 2e-6, 'y');
      expectClose(r.dx, ref.dx, 5e-6, 'dx (tape)');
      expectClose(r.dxClosed, ref.dx, 5e-6, 'dx (closed form in the graph)');
      expectClose(r.dgamma, ref.dgamma, 5e-6, 'dgamma');
      expectClose(r.dbeta, ref.dbeta, 1e-6, 'dbeta');
      // The page's finite differences are float64: far closer to the reference than float32 is.
      expectClose(r.dxNumeric, ref.dx, 1e-8, 'dxNumeric');
      expectClose(r.dgammaNumeric, ref.dgamma, 1e-8, 'dgammaNumeric');
      expectClose(r.dbetaNumeric, ref.dbeta, 1e-8, 'dbetaNumeric');
      expect(r.maxDiff.numeric).toBeLessThan(1e-5 * Math.max(1, ...ref.dx.flat().map(Math.abs)));
      expect(r.maxDiff.closed).toBeLessThan(1e-5 * Math.max(1, ...ref.dx.flat().map(Math.abs)));
    });
  }
});

describe('the official solution drops the factor (X_ij − μ_j) from the last term of eq. (34)', () => {
  for (const q of STATES) {
    it(`dX_dropped − dX = γ_j S_j (X_ij − μ_j − 1) / (m (σ_j² + ε)^{3/2}), S_j = Σ_k dy_kj (X_kj − μ_j) (${q || 'default state'})`, async () => {
      const r = await compute(q);
      const s = parseDemoProps(batchnormGradSchema, q, q);
      const x = f32(s.x);
      const m = x.length;
      const st = columnStats(x, s.eps);
      const S = st.map((c, j) => x.reduce((sum, row, k) => sum + r.dy[k]![j]! * (row[j]! - c.mu), 0));
      const gap = x.map((row) => row.map((v, j) => (r.gamma[j]! * S[j]! * (v - st[j]!.mu - 1)) / (m * st[j]!.shifted ** 1.5)));
      const measured = r.dxDropped.map((row, i) => row.map((v, j) => v - r.dx[i]![j]!));
      expectClose(measured, gap, 2e-5, 'dxDropped − dx');
      expect(r.maxDiff.dropped).toBeCloseTo(Math.max(...gap.flat().map(Math.abs)), 4);
    });
  }

  it('on the default batch every entry differs (no S_j is 0, no X_ij − μ_j is 1), by up to about 2.5', async () => {
    const r = await compute('');
    const x = DEFAULT_X;
    const st = columnStats(x, 1e-5);
    for (let j = 0; j < 3; j++) {
      const S = x.reduce((sum, row, k) => sum + r.dy[k]![j]! * (row[j]! - st[j]!.mu), 0);
      expect(Math.abs(S), `S_${j + 1}`).toBeGreaterThan(0.25);
      for (const [i, row] of x.entries()) {
        expect(Math.abs(row[j]! - st[j]!.mu - 1), `X_${i + 1}${j + 1} − μ_${j + 1} − 1`).toBeGreaterThan(0.25);
        expect(Math.abs(r.dxDropped[i]![j]! - r.dx[i]![j]!), `entry ${i + 1},${j + 1}`).toBeGreaterThan(0.005);
      }
    }
    expect(r.maxDiff.dropped).toBeGreaterThan(2);
    expect(r.maxDiff.dropped).toBeLessThan(3);
  });

  it('on the page\'s batch (γ = 2, 0.5, −1) every entry differs, column 3 (the smallest |S_j|) least', async () => {
    const q = 'gamma=2,0.5,-1&beta=1,0,-1';
    const r = await compute(q);
    const x = DEFAULT_X;
    const st = columnStats(x, 1e-5);
    const S = st.map((c, j) => x.reduce((sum, row, k) => sum + r.dy[k]![j]! * (row[j]! - c.mu), 0));
    expect(Math.abs(S[2]!)).toBeLessThan(Math.min(Math.abs(S[0]!), Math.abs(S[1]!)));
    const gap = r.dxDropped.map((row, i) => row.map((v, j) => Math.abs(v - r.dx[i]![j]!)));
    const col3 = Math.max(...gap.map((row) => row[2]!));
    const others = Math.min(...gap.flatMap((row) => [row[0]!, row[1]!]));
    expect(col3).toBeLessThan(others);
    expect(Math.min(...gap.flat())).toBeGreaterThan(0.005);
    // What the page prints: float32-sized agreement, and (34) off by about 4.9.
    expect(r.maxDiff.numeric).toBeLessThan(1e-6);
    expect(r.maxDiff.closed).toBeLessThan(1e-6);
    expect(r.maxDiff.dropped).toBeGreaterThan(4.5);
  });

  it('a dy constant down each column makes every S_j zero: there both formulas give 0', async () => {
    const r = await compute('dy=1,2,-1;1,2,-1;1,2,-1;1,2,-1');
    for (const v of r.dxDropped.flat()) expect(Math.abs(v)).toBeLessThan(1e-6);
  });

  it('the right dX sums to 0 down each column (Y ignores a shift of a column), and Σ_i dX_ij (X_ij − μ_j) = γ_j S_j ε/(σ_j² + ε)^{3/2} (0 as ε → 0: Y ignores a scaling); the dropped one sums to −γ_j S_j/(σ_j² + ε)^{3/2}', async () => {
    for (const q of STATES) {
      const r = await compute(q);
      const s = parseDemoProps(batchnormGradSchema, q, q);
      const x = f32(s.x);
      const st = columnStats(x, s.eps);
      const scale = Math.max(1, ...r.dx.flat().map(Math.abs));
      for (let j = 0; j < x[0]!.length; j++) {
        const S = x.reduce((sum, row, k) => sum + r.dy[k]![j]! * (row[j]! - st[j]!.mu), 0);
        const colSum = r.dx.reduce((t, row) => t + row[j]!, 0);
        const dot = r.dx.reduce((t, row, i) => t + row[j]! * (x[i]![j]! - st[j]!.mu), 0);
        expect(Math.abs(colSum), `${q}: column ${j + 1} sum`).toBeLessThan(1e-5 * scale);
        const expectedDot = (r.gamma[j]! * S * Math.fround(s.eps)) / st[j]!.shifted ** 1.5;
        expect(Math.abs(dot - expectedDot), `${q}: column ${j + 1} against X − μ`).toBeLessThan(1e-5 * scale * Math.sqrt(st[j]!.v + 1) * x.length);
        const droppedSum = r.dxDropped.reduce((t, row) => t + row[j]!, 0);
        expect(droppedSum, `${q}: dropped column ${j + 1} sum`).toBeCloseTo((-r.gamma[j]! * S) / st[j]!.shifted ** 1.5, 3);
      }
    }
  });
});

describe('what the closed form says in special cases', () => {
  it('an upstream gradient constant down each column sends no gradient to X', async () => {
    const r = await compute('dy=1,2,-1;1,2,-1;1,2,-1;1,2,-1');
    for (const v of r.dx.flat()) expect(Math.abs(v)).toBeLessThan(1e-6);
    expect(r.dbeta).toEqual([4, 8, -4]);
  });

  it('dβ is the column sum of dy and dγ the column sum of dy ⊙ Z, whatever γ and β are', async () => {
    const r = await compute('gamma=5,-2,0.1&beta=9,9,9');
    const base = await compute('');
    expectClose(r.dgamma, base.dgamma, 1e-6, 'dgamma does not depend on γ, β');
    expectClose(r.dbeta, base.dy[0]!.map((_, j) => base.dy.reduce((s, row) => s + row[j]!, 0)), 0, 'dbeta');
  });
});

describe('batchnorm-grad: parameters', () => {
  it('the default dy is drawn with the seed as integers from −3 to 3, no column constant', () => {
    const dy = drawDy(3, 4, 3);
    expect(dy.flat().every((v) => Number.isInteger(v) && v >= -3 && v <= 3)).toBe(true);
    for (let j = 0; j < 3; j++) expect(new Set(dy.map((r) => r[j])).size).toBeGreaterThan(1);
    expect(drawDy(3, 4, 3)).toEqual(dy);
    expect(drawDy(4, 4, 3)).not.toEqual(dy);
  });

  it('bad values name the parameter and fall back to defaults', () => {
    const msg = (q: string) => parseDemoState(batchnormGradSchema, q).issues.map((i) => i.message).join(' | ');
    expect(msg('x=1,2;3')).toMatch(/^x must be a matrix .*rows differ in length \(row 1 has 2 entries, row 2 has 1\)/);
    expect(parseDemoState(batchnormGradSchema, 'x=1,2;3').state.x).toEqual(DEFAULT_X);
    expect(msg('eps=-1')).toBe('eps must be a number from 1e-12 to 10 (got "-1"); using 0.00001.');
    expect(msg('dy=1,2;3,4')).toBe('dy must be 4x3 like x, or left out (got 2x2); using the default dy.');
    expect(parseDemoState(batchnormGradSchema, 'dy=1,2;3,4').state.dy).toEqual([]);
    expect(msg('gamma=1,2')).toBe('gamma must have one entry per column of x (3), or be left out (got 2); using the default gamma.');
    expect(msg('x=1,2,3')).toMatch(/^x must have at least 2 rows/);
    expect(parseDemoState(batchnormGradSchema, 'x=1,2,3').state.x).toEqual(DEFAULT_X);
    // A ragged x falls back to the default, and a dy shaped for it is then reported too.
    expect(msg('x=1,2;3&dy=1,2;3,4')).toContain('dy must be 4x3 like x');
  });
});
