import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { dropoutOptimum, patternLeastSquares, ridgeViaNormalisedColumns } from '../../src/lib/demos/dropout/dropout-closed-form';
import { dropoutLogic, type DropoutResult } from '../../src/lib/demos/dropout/dropout-logic';
import { trainDropoutOwnGenerator, trainDropoutPlainJs } from '../../src/lib/demos/dropout/dropout-plain-js';
import { dropoutSchema } from '../../src/lib/demos/dropout/dropout-schema';
import { runInNode } from '../../src/lib/ort/node-runner';

const state = (q: string) => {
  const { state: s, issues } = parseDemoState(dropoutSchema, q);
  expect(issues).toEqual([]);
  return s;
};
const train = (q: string) => runDemo(dropoutLogic, state(q), runInNode) as Promise<DropoutResult>;

describe('the closed form of dropout on one example (HW4 Problem 1)', () => {
  // Setting the gradient of (y − Σa)² + r Σ a² to zero in the contributions a_j = x_j w_j gives
  // equal contributions a = y / (d + r), r = p/(1 − p): derived by hand, independent of the code.
  const byHand = (x: number[], y: number, p: number) => x.map((v) => y / (x.length + p / (1 - p)) / v);

  it('p = 0.5 on x = (10, 1), y = 11: w = (11/30, 11/3), both contributions 11/3', () => {
    const w = dropoutOptimum([[10, 1]], [11], 0.5)!;
    expect(w[0]).toBeCloseTo(11 / 30, 12);
    expect(w[1]).toBeCloseTo(11 / 3, 12);
  });

  it.each([0.1, 0.3, 0.7, 0.9])('p = %f matches the hand derivation', (p) => {
    const w = dropoutOptimum([[10, 1]], [11], p)!;
    byHand([10, 1], 11, p).forEach((v, j) => expect(w[j]).toBeCloseTo(v, 10));
  });

  it('p = 0 gives the minimum-norm solution x·y/‖x‖², not the limit p → 0⁺', () => {
    const w = dropoutOptimum([[10, 1]], [11], 0)!;
    expect(w[0]).toBeCloseTo(110 / 101, 12);
    expect(w[1]).toBeCloseTo(11 / 101, 12);
    const near = dropoutOptimum([[10, 1]], [11], 1e-6)!;
    expect(near[0]).toBeCloseTo(0.55, 4);
    expect(near[1]).toBeCloseTo(5.5, 3);
  });

  it('listing the four dropout patterns (part c) gives the same weights', () => {
    const { X, prob, w } = patternLeastSquares([10, 1], 11, 0.5, 'inverted');
    expect(X).toEqual([
      [20, 2],
      [20, 0],
      [0, 2],
      [0, 0],
    ]);
    expect(prob).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(w![0]).toBeCloseTo(11 / 30, 10);
    expect(w![1]).toBeCloseTo(11 / 3, 10);
  });

  it('the ridge route through normalised columns (HW4 Problem 2) agrees on several data sets', () => {
    const cases: [number[][], number[], number][] = [
      [[[10, 1]], [11], 0.5],
      [[[1, 2], [3, 1], [0, 4]], [1, 2, 3], 0.3],
      [[[1, 0, 2], [2, 1, 0], [0, 1, 1], [1, 1, 1]], [1, -1, 2, 0.5], 0.6],
    ];
    for (const [X, y, p] of cases) {
      const a = dropoutOptimum(X, y, p)!;
      const b = ridgeViaNormalisedColumns(X, y, p)!;
      a.forEach((v, j) => expect(b[j]).toBeCloseTo(v, 10));
    }
  });
});

