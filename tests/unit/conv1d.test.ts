import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { conv1dLogic } from '../../src/lib/demos/conv1d/conv1d-logic';
import { conv1dSchema } from '../../src/lib/demos/conv1d/conv1d-schema';
import { runInNode } from '../../src/lib/ort/node-runner';
import { boxcarResponseClosedForm } from './reference/convolution';
import { conv1dChart } from '../../src/components/demos/conv1d/conv1d-chart';
import { serverDocument } from '../../src/components/demos/frame/prepare-demo';

const compute = async (query: string) => {
  const { state, issues } = parseDemoState(conv1dSchema, query);
  expect(issues).toEqual([]);
  return { state, result: await runDemo(conv1dLogic, state, runInNode) };
};

describe('conv1d: boxcar * (1/2)^n u(n) (HW3 Problem 2(a))', () => {
  it('is 0 before n = 0, 2 - 2^-n up to n = L-1 and (2^L - 1)/2^n after', async () => {
    const { result } = await compute('');
    expect(result.n).toEqual(Array.from({ length: 19 }, (_, i) => i - 6));
    result.n.forEach((n, i) => {
      const expected = n < 0 ? 0 : n <= 6 ? 2 - 2 ** -n : (2 ** 7 - 1) / 2 ** n;
      expect(result.y[i]).toBeCloseTo(expected, 6);
    });
  });

  it('peaks at n = L-1 with 2 - 2^-(L-1), where both closed forms agree', async () => {
    const { result } = await compute('L=7');
    const peak = Math.max(...result.y);
    expect(result.n[result.y.indexOf(peak)]).toBe(6);
    expect(peak).toBeCloseTo(2 - 2 ** -6, 6);
  });
});

describe('conv1d against the geometric-sum closed form', () => {
  const cases = ['L=3&a=0.9&from=-4&to=20', 'L=10&a=-0.7&shift=-3&from=-10&to=15', 'L=5&a=1&shift=2', 'L=1&a=1.3&from=0&to=8', 'L=64&a=0.99&from=-5&to=120'];
  it.each(cases)('%s', async (q) => {
    const { state, result } = await compute(q);
    result.n.forEach((n, i) => {
      const expected = boxcarResponseClosedForm(state.L, state.a, state.shift, n);
      // float32 arithmetic: relative error of a few ulps of the largest partial sum
      expect(Math.abs(result.y[i]! - expected)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected)));
    });
  });
});

describe('shift equivariance (HW3 Problem 2(b))', () => {
  it('delaying x by N = 5 delays y by 5: y2(n) = y(n - 5)', async () => {
    const { result } = await compute('shift=5&from=-6&to=20');
    result.n.forEach((n, i) => {
      const j = result.n.indexOf(n - 5);
      expect(result.y[i]).toBeCloseTo(j >= 0 ? result.yUnshifted[j]! : 0, 6);
    });
    expect(result.x.filter((v) => v === 1).length).toBe(7);
    expect(result.x[result.n.indexOf(5)]).toBe(1);
    expect(result.x[result.n.indexOf(4)]).toBe(0);
  });
});

describe('the conv1d chart', () => {
  it('names each of its three panels in visible text (x, h, y)', async () => {
    const { state } = parseDemoState(conv1dSchema, new URLSearchParams('shift=5'));
    const svg = conv1dChart(state, await runDemo(conv1dLogic, state, runInNode), serverDocument());
    const labels = [...svg.querySelectorAll('[aria-label="text"] g')].map((g) => ({ text: g.textContent, fill: g.getAttribute('fill') }));
    expect(labels.map((l) => l.text)).toEqual(['x(n − 5)', 'h(n) = 0.5ⁿ u(n)', 'y(n) for x(n − 5)']);
    // Plot gives a stroked text no fill unless told: the labels were invisible halos once.
    for (const l of labels) expect(l.fill).not.toBe('none');
  });
});
