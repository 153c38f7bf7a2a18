// The batchnorm and batchnorm-grad demos in real Chromium, on WASM and on the software WebGPU
// adapter: results against the claims of the pages (computed here again in float64), equal
// across backends, deep links, bad parameters with their messages and defaults, and 390 px.
import { expect, test } from '@playwright/test';
import { onBothBackends, statesOnOnePage, resultOf, type Result } from './support/demo-result';

type M = number[][];
interface Stats {
  mean: number[];
  cov: M;
  std: number[];
  corr: M;
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(numbers) : typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(numbers) : []);

function expectSameNumbers(a: Result, b: Result) {
  const x = numbers(a);
  const y = numbers(b);
  expect(y.length).toBe(x.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i]!), `number ${i}: ${v} against ${y[i]}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(v))));
}

/** Batch norm's claims on the statistics: mean β, variance γ²σ²/(σ² + ε), the correlation kept. */
function checkBatchnorm(gamma: number[], beta: number[], eps: number) {
  return (r: Result) => {
    const before = r['before'] as Stats;
    const after = r['after'] as Stats;
    gamma.forEach((g, j) => {
      expect(after.mean[j]!).toBeCloseTo(beta[j]!, 4);
      const v = before.cov[j]![j]!;
      expect(after.cov[j]![j]!).toBeCloseTo((g * g * v) / (v + eps), 4);
    });
    if (gamma.length === 2) expect(after.corr[0]![1]!).toBeCloseTo(Math.sign(gamma[0]! * gamma[1]!) * before.corr[0]![1]!, 4);
    // The drawn points after are the points before, standardised with the batch's statistics.
    const pb = r['points'] as { before: M; after: M };
    pb.before.slice(0, 20).forEach((p, i) =>
      p.forEach((v, j) => expect(pb.after[i]![j]!).toBeCloseTo((gamma[j]! * (v - before.mean[j]!)) / Math.sqrt(before.cov[j]![j]! + eps) + beta[j]!, 2)),
    );
  };
}

const DEFAULT_X = [
  [1, 2, -1],
  [3, 0, 2],
  [0, 1, 4],
  [2, 5, 1],
];

/** The closed form in float64, and eq. (34) of the official solution, which lacks (X_ij − μ_j) in its last term. */
function closedForms(x: M, dy: M, gamma: number[], eps: number) {
  const m = x.length;
  const cols = x[0]!.map((_, j) => {
    const mu = x.reduce((s, r) => s + r[j]!, 0) / m;
    const v = x.reduce((s, r) => s + (r[j]! - mu) ** 2, 0) / m + eps;
    const sumDy = dy.reduce((s, r) => s + r[j]!, 0);
    const S = x.reduce((s, r, k) => s + dy[k]![j]! * (r[j]! - mu), 0);
    return { mu, v, sumDy, S };
  });
  const term = (i: number, j: number, factor: number) => {
    const c = cols[j]!;
    return (gamma[j]! / Math.sqrt(c.v)) * (dy[i]![j]! - c.sumDy / m - (factor * c.S) / (m * c.v));
  };
  return {
    dx: x.map((r, i) => r.map((v, j) => term(i, j, v - cols[j]!.mu))),
    dropped: x.map((r, i) => r.map((_, j) => term(i, j, 1))),
  };
}

function checkGrad(x: M, gamma: number[] | null, eps = 1e-5) {
  return (r: Result) => {
    const dy = r['dy'] as M;
    const g = gamma ?? x[0]!.map(() => 1);
    const ref = closedForms(x, dy, g, eps);
    const close = (a: M, b: M, tol: number) => a.flat().forEach((v, i) => expect(Math.abs(v - b.flat()[i]!)).toBeLessThan(tol));
    close(r['dx'] as M, ref.dx, 1e-5);
    close(r['dxNumeric'] as M, ref.dx, 1e-7);
    close(r['dxDropped'] as M, ref.dropped, 1e-5);
    expect((r['maxDiff'] as { dropped: number }).dropped).toBeGreaterThan(0.1);
  };
}

const rows: { demo: string; query: string; check(r: Result): void }[] = [
  { demo: 'batchnorm', query: 'dims=1&n=200', check: checkBatchnorm([1], [3], Math.fround(1e-5)) },
  { demo: 'batchnorm', query: 'n=200&gamma=2,-0.5&beta=1,-1', check: checkBatchnorm([2, -0.5], [1, -1], Math.fround(1e-5)) },
  { demo: 'batchnorm-grad', query: '', check: checkGrad(DEFAULT_X, null) },
  { demo: 'batchnorm-grad', query: 'x=1,2;3,5;0,-1&dy=1,0;0,1;-1,2&gamma=2,0.5', check: checkGrad([[1, 2], [3, 5], [0, -1]], [2, 0.5]) },
];

statesOnOnePage(rows, 'equal results on wasm and webgpu', async (page, row) => {
  const results = await onBothBackends(page, row.demo, row.query, row.check);
  expectSameNumbers(results[0]!, results[1]!);
});

test('deep links reproduce the same numbers, and the copied link carries the state', async ({ page, context }) => {
  for (const [demo, query, keys] of [
    ['batchnorm', 'dims=1&mu=-2&cov=2.25&n=300&gamma=0.5&beta=1&seed=9', ['dims=1', 'mu=-2', 'cov=2.25', 'n=300', 'gamma=0.5', 'beta=1', 'seed=9']],
    ['batchnorm-grad', 'x=1,2;3,5;0,-1&gamma=2,0.5&eps=0.01&seed=4', ['x=1,2;3,5;0,-1', 'gamma=2,0.5', 'eps=0.01', 'seed=4']],
  ] as const) {
    await page.goto(`demos/${demo}/?${query}&backend=wasm&autorun=1`);
    const first = await resultOf(page, demo);
    const link = await page.locator(`[data-demo="${demo}"] [data-role="link"]`).inputValue();
    for (const k of keys) expect(link, demo).toContain(k);
    const other = await context.newPage();
    await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin).replace('autorun=1', 'autorun=1&backend=wasm'));
    const second = await resultOf(other, demo);
    expect(second.result).toEqual(first.result);
    await other.close();
  }
});

test('bad parameters show their messages, and the demos run on the defaults', async ({ page }) => {
  await page.goto('demos/batchnorm-grad/?x=1,2;3&eps=-1&backend=wasm&autorun=1');
  let messages = page.locator('[data-demo="batchnorm-grad"] [data-role="messages"]');
  await expect(messages).toContainText('x must be a matrix');
  await expect(messages).toContainText('rows differ in length');
  await expect(messages).toContainText('eps must be a number from 1e-12 to 10 (got "-1"); using 0.00001.');
  const fallback = await resultOf(page, 'batchnorm-grad');
  checkGrad(DEFAULT_X, null)(fallback.result);

  await page.goto('demos/batchnorm-grad/?dy=1,2;3,4&gamma=1,2&backend=wasm&autorun=1');
  messages = page.locator('[data-demo="batchnorm-grad"] [data-role="messages"]');
  await expect(messages).toContainText('dy must be 4x3 like x, or left out (got 2x2)');
  await expect(messages).toContainText('gamma must have one entry per column of x (3), or be left out (got 2)');
  const defaults = await resultOf(page, 'batchnorm-grad');
  expect(defaults.result).toEqual(fallback.result);

  await page.goto('embed/batchnorm/?dims=3&cov=1,2;3,4&gamma=1&n=200&backend=wasm');
  messages = page.locator('[data-demo="batchnorm"] [data-role="messages"]');
  await expect(messages).toContainText('dims must be an integer from 1 to 2 (got "3"); using 2.');
  await expect(messages).toContainText('cov must be symmetric');
  await expect(messages).toContainText('gamma must have 2 entries, one per dimension (got 1)');
  const { result } = await resultOf(page, 'batchnorm');
  checkBatchnorm([1, 1], [0, 0], Math.fround(1e-5))(result);
  // The homework's 2-D Gaussian: correlation 0.6, sampled.
  expect(Math.abs((result['before'] as Stats).corr[0]![1]! - 0.6)).toBeLessThan(0.2);
});

test('at 390 px both demos fit the screen, controls and drawings included', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  for (const [demo, query] of [
    ['batchnorm', 'n=200'],
    ['batchnorm', 'dims=1&n=200'],
    ['batchnorm-grad', 'x=1.25,-20.5,3,0.125,7,-1;2,4,6,8,10,12;0,1,0,1,0,1'],
  ] as const) {
    await page.goto(`demos/${demo}/?${query}&backend=wasm&autorun=1`);
    await resultOf(page, demo);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${demo}?${query}`).toBeLessThanOrEqual(0);
    for (const svg of await page.locator(`[data-demo="${demo}"] svg`).all()) {
      if (!(await svg.isVisible())) continue;
      const box = await svg.boundingBox();
      expect(box!.width, `${demo}?${query}`).toBeLessThanOrEqual(390);
    }
  }
});

test('the write-ups show build-time numbers, and a run in the browser gives the same', async ({ page }) => {
  await page.goto('eecs182-sp23/hw3/5-batchnorm-dropout-conv/');
  const demo = page.locator('[data-demo="batchnorm-grad"]').first();
  await expect(demo).toHaveAttribute('data-state', 'idle');
  const staticDx = await demo.locator('[data-role="dx"]').textContent();
  await demo.locator('[data-action="run"]').click();
  const { result } = await resultOf(page, 'batchnorm-grad');
  checkGrad(DEFAULT_X, [2, 0.5, -1])(result);
  expect(await demo.locator('[data-role="dx"]').textContent()).toBe(staticDx);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  await expect(page.locator('.bng-svg').first()).toBeVisible();

  await page.goto('eecs182-sp23/hw3/1-normalization-layers/');
  await expect(page.locator('[data-demo="batchnorm"]')).toHaveCount(2);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  for (const href of ['demos/batchnorm/?dims=1', 'demos/batchnorm/?gamma=2,0.5&beta=1,-1']) {
    await expect(page.locator(`a.demo-link[href*="${href}"]`).first()).toBeAttached();
  }
});
