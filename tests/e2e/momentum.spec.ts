// The momentum demo in real Chromium: both forms' graphs on WASM and on the software WebGPU
// adapter against the float64 recursions, equal across backends; deep links; bad parameters; the
// write-up's build-time numbers against a live run. WebGPU states stay tiny (SwiftShader is slow).
import { expect, test } from '@playwright/test';
import { onBothBackends, resultOf, type Result } from './support/demo-result';
import { dist, heavyBall64, largest, noiseOf, velocity64, type QuadraticRun, type Vec } from '../unit/reference/momentum';
import type { MomentumResult } from '../../src/lib/demos/momentum/momentum-logic';

const DEFAULTS: QuadraticRun = {
  A: [
    [1, 0],
    [0, 10],
  ],
  b: [0, 0],
  theta0: [-4, 1.5],
  alpha: 0.05,
  beta: 0.8,
  steps: 100,
};

const asMomentum = (r: Result) => r as unknown as MomentumResult;

function expectPath(actual: number[][], expected: Vec[], relative: number) {
  expect(actual).toHaveLength(expected.length);
  const scale = Math.max(1, largest(expected));
  actual.forEach((row, k) => expect(dist(row, expected[k]!), `step ${k}`).toBeLessThanOrEqual(relative * scale));
}

/** Both forms of a result against their float64 recursions with the seed's noise. */
function checkAgainstReference(run: QuadraticRun, seed: number, noise: number) {
  const xi = noiseOf(seed, run.steps, noise);
  return (raw: Result) => {
    const r = asMomentum(raw);
    expectPath(r.formI, heavyBall64(run, xi).theta, 2e-5);
    expectPath(r.formII, velocity64(run, xi), 2e-5);
    expect(r.maxDiff).toBeLessThan(1e-5);
  };
}

test('momentum: a small noisy state gives the same paths on wasm and webgpu, both as the recursions say', async ({ page }) => {
  const run: QuadraticRun = { A: [[2, 1], [1, 3]], b: [1, -1], theta0: [2, -1], alpha: 0.15, beta: 0.6, steps: 8 };
  const query = 'A=2,1;1,3&b=1,-1&theta0=2,-1&alpha=0.15&beta=0.6&steps=8&noise=0.5&seed=3';
  const [wasm, webgpu] = (await onBothBackends(page, 'momentum', query, checkAgainstReference(run, 3, 0.5))).map(asMomentum);
  for (const form of ['formI', 'formII'] as const) {
    wasm![form].forEach((row, k) => expect(dist(row, webgpu![form][k]!), `${form} step ${k}`).toBeLessThanOrEqual(1e-5 * Math.max(1, largest(wasm![form]))));
  }
  expect(webgpu!.eigenvalues).toEqual(wasm!.eigenvalues);
  expect(webgpu!.rate).toBe(wasm!.rate);
});

test('momentum: a deep link reproduces its state, controls and result', async ({ page, context }) => {
  const query = 'A=5.5,4.5;4.5,5.5&b=1,-2&theta0=3,-1&alpha=0.08&beta=0.6&steps=30&noise=0.3&seed=9';
  await page.goto(`demos/momentum/?${query}&backend=wasm&autorun=1`);
  const first = await resultOf(page, 'momentum');
  const run: QuadraticRun = { A: [[5.5, 4.5], [4.5, 5.5]], b: [1, -2], theta0: [3, -1], alpha: 0.08, beta: 0.6, steps: 30 };
  checkAgainstReference(run, 9, 0.3)(first.result);
  const demo = page.locator('[data-demo="momentum"]');
  await expect(demo.locator('[data-param="A"]')).toHaveValue('5.5, 4.5\n4.5, 5.5');
  await expect(demo.locator('[data-param="theta0"]')).toHaveValue('3,-1');
  await expect(demo.locator('[data-param="seed"]')).toHaveValue('9');
  const link = await demo.locator('[data-role="link"]').inputValue();
  for (const p of ['A=5.5,4.5;4.5,5.5', 'b=1,-2', 'theta0=3,-1', 'alpha=0.08', 'beta=0.6', 'steps=30', 'noise=0.3', 'seed=9', 'autorun=1']) expect(link).toContain(p);
  const other = await context.newPage();
  await other.goto(`${link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin)}&backend=wasm`);
  const second = await resultOf(other, 'momentum');
  expect(second.result).toEqual(first.result);
  // Another seed draws other noise: another path.
  await other.goto(`demos/momentum/?${query.replace('seed=9', 'seed=10')}&backend=wasm&autorun=1`);
  const third = await resultOf(other, 'momentum');
  expect(asMomentum(third.result).formI).not.toEqual(asMomentum(first.result).formI);
});

