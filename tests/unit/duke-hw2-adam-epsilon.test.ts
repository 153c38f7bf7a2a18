// Duke ECE 661 F20 HW2 Problem 1.4: what a large ε does to Adam, checked on the dropout demo's
// states that the page shows, on the default seed and two others. The references below are
// written out here in float64 from the update rules, on the same seeded masks as the graphs.
import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import type { DropoutResult } from '../../src/lib/demos/dropout/dropout-logic';
import { drawMasks } from '../../src/lib/demos/dropout/dropout-masks';
import { dropoutModel } from '../../src/lib/demos/dropout/dropout-model';
import { dropoutSchema } from '../../src/lib/demos/dropout/dropout-schema';
import { seededRng } from '../../src/lib/random/seeded-rng';
import { runInNode } from '../../src/lib/ort/node-runner';
import { runCache } from './support/run-cache';

/** The page's runs: Adam, η = 0.01, on the default problem scaled down 100-fold (x and y by 0.01). */
const RUN = 'opt=adam&lr=0.01&batch=1024&steps=4000';
const SMALL_GRADIENTS = 'x=0.1,0.01&y=0.11';
const PAGE_SMALL_EPS = `${RUN}&${SMALL_GRADIENTS}`;
const PAGE_LARGE_EPS = `${RUN}&${SMALL_GRADIENTS}&eps=1`;
const SEEDS = [0, 1, 2];

const state = (q: string) => {
  const { state: s, issues } = parseDemoState(dropoutSchema, q);
  expect(issues).toEqual([]);
  return s;
};
const runs = runCache('duke-hw2-adam-epsilon');
/** Each state trains once for all the tests that read it, or is read from the run cache. */
const train = (q: string) => {
  state(q);
  return runs.run<DropoutResult>('dropout', q);
};

/** Closed form at p = 1/2 for one example: equal contributions x_j w_j = y/(d + r), r = 1, d = 2. */
const OPTIMUM = [11 / 30, 11 / 3];

type Update = { kind: 'adam'; eps: number } | { kind: 'momentum-sgd'; lr: number };

/**
 * One run in float64 on the demo's masks (row r of a step reads data row r mod n; inverted
 * dropout, kept inputs × 2 at p = 1/2). Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * w ← w − η m̂/(√v̂ + ε). Momentum SGD in the same averaged form: w ← w − η' m̂.
 * Returns the weights after every step and the largest √v̂ of each weight.
 */
function reference(seed: number, x: number[], y: number, update: Update, lr = 0.01, batch = 1024, steps = 4000) {
  const d = x.length;
  const masks = drawMasks(seededRng(seed >>> 0), steps, batch, d, 0.5, 2);
  const w = new Float64Array(d);
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  const g = new Float64Array(d);
  const path: number[][] = [];
  const maxRms = new Float64Array(d);
  for (let t = 1; t <= steps; t++) {
    g.fill(0);
    for (let r = 0; r < batch; r++) {
      const at = ((t - 1) * batch + r) * d;
      let err = -y;
      for (let j = 0; j < d; j++) err += x[j]! * masks[at + j]! * w[j]!;
      for (let j = 0; j < d; j++) g[j]! += (2 / batch) * err * x[j]! * masks[at + j]!;
    }
    for (let j = 0; j < d; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! ** 2;
      const mHat = m[j]! / (1 - 0.9 ** t);
      const rms = Math.sqrt(v[j]! / (1 - 0.999 ** t));
      maxRms[j] = Math.max(maxRms[j]!, rms);
      w[j]! -= update.kind === 'adam' ? (lr * mHat) / (rms + update.eps) : update.lr * mHat;
    }
    path.push(Array.from(w));
  }
  return { path, maxRms: Array.from(maxRms) };
}

/** The graph's recorded path: the weights after steps lossEvery, 2·lossEvery, … (path[0] is the start). */
const recorded = (r: DropoutResult) => r.path.slice(1).map((w, i) => ({ step: (i + 1) * r.lossEvery, w }));

describe('the eps parameter of the dropout demo', () => {
  it('defaults to PyTorch\'s 1e-8, and the default model keeps its name (published files stay valid)', () => {
    expect(state('').eps).toBe(1e-8);
    const shape = { models: 1, rows: 1024, features: 2, steps: 100, opt: 'adam' as const };
    expect(dropoutModel({ ...shape, eps: 1e-8 }).key).toBe('dropout-m1-r1024-d2-k100-adam');
    expect(dropoutModel({ ...shape, eps: 1 }).key).toBe('dropout-m1-r1024-d2-k100-adam-eps1');
    expect(dropoutModel({ ...shape, opt: 'sgd', eps: 1 }).key).toBe('dropout-m1-r1024-d2-k100-sgd');
  });

  it.each(['0', '-1', 'abc', 'Infinity', '1e-40', '2e6'])('refuses eps=%s with a message and keeps the default', (text) => {
    const { state: s, issues } = parseDemoState(dropoutSchema, `opt=adam&eps=${text}`);
    expect(s.eps).toBe(1e-8);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain(`eps must be a number from 1e-30 to 1000000 (got "${text}"`);
  });
});

