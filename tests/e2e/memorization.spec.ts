// The memorization demo in real Chromium: the CNN trained on the digits the page fetches, with
// random labels drawn from the seed, on WASM and on the software WebGPU adapter.
import { expect, test, type Page } from '@playwright/test';
import { typedResultOf } from './support/demo-result';
import type { MemorizationResult } from '../../src/lib/demos/memorization/memorization-logic';

const demo = (page: Page) => page.locator('[data-demo="memorization"]');

const result = (page: Page) => typedResultOf<MemorizationResult>(page, 'memorization');

// Two epochs of two minibatches and the evaluation of 64 + 500 digits: small enough for the software adapter.
const TINY = 'train=64&batch=32&epochs=2&seed=3';

test('a tiny run gives the same curves on wasm and webgpu', async ({ page }) => {
  const runs: MemorizationResult[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    await page.goto(`demos/memorization/?${TINY}&backend=${backend}&autorun=1`);
    const { r, backend: ran } = await result(page);
    expect(ran).toBe(backend);
    expect(r.labels).toBe('random');
    expect([r.trainImages, r.batch, r.stepsPerEpoch, r.testImages]).toEqual([64, 32, 2, 500]);
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2]);
    // Near the start the loss is about ln 10.
    for (const h of r.history) expect(Math.abs(h.trainLoss - Math.log(10))).toBeLessThan(0.05);
    runs.push(r);
  }
  const [wasm, webgpu] = runs;
  wasm!.history.forEach((h, i) => {
    const g = webgpu!.history[i]!;
    expect(Math.abs(h.trainLoss - g.trainLoss)).toBeLessThan(1e-3);
    // The same labels, weights and minibatches: only float rounding differs, which may flip a rare near-tie.
    expect(Math.abs(h.trainAcc - g.trainAcc)).toBeLessThanOrEqual(1 / 64 + 1e-9);
    expect(Math.abs(h.testAcc - g.testAcc)).toBeLessThanOrEqual(0.004);
  });
  expect(webgpu!.labelEntropy).toBe(wasm!.labelEntropy);
  expect(webgpu!.agreement).toBe(wasm!.agreement);
  await expect(demo(page).locator('[data-role="status"]')).toContainText('Computed in your browser on WebGPU');
  await expect(demo(page).locator('table[data-role="summary"] [data-role="train-acc"]')).toHaveText(`${(100 * webgpu!.summary.finalTrainAcc).toFixed(1)}\u00a0%`);
});

test('a deep link reproduces the same numbers, and another seed changes them', async ({ page, context }) => {
  const url = 'demos/memorization/?train=96&batch=32&epochs=2&seed=11&backend=wasm&autorun=1';
  await page.goto(url);
  const first = await result(page);
  const other = await context.newPage();
  await other.goto(url);
  const second = await result(other);
  expect(second.r).toEqual(first.r);
  await other.goto(url.replace('seed=11', 'seed=12'));
  const third = await result(other);
  expect(third.r.history.map((h) => h.trainLoss)).not.toEqual(first.r.history.map((h) => h.trainLoss));
});

test('labels=maybe shows its message and trains on random labels, the default', async ({ page }) => {
  await page.goto('demos/memorization/?labels=maybe&train=64&batch=32&epochs=1&backend=wasm&autorun=1');
  await expect(demo(page).locator('[data-role="messages"]')).toContainText('labels must be one of "random", "true" (got "maybe"); using random.');
  await expect(demo(page).locator('[data-param="labels"]')).toHaveValue('random');
  const { r } = await result(page);
  expect(r.labels).toBe('random');
  expect(r.history).toHaveLength(1);
});

test('the curves are drawn while training goes on', async ({ page }) => {
  // Every text the summary's first row shows during the run, recorded before any script runs.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __epochs: string[] }).__epochs = []);
    new MutationObserver(() => {
      const cell = document.querySelector('[data-demo="memorization"] table[data-role="summary"] td');
      if (cell?.textContent && seen.at(-1) !== cell.textContent) seen.push(cell.textContent);
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto('demos/memorization/?train=64&batch=32&epochs=40&backend=wasm&autorun=1');
  const { r } = await result(page);
  const seen = await page.evaluate(() => (window as unknown as { __epochs: string[] }).__epochs);
  expect(seen.some((t) => /^\d+ of 40 so far$/.test(t)), seen.join(' | ')).toBe(true);
  expect(seen.at(-1)).toBe('40');
  expect(r.history).toHaveLength(40);
  await expect(demo(page).locator('figure.memo-chart svg').first()).toBeVisible();
});

test('on a phone, the solution page redraws the build\'s curves for its width', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('snu-mfdnn-sp24/hw5/6-label-memorization/');
  const first = demo(page).first();
  await first.scrollIntoViewIfNeeded();
  // The build drew the charts 720 wide; redrawn, they are as wide as the demo (about 330 px here).
  await expect.poll(async () => Number(await first.locator('figure.memo-chart svg').first().getAttribute('width')), { timeout: 30_000 }).toBeLessThan(400);
  await expect(first).toHaveAttribute('data-state', 'idle');
  await expect(first.locator('[data-role="train-acc"]')).toHaveText('100.0\u00a0%');
  await context.close();
});

test('without scripts the page shows the build-time result of the default state', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('demos/memorization/');
  const initial = JSON.parse((await demo(page).locator('script[data-demo-initial]').textContent())!) as { result: MemorizationResult };
  const r = initial.result;
  expect(r.history).toHaveLength(150);
  await expect(demo(page).locator('[data-role="train-acc"]')).toHaveText(`${(100 * r.summary.finalTrainAcc).toFixed(1)}\u00a0%`);
  await expect(demo(page).locator('[data-role="test-acc"]')).toHaveText(`${(100 * r.summary.finalTestAcc).toFixed(1)}\u00a0%`);
  const charts = demo(page).locator('figure.memo-chart');
  await expect(charts).toHaveCount(2);
  for (let i = 0; i < 2; i++) await expect(charts.nth(i).locator('svg').last()).toBeVisible();
  await context.close();
});
