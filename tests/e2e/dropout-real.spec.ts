// The dropout-real demo in real Chromium: a small CNN trained on the digits the page fetches,
// on WASM and on the software WebGPU adapter from the same seeded masks and minibatches.
import { expect, test, type Page } from '@playwright/test';
import { typedResultOf } from './support/demo-result';

interface ModelJson {
  p: number;
  accWithCheat: number;
  accClean: number;
  trainLoss: number[];
  accCleanByEpoch: number[];
  cleanAnswers: number[];
}
interface ResultJson {
  models: ModelJson[];
  trainImages: number;
  epochs: number;
  testImages: number;
}

const demo = (page: Page) => page.locator('[data-demo="dropout-real"]');

const result = (page: Page) => typedResultOf<ResultJson>(page, 'dropout-real');

// One minibatch step per model, then the test pass: small enough for the software WebGPU adapter.
const TINY = 'p=0,0.5&train=64&epochs=1&seed=7';

test('a tiny run gives the same accuracies on wasm and webgpu', async ({ page }) => {
  const runs: ResultJson[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    await page.goto(`demos/dropout-real/?${TINY}&backend=${backend}&autorun=1`);
    const { r, backend: ran } = await result(page);
    expect(ran).toBe(backend);
    expect(r.models.map((m) => m.p)).toEqual([0, 0.5]);
    expect(r.trainImages).toBe(64);
    expect(r.epochs).toBe(1);
    for (const m of r.models) {
      expect(m.trainLoss).toHaveLength(1);
      // Cross-entropy of 10 classes near the start: about ln 10.
      expect(Math.abs(m.trainLoss[0]! - Math.log(10))).toBeLessThan(0.3);
      expect(m.accWithCheat).toBeGreaterThanOrEqual(0);
      expect(m.accClean).toBeLessThanOrEqual(1);
      expect(m.cleanAnswers).toHaveLength(10);
      expect(Math.abs(m.cleanAnswers.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-3);
    }
    runs.push(r);
  }
  const [wasm, webgpu] = runs;
  wasm!.models.forEach((m, i) => {
    const g = webgpu!.models[i]!;
    // The same masks and minibatches: only float rounding differs, which may flip a rare tie.
    expect(Math.abs(m.accWithCheat - g.accWithCheat)).toBeLessThanOrEqual(0.004);
    expect(Math.abs(m.accClean - g.accClean)).toBeLessThanOrEqual(0.004);
    expect(Math.abs(m.trainLoss[0]! - g.trainLoss[0]!)).toBeLessThan(1e-3);
    m.cleanAnswers.forEach((a, k) => expect(Math.abs(a - g.cleanAnswers[k]!)).toBeLessThanOrEqual(0.004));
  });
  await expect(demo(page).locator('[data-role="status"]')).toContainText('Computed in your browser on WebGPU');
  await expect(demo(page).locator('table[data-role="accuracies"] tbody tr')).toHaveCount(2);
});

test('a deep link reproduces the same numbers, and another seed changes them', async ({ page, context }) => {
  const url = `demos/dropout-real/?p=0.25&train=128&epochs=2&seed=11&backend=wasm&autorun=1`;
  await page.goto(url);
  const first = await result(page);
  const other = await context.newPage();
  await other.goto(url);
  const second = await result(other);
  expect(second.r).toEqual(first.r);
  await other.goto(url.replace('seed=11', 'seed=12'));
  const third = await result(other);
  expect(third.r.models[0]!.trainLoss).not.toEqual(first.r.models[0]!.trainLoss);
});

test('bad parameters show their messages and fall back to the defaults', async ({ page }) => {
  await page.goto('demos/dropout-real/?p=0,1.5&epochs=0&train=64&lr=abc&backend=wasm&autorun=1');
  const messages = demo(page).locator('[data-role="messages"]');
  await expect(messages).toContainText('p must be a comma-separated list of up to 4 numbers from 0 to 0.95 (got "0,1.5")');
  await expect(messages).toContainText('epochs must be an integer from 1 to 30 (got "0")');
  await expect(messages).toContainText('lr must be a number from 0.0001 to 0.5 (got "abc"');
  await expect(demo(page).locator('[data-param="p"]')).toHaveValue('0,0.75');
  const { r } = await result(page);
  expect(r.models.map((m) => m.p)).toEqual([0, 0.75]);
  expect(r.epochs).toBe(20);
  expect(r.trainImages).toBe(64);
});

test('asking for too much training names the cap and keeps the page usable', async ({ page }) => {
  await page.goto('demos/dropout-real/?p=0,0.25,0.5,0.75&epochs=30&train=4000');
  await expect(demo(page).locator('[data-role="messages"]')).toContainText('is more training than one run may ask for');
  await expect(demo(page).locator('[data-param="epochs"]')).toHaveValue('20');
  await expect(demo(page)).toHaveAttribute('data-state', 'idle');
});

test('without scripts the page shows the build-time result of the default state', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('demos/dropout-real/');
  const rows = demo(page).locator('table[data-role="accuracies"] tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('th')).toHaveText('p = 0');
  await expect(rows.nth(1).locator('th')).toHaveText('p = 0.75');
  const initial = JSON.parse((await demo(page).locator('script[data-demo-initial]').textContent())!) as { result: ResultJson };
  const clean = initial.result.models.map((m) => `${(100 * m.accClean).toFixed(1)} %`);
  await expect(demo(page).locator('td[data-role="clean"]')).toHaveText(clean);
  const zero = initial.result.models.map((m) => `${(100 * m.cleanAnswers[0]!).toFixed(1)} %`);
  await expect(demo(page).locator('td[data-role="answered-zero"]')).toHaveText(zero);
  const charts = demo(page).locator('figure.dreal-chart');
  await expect(charts).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(charts.nth(i).locator('svg').last()).toBeVisible();
  await context.close();
});