describe('training in ONNX', () => {
  it('equals the plain-JavaScript loop on the same masks (SGD, p = 0.5, batch 4, 300 steps)', async () => {
    const s = state('batch=4&steps=300');
    const r = (await runDemo(dropoutLogic, s, runInNode)) as DropoutResult;
    const js = trainDropoutPlainJs(s);
    r.w.forEach((v, j) => expect(v).toBeCloseTo(js.w[j]!, 4));
    expect(r.loss.length).toBe(300);
    expect(r.loss[0]).toBeCloseTo(js.losses[0]!, 3);
  });

  it('converges to the closed form with a large batch (part e)', async () => {
    // What is left is SGD noise around the optimum: a few per cent at this batch and rate.
    const r = await train('batch=1024&steps=5000&lr=0.002');
    expect(Math.abs(r.w[0]! / (11 / 30) - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.w[1]! / (11 / 3) - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.contributions[0]! / r.contributions[1]! - 1)).toBeLessThan(0.06);
  });

  it('without dropout, gradient descent from zero reaches the minimum-norm solution (part b)', async () => {
    const r = await train('p=0&steps=2000');
    expect(r.w[0]).toBeCloseTo(110 / 101, 3);
    expect(r.w[1]).toBeCloseTo(11 / 101, 3);
    expect(r.leastSquares![0]).toBeCloseTo(110 / 101, 10);
  });

  it('scaling=none learns weights 1/(1 − p) larger; times 1 − p they are the inverted ones', async () => {
    const r = await train('batch=512&steps=6000&scaling=none&p=0.5&lr=0.004');
    expect(r.closedForm![0]).toBeCloseTo(22 / 30, 10);
    expect(Math.abs(r.w[0]! / (22 / 30) - 1)).toBeLessThan(0.05);
    expect(Math.abs(r.inference[0]! / (11 / 30) - 1)).toBeLessThan(0.05);
    expect(Math.abs(r.inference[1]! / (11 / 3) - 1)).toBeLessThan(0.05);
  });

  it('Adam with dropout reaches the same optimum (part h)', async () => {
    const r = await train('batch=256&steps=4000&opt=adam&lr=0.01');
    expect(r.w[0]).toBeCloseTo(11 / 30, 1);
    expect(r.w[1]).toBeCloseTo(11 / 3, 0);
  });

  it('the same seed gives the same weights; another seed different ones', async () => {
    const a = await train('steps=200&seed=3');
    const b = await train('steps=200&seed=3');
    const c = await train('steps=200&seed=4');
    expect(b.w).toEqual(a.w);
    expect(c.w).not.toEqual(a.w);
  });

  it('a sweep trains every rate and reports the closed-form curve', async () => {
    const r = await train('batch=64&steps=300&sweep=0,0.3');
    expect(r.sweep!.map((x) => x.p)).toEqual([0, 0.3]);
    expect(r.sweepCurve!.length).toBe(99);
    expect(r.sweepCurve![50]!.w![0]).toBeCloseTo(11 / 30, 10);
  });
});

describe('dropout parameters', () => {
  it('reject p = 1.5, batch = 0 and x = a,b with messages, keeping defaults', () => {
    const { state: s, issues } = parseDemoState(dropoutSchema, 'p=1.5&batch=0&x=a,b');
    expect([s.p, s.batch, s.x]).toEqual([0.5, 1, [[10, 1]]]);
    expect(issues.map((i) => i.param)).toEqual(['p', 'batch', 'x']);
    expect(issues[0]!.message).toContain('p must be a number from 0 to 0.95 (got "1.5")');
  });

  it('reject a y that does not match the rows of x', () => {
    const { state: s, issues } = parseDemoState(dropoutSchema, 'x=1,2;3,4&y=1');
    expect(s.x).toEqual([[10, 1]]);
    expect(issues[0]!.message).toContain('y has 1 entries but x has 2 rows');
  });

  it('refuse runs too large for a page', () => {
    const { state: s, issues } = parseDemoState(dropoutSchema, 'batch=4096&steps=100000');
    expect(s.steps).toBe(1000);
    expect(issues[0]!.param).toBe('steps');
  });
});

describe('a learning rate too large for the data', () => {
  it('is reported as divergence, not as null weights', async () => {
    await expect(train('x=10,2;30,1;0,4&y=1,2,3&lr=0.01&steps=300')).rejects.toThrow(/training diverged .* smaller learning rate than lr=0.01/);
  });
});

describe('the benchmark baseline with its own generator', () => {
  it('trains the same problem: with a large batch it lands near the same closed form as the graph', async () => {
    const s = state('batch=256&steps=3000&sweep=0.3');
    const [main, swept] = trainDropoutOwnGenerator(s, [s.p, 0.3]);
    const r = await train('batch=256&steps=3000&sweep=0.3');
    main!.forEach((v, j) => expect(v).toBeCloseTo(r.closedForm![j]!, 0));
    swept!.forEach((v, j) => expect(Math.abs(v - r.sweep![0]!.closedForm![j]!)).toBeLessThan(0.1 * Math.abs(r.sweep![0]!.closedForm![j]!) + 0.05));
  });
});
