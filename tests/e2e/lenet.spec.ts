// The lenet demo in real Chromium: LeNet-5 trained on the 28×28 digits the page fetches, on WASM
// and on the software WebGPU adapter, from the same seeded weights, minibatches, crops, flips and
// dropout masks.
import { expect, test, type Page } from '@playwright/test';
import { typedResultOf } from './support/demo-result';
import type { LenetResult } from '../../src/lib/demos/lenet/lenet-logic';

const demo = (page: Page) => page.locator('[data-demo="lenet"]');

const result = (page: Page) => typedResultOf<LenetResult>(page, 'lenet');

// Two epochs of one minibatch each, with every option that changes the graph or the inputs on,
// and the evaluation of 64 + 500 digits: small enough for the software adapter.
const TINY = 'train=64&epochs=2&bn=1&act=swish&dropout=0.5&aug=crop,flip&l1=0.0001&wd=0.0005&lr=0.05&seed=3';

test('a tiny run with every option on gives the same numbers on wasm and webgpu', async ({ page }) => {
  const runs: LenetResult[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    await page.goto(`demos/lenet/?${TINY}&backend=${backend}&autorun=1`);
    const { r, backend: ran } = await result(page);
    expect(ran).toBe(backend);
    expect([r.trainImages, r.batch, r.stepsPerEpoch, r.valImages, r.parameters]).toEqual([64, 64, 1, 500, 62_158]);
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(Math.abs(r.initialLoss - Math.log(10))).toBeLessThan(0.1);
    expect(r.diverged).toBe(false);
    runs.push(r);
  }
  const [wasm, webgpu] = runs;
  expect(Math.abs(wasm!.initialLoss - webgpu!.initialLoss)).toBeLessThan(1e-4);
  expect(Math.abs(wasm!.firstBatchLoss - webgpu!.firstBatchLoss)).toBeLessThan(1e-3);
  wasm!.history.forEach((h, i) => {
    const g = webgpu!.history[i]!;
    expect(Math.abs(h.trainLoss - g.trainLoss)).toBeLessThan(1e-3);
    expect(Math.abs(h.valLoss - g.valLoss)).toBeLessThan(1e-3);
    // The same weights, digits and masks: only float rounding differs, which may flip a rare near-tie.
    expect(Math.abs(h.trainAcc - g.trainAcc)).toBeLessThanOrEqual(1 / 64 + 1e-9);
    expect(Math.abs(h.valAcc - g.valAcc)).toBeLessThanOrEqual(0.004);
  });
  expect(webgpu!.weights.count).toBe(wasm!.weights.count);
  expect(Math.abs(webgpu!.weights.nearZero - wasm!.weights.nearZero)).toBeLessThan(1e-3);
  await expect(demo(page).locator('[data-role="status"]')).toContainText('Computed in your browser on WebGPU');
  await expect(demo(page).locator('[data-role="val-acc"]')).toHaveText(`${(100 * webgpu!.final.valAcc).toFixed(1)}\u00a0%`);
  await expect(demo(page).locator('figure.lenet-chart')).toHaveCount(3);
});