test('momentum: editing a control updates the address bar and reruns', async ({ page }) => {
  await page.goto('demos/momentum/?backend=wasm&steps=20');
  const demo = page.locator('[data-demo="momentum"]');
  await demo.locator('[data-param="beta"]').fill('0.5');
  await demo.locator('[data-param="beta"]').press('Tab');
  await expect(page).toHaveURL(/beta=0\.5/);
  const { result } = await resultOf(page, 'momentum');
  checkAgainstReference({ ...DEFAULTS, beta: 0.5, steps: 20 }, 0, 0)(result);
});

test('momentum: bad parameters show their messages and the demo runs on the defaults', async ({ page }) => {
  await page.goto('demos/momentum/?beta=2&steps=-1&A=1,2;3,4&theta0=1&backend=wasm&autorun=1');
  const demo = page.locator('[data-demo="momentum"]');
  const messages = demo.locator('[data-role="messages"]');
  await expect(messages).toBeVisible();
  await expect(messages).toContainText('beta must be a number from 0 up to, but not including, 1 (got "2"); using 0.8.');
  await expect(messages).toContainText('steps must be an integer from 1 to 500 (got "-1"); using 100.');
  await expect(messages).toContainText('A must be a symmetric positive definite 2x2 matrix');
  await expect(messages).toContainText('not symmetric');
  await expect(messages).toContainText('theta0 must be two comma-separated numbers');
  const { result } = await resultOf(page, 'momentum');
  checkAgainstReference(DEFAULTS, 0, 0)(result);
  await expect(demo.locator('[data-param="beta"]')).toHaveValue('0.8');
  await expect(demo.locator('[data-param="steps"]')).toHaveValue('100');
  await expect(demo.locator('[data-param="A"]')).toHaveValue('1, 0\n0, 10');

  await page.goto('demos/momentum/?A=1,2;2,1&backend=wasm&autorun=1');
  await expect(page.locator('[data-demo="momentum"] [data-role="messages"]')).toContainText('not positive definite (eigenvalues -1 and 3)');
  checkAgainstReference(DEFAULTS, 0, 0)((await resultOf(page, 'momentum')).result);

  // A typed edit that is not SPD is reported and not run.
  const a = page.locator('[data-demo="momentum"] [data-param="A"]');
  await a.fill('1, 2\n2, 1');
  await a.press('Tab');
  await expect(page.locator('[data-demo="momentum"] [data-role="messages"]')).toContainText('Not run: A must be');
  await expect(a).toHaveAttribute('aria-invalid', 'true');
});

test('momentum: an unstable setting reports the failure and the condition, and nothing hangs', async ({ page }) => {
  await page.goto('demos/momentum/?alpha=10&backend=wasm&autorun=1');
  const demo = page.locator('[data-demo="momentum"]');
  await expect(demo).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(demo.locator('[data-role="status"]')).toContainText('unstable');
});

test('momentum: the write-up shows build-time numbers, and a live run gives the same', async ({ page }) => {
  await page.goto('snu-mfdnn-sp24/hw5/3-momentum-forms/?backend=wasm');
  await expect(page.locator('.katex-error')).toHaveCount(0);
  const demo = page.locator('[data-demo="momentum"]').first();
  await expect(demo).toHaveAttribute('data-state', 'idle');
  const before = await demo.locator('[data-role="summary"]').textContent();
  expect(before).toContain('1 and 10');
  await demo.locator('[data-action="run"]').click();
  const { result, backend } = await resultOf(page, 'momentum');
  expect(backend).toBe('wasm');
  checkAgainstReference(DEFAULTS, 0, 0)(result);
  expect(await demo.locator('[data-role="summary"]').textContent()).toBe(before);
  for (const href of ['demos/momentum/?noise=1', 'demos/momentum/?A=5.5,4.5;4.5,5.5']) await expect(page.locator(`a.demo-link[href*="${href}"]`).first()).toBeAttached();
});

test('momentum: the embed page runs on load and fits 800 px; the demo page fits 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('embed/momentum/?steps=20&backend=wasm');
  await resultOf(page, 'momentum');
  await expect(page.locator('header, nav, footer, .sidebar-pane, starlight-menu-button')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('demos/momentum/?backend=wasm&autorun=1');
  await resultOf(page, 'momentum');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  for (const svg of await page.locator('[data-demo="momentum"] svg').all()) expect((await svg.boundingBox())!.width).toBeLessThanOrEqual(390);
});