describe.each(SEEDS)('Adam with a large ε on small gradients (seed %i)', (seed) => {
  const x = [0.1, 0.01];
  const y = 0.11;

  it('the graph with eps=1 runs the Adam update of the reference, ε included', async () => {
    const r = await train(`${PAGE_LARGE_EPS}&seed=${seed}`);
    const ref = reference(seed, x, y, { kind: 'adam', eps: 1 });
    for (const { step, w } of recorded(r)) w.forEach((v, j) => expect(Math.abs(v - ref.path[step - 1]![j]!)).toBeLessThan(1e-4 * Math.abs(ref.path[step - 1]![j]!) + 1e-6));
  });

  it('with eps=1 ≫ √v̂ Adam follows momentum SGD with learning rate η/ε, within max √v̂/ε of the distance travelled', async () => {
    // Each Adam step is the momentum step η m̂/ε times ε/(√v̂ + ε): shorter by the fraction
    // √v̂/(√v̂ + ε) < √v̂/ε. The steps are small against the curvature (η/ε · 2(1+r)x₁² ≈ 4·10⁻⁴),
    // so a difference, once made, is carried on but not amplified, and the two paths stay within
    // (max √v̂/ε) × (distance travelled) of each other; float32 adds its rounding.
    const r = await train(`${PAGE_LARGE_EPS}&seed=${seed}`);
    const adam = reference(seed, x, y, { kind: 'adam', eps: 1 });
    const sgd = reference(seed, x, y, { kind: 'momentum-sgd', lr: 0.01 / 1 });
    for (let j = 0; j < 2; j++) {
      const travelled = sgd.path.reduce((a, w, t) => a + Math.abs(w[j]! - (t ? sgd.path[t - 1]![j]! : 0)), 0);
      const tolerance = (adam.maxRms[j]! / 1) * travelled;
      // The premise, checked: ε is far above every √v̂ of the run.
      expect(adam.maxRms[j]).toBeLessThan(0.03);
      for (const { step, w } of recorded(r)) expect(Math.abs(w[j]! - sgd.path[step - 1]![j]!)).toBeLessThan(tolerance + 1e-5);
    }
  });

  it('with eps=1 the weight of the small feature barely leaves 0, while the default ε reaches the optimum', async () => {
    const small = await train(`${PAGE_SMALL_EPS}&seed=${seed}`);
    const large = await train(`${PAGE_LARGE_EPS}&seed=${seed}`);
    // Near the optimum Adam's steps keep a size of order η, so it jitters there by a few per cent.
    small.w.forEach((v, j) => expect(Math.abs(v / OPTIMUM[j]! - 1)).toBeLessThan(0.05));
    expect(small.closedForm![1]).toBeCloseTo(11 / 3, 10);
    expect(large.w[1]! / OPTIMUM[1]!).toBeLessThan(0.05);
    // And the loss is still well above the default run's at the end (means of the last 8 steps).
    expect(large.loss.at(-1)!).toBeGreaterThan(1.3 * small.loss.at(-1)!);
  });

  it('with the default ε, Adam does not see the gradients\' scale: the 100-fold smaller problem trains along the same path', async () => {
    const scaled = await train(`${PAGE_SMALL_EPS}&seed=${seed}`);
    const original = await train(`${RUN}&seed=${seed}`);
    for (const [i, w] of scaled.path.entries()) w.forEach((v, j) => expect(Math.abs(v - original.path[i]![j]!)).toBeLessThan(1e-4 * Math.abs(v) + 1e-6));
  });

  it('on the original problem (gradients 10⁴ times larger) eps=1 is small against √v̂ and Adam still reaches the optimum', async () => {
    const r = await train(`${RUN}&eps=1&seed=${seed}`);
    r.w.forEach((v, j) => expect(Math.abs(v / OPTIMUM[j]! - 1)).toBeLessThan(0.05));
    // At the start of the descent ε = 1 lies far below √v̂ of both weights.
    for (const rms of reference(seed, [10, 1], 11, { kind: 'adam', eps: 1 }).maxRms) expect(rms).toBeGreaterThan(10);
  });
});
