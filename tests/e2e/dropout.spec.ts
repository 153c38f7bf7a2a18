// The dropout lab in real Chromium: training graphs run on WASM and on the software WebGPU
// adapter from the same seeded masks, so the two must agree to float32 rounding.
import { expect, test, type Page } from '@playwright/test';
import { typedResultOf } from './support/demo-result';

interface DropoutJson {
  w: number[];
  closedForm: number[];
  loss: number[];
  sweep?: { p: number; w: number[] }[];
}

const result = (page: Page) => typedResultOf<DropoutJson>(page, 'dropout');

// Small enough for the software WebGPU adapter (about 2 ms a node).
const SMALL = 'batch=8&steps=200&sweep=0.2';

test('dropout trains to the same weights on wasm and webgpu', async ({ page }) => {
  const runs: DropoutJson[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    await page.goto(`demos/dropout/?${SMALL}&backend=${backend}&autorun=1`);
    const { r, backend: ran } = await result(page);
    expect(ran).toBe(backend);
    expect(r.loss).toHaveLength(200);
    expect(r.sweep!.map((s) => s.p)).toEqual([0.2]);
    runs.push(r);
  }
  const [wasm, webgpu] = runs;
  wasm!.w.forEach((v, j) => expect(Math.abs(v - webgpu!.w[j]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(v))));
  wasm!.sweep![0]!.w.forEach((v, j) => expect(Math.abs(v - webgpu!.sweep![0]!.w[j]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(v))));
  // The closed form is the same code on both sides: exactly equal.
  expect(webgpu!.closedForm).toEqual(wasm!.closedForm);
  expect(wasm!.closedForm[0]).toBeCloseTo(11 / 30, 10);
});

test('the default run heads for the closed form and shows progress and the backend', async ({ page }) => {
  await page.goto('demos/dropout/?backend=wasm&autorun=1&batch=256&steps=3000&lr=0.002');
  const { r } = await result(page);
  expect(Math.abs(r.w[0]! / (11 / 30) - 1)).toBeLessThan(0.1);
  expect(Math.abs(r.w[1]! / (11 / 3) - 1)).toBeLessThan(0.1);
  await expect(page.locator('[data-demo="dropout"] [data-role="status"]')).toContainText('Computed in your browser on WASM');
  await expect(page.locator('[data-demo="dropout"] .dropout-weights')).toContainText('0.366667');
});

test('a deep link reproduces the same weights', async ({ page, context }) => {
  const url = `demos/dropout/?p=0.3&batch=16&steps=400&seed=11&backend=wasm&autorun=1`;
  await page.goto(url);
  const first = await result(page);
  const other = await context.newPage();
  await other.goto(url);
  const second = await result(other);
  expect(second.r.w).toEqual(first.r.w);
  await other.goto(url.replace('seed=11', 'seed=12'));
  const third = await result(other);
  expect(third.r.w).not.toEqual(first.r.w);
});

test('bad parameters show their messages and the defaults', async ({ page }) => {
  await page.goto('demos/dropout/?p=1.5&batch=0&x=a,b&backend=wasm&autorun=1');
  const messages = page.locator('[data-demo="dropout"] [data-role="messages"]');
  await expect(messages).toContainText('p must be a number from 0 to 0.95 (got "1.5")');
  await expect(messages).toContainText('batch must be an integer from 1 to 4096 (got "0")');
  await expect(messages).toContainText('x must be a matrix');
  const { r } = await result(page);
  // 1000 steps, drawn as 500 means of two steps each.
  expect(r.loss).toHaveLength(500);
  await expect(page.locator('[data-demo="dropout"] [data-param="p"]')).toHaveValue('0.5');
});