test('a deep link reproduces the same numbers, and another seed changes them', async ({ page, context }) => {
  const url = 'demos/lenet/?train=128&epochs=2&aug=crop&seed=11&backend=wasm&autorun=1';
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

test('lr=abc, aug=rotate and epochs=-1 show their messages and run with the defaults', async ({ page }) => {
  await page.goto('demos/lenet/?lr=abc&aug=rotate&epochs=-1&train=64&backend=wasm&autorun=1');
  const messages = demo(page).locator('[data-role="messages"]');
  await expect(messages).toContainText('lr must be a number from 0.00001 to 100 (got "abc": not a number); using 0.01.');
  await expect(messages).toContainText('aug must be one of "none", "crop", "flip", "crop,flip" (got "rotate"); using none.');
  await expect(messages).toContainText('epochs must be an integer from 1 to 100 (got "-1"); using 10.');
  await expect(demo(page).locator('[data-param="lr"]')).toHaveValue('0.01');
  await expect(demo(page).locator('[data-param="aug"]')).toHaveValue('none');
  await expect(demo(page).locator('[data-param="epochs"]')).toHaveValue('10');
  const { r } = await result(page);
  expect(r.history).toHaveLength(10);
  expect(r.trainImages).toBe(64);
});

test('a run that diverges says so and keeps the epochs before it', async ({ page }) => {
  await page.goto('demos/lenet/?train=256&epochs=10&lr=30&act=swish&backend=wasm&autorun=1');
  const { r } = await result(page);
  expect(r.diverged).toBe(true);
  expect(r.divergedEpoch).toBe(2);
  expect(r.history).toHaveLength(1);
  await expect(demo(page).locator('[data-role="diverged"]')).toBeVisible();
  await expect(demo(page).locator('[data-role="diverged"]')).toContainText('in epoch 2 the loss became NaN or infinite');
  await expect(demo(page).locator('[data-role="status"]')).toContainText('Computed in your browser');
});

test('the curves are drawn while training goes on', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __epochs: string[] }).__epochs = []);
    new MutationObserver(() => {
      const cell = [...document.querySelectorAll('[data-demo="lenet"] table[data-role="summary"] tr')].find((tr) => tr.querySelector('th')?.textContent === 'epochs')?.querySelector('td');
      if (cell?.textContent && seen.at(-1) !== cell.textContent) seen.push(cell.textContent);
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto('demos/lenet/?train=64&epochs=12&backend=wasm&autorun=1');
  const { r } = await result(page);
  const seen = await page.evaluate(() => (window as unknown as { __epochs: string[] }).__epochs);
  expect(seen.some((t) => /^\d+ of 12 so far$/.test(t)), seen.join(' | ')).toBe(true);
  expect(seen.at(-1)).toBe('12');
  expect(r.history).toHaveLength(12);
});

test('at 390 px the demo page fits: no sideways scrolling, charts drawn for the width, controls usable', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto('demos/lenet/');
  const root = demo(page);
  await root.scrollIntoViewIfNeeded();
  // The page carries a drawing for narrow columns (build-views.ts); whichever shows must fit.
  await expect.poll(async () => Number(await root.locator('figure.lenet-chart svg:visible').first().getAttribute('width')), { timeout: 30_000 }).toBeLessThan(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await root.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  const fits = async (names: string[]) => {
    for (const name of names) {
      const control = root.locator(`[data-param="${name}"]`);
      await expect(control).toBeVisible();
      const b = await control.boundingBox();
      expect(b!.x + b!.width, name).toBeLessThanOrEqual(390);
    }
  };
  await fits(['bn', 'act', 'aug', 'lr', 'dropout', 'epochs']);
  // The settings most links leave alone are behind "More", closed in the default state.
  await expect(root.locator('[data-param="train"]')).toBeHidden();
  await root.locator('details[data-role="more"] summary').click();
  await fits(['init', 'wd', 'l1', 'train']);
  await context.close();
});

test('a link that sets one of the settings behind "More" opens it', async ({ page }) => {
  await page.goto('demos/lenet/?l1=0.001&train=64&epochs=1&backend=wasm');
  await expect(demo(page).locator('details[data-role="more"]')).toHaveAttribute('open', '');
  await expect(demo(page).locator('[data-param="l1"]')).toHaveValue('0.001');
});

test('the controls work from the keyboard: a changed select updates the address and runs', async ({ page }) => {
  await page.goto('demos/lenet/?train=64&epochs=1&backend=wasm');
  const bn = demo(page).locator('[data-param="bn"]');
  await bn.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/bn=1/);
  const { r } = await result(page);
  expect(r.parameters).toBe(62_158);
});

test('without scripts the page shows the build-time result of the default state', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('demos/lenet/');
  const initial = JSON.parse((await demo(page).locator('script[data-demo-initial]').textContent())!) as { result: LenetResult };
  const r = initial.result;
  expect(r.history).toHaveLength(10);
  await expect(demo(page).locator('[data-role="val-acc"]:visible')).toHaveText(`${(100 * r.final.valAcc).toFixed(1)}\u00a0%`);
  await expect(demo(page).locator('[data-role="initial-loss"]:visible')).toContainText(r.initialLoss.toFixed(3));
  await expect(demo(page).locator('figure.lenet-chart:visible')).toHaveCount(3);
  await context.close();
});
