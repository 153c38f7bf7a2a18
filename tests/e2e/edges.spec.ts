// The edges demo in real Chromium: a tiny CNN and an MLP trained on seeded edge images, on WASM
// and on the software WebGPU adapter from the same initial weights and minibatches.
import { expect, test, type Page } from '@playwright/test';
import type { EdgesResult } from '../../src/lib/demos/edges/edges-logic';
import { onBothBackends, resultOf, type Result } from './support/demo-result';

// The result as the demo publishes it (the logic's own type; JSON keeps its shape).
type ResultJson = EdgesResult;

const demo = (page: Page) => page.locator('[data-demo="edges"]');
const asResult = (r: Result) => r as unknown as ResultJson;

// Six training images, two steps an epoch, two epochs, 3×3 kernels: small enough for SwiftShader.
const TINY = 'per_class=2&val_per_class=2&epochs=2&batch=2&kernel=3';

function checkStructure(r: ResultJson, o: { models: string[]; perClass: number; valPerClass: number; epochs: number; kernel: number }): void {
  expect(r.models.map((m) => m.name)).toEqual(o.models);
  expect(r.classes).toEqual(['horizontal', 'vertical', 'none']);
  expect(r.epochs).toBe(o.epochs);
  expect(r.trainImages).toBe(3 * o.perClass);
  expect(r.valImages).toBe(3 * o.valPerClass);
  expect(r.evalEpochs.at(-1)).toBe(o.epochs);
  for (const m of r.models) {
    expect(m.loss).toHaveLength(o.epochs);
    for (const h of [m.valLoss, m.valAccHistory, m.trainAccHistory]) expect(h).toHaveLength(r.evalEpochs.length);
    expect(m.confusion).toHaveLength(3);
    // Every validation image of a true class is predicted as exactly one class.
    for (const row of m.confusion) expect(row.reduce((a, b) => a + b, 0)).toBe(o.valPerClass);
    expect(m.valAcc).toBeCloseTo(m.confusion.reduce((s, row, i) => s + row[i]!, 0) / r.valImages, 4);
    if (m.name === 'mlp') expect(m.filters).toBeUndefined();
    else {
      expect(m.filters).toHaveLength(3);
      // cnn-frozen's first layer is always the 2×2 detectors.
      const k = m.name === 'cnn-frozen' ? 2 : o.kernel;
      expect(m.filters![0]).toHaveLength(k);
      expect(m.initialFilters![0]![0]).toHaveLength(k);
    }
  }
  for (const set of [r.samples, r.valSamples]) {
    for (const c of r.classes) expect(set.filter((s) => s.label === c).length).toBeGreaterThanOrEqual(2);
    for (const s of set) {
      expect(s.image).toHaveLength(28);
      for (const row of s.image) expect(row).toHaveLength(28);
    }
  }
}

test('a tiny run gives the same numbers on wasm and webgpu', async ({ page }) => {
  test.setTimeout(240_000);
  const [wasm, webgpu] = (await onBothBackends(page, 'edges', TINY, (r) => checkStructure(asResult(r), { models: ['cnn', 'mlp'], perClass: 2, valPerClass: 2, epochs: 2, kernel: 3 }))).map(asResult);
  wasm!.models.forEach((m, i) => {
    const g = webgpu!.models[i]!;
    const pairs: [number[], number[]][] = [
      [m.loss, g.loss],
      [m.valLoss, g.valLoss],
      [m.filters?.flat(2) ?? [], g.filters?.flat(2) ?? []],
    ];
    for (const [a, b] of pairs) {
      expect(b).toHaveLength(a.length);
      a.forEach((v, j) => expect(Math.abs(v - b[j]!), `${m.name}: entry ${j}`).toBeLessThanOrEqual(1e-3));
    }
  });
  await expect(demo(page).locator('[data-role="status"]')).toContainText('Computed in your browser on WebGPU');
  await expect(demo(page).locator('table[data-role="accuracies"] tbody tr')).toHaveCount(2);
  await expect(demo(page).locator('table[data-role="confusion"]')).toHaveCount(2);
});

test('a deep link reproduces the same numbers, and another seed changes them', async ({ page, context }) => {
  const url = `demos/edges/?${TINY}&models=cnn,cnn-frozen&seed=11&backend=wasm&autorun=1`;
  await page.goto(url);
  const first = asResult((await resultOf(page, 'edges')).result);
  checkStructure(first, { models: ['cnn', 'cnn-frozen'], perClass: 2, valPerClass: 2, epochs: 2, kernel: 3 });
  // The frozen first layer is the two edge detectors and a zero filter, before and after.
  const frozen = first.models[1]!;
  expect(frozen.filters).toEqual([[[1, 1], [-1, -1]], [[1, -1], [1, -1]], [[0, 0], [0, 0]]]);
  expect(frozen.initialFilters).toEqual(frozen.filters);
  const other = await context.newPage();
  await other.goto(url);
  expect((await resultOf(other, 'edges')).result).toEqual(first);
  await other.goto(url.replace('seed=11', 'seed=12'));
  const third = asResult((await resultOf(other, 'edges')).result);
  expect(third.models[0]!.loss).not.toEqual(first.models[0]!.loss);
  expect(third.samples[0]!.image).not.toEqual(first.samples[0]!.image);
});

test('a sweep adds validation accuracy per training-set size and its chart', async ({ page }) => {
  await page.goto(`demos/edges/?${TINY}&sweep=1,3&backend=wasm&autorun=1`);
  const r = (await resultOf(page, 'edges')).result as { sweep: { perClass: number; trainImages: number; models: { name: string }[] }[] };
  expect(r.sweep.map((s) => s.perClass)).toEqual([1, 2, 3]);
  expect(r.sweep.map((s) => s.trainImages)).toEqual([3, 6, 9]);
  for (const s of r.sweep) expect(s.models.map((m) => m.name)).toEqual(['cnn', 'mlp']);
  await expect(demo(page).locator('figure.edges-chart')).toHaveCount(3);
});

test('bad parameters show their messages and the demo runs on the defaults', async ({ page }) => {
  await page.goto('demos/edges/?per_class=0&models=resnet&epochs=2&backend=wasm&autorun=1');
  const messages = demo(page).locator('[data-role="messages"]');
  await expect(messages).toContainText('per_class must be an integer from 1 to 500 (got "0")');
  await expect(messages).toContainText('models must be a comma-separated list of "cnn", "cnn-avg", "mlp", "cnn-frozen" (got "resnet")');
  await expect(demo(page).locator('[data-param="models"]')).toHaveValue('cnn,mlp');
  await expect(demo(page).locator('input[data-model-box][value="cnn"]')).toBeChecked();
  await expect(demo(page).locator('input[data-model-box][value="cnn-avg"]')).not.toBeChecked();
  const r = asResult((await resultOf(page, 'edges')).result);
  checkStructure(r, { models: ['cnn', 'mlp'], perClass: 20, valPerClass: 50, epochs: 2, kernel: 7 });
  // A link that sets a folded setting opens the fold, so what the link changed is in sight.
  await expect(demo(page).locator('details[data-role="more"]')).not.toHaveAttribute('open');
  await page.goto('demos/edges/?lr=2&epochs=2&backend=wasm');
  await expect(messages).toContainText('lr must be a number from 0.00001 to 1 (got "2")');
  await expect(demo(page).locator('details[data-role="more"]')).toHaveAttribute('open', '');
});

test('the controls are reachable and operable by keyboard', async ({ page }) => {
  await page.goto(`demos/edges/?${TINY}&backend=wasm`);
  await demo(page).locator('[data-action="run"]').focus();
  const more = demo(page).locator('details[data-role="more"]');
  const reached = new Set<string>();
  for (let i = 0; i < 32; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.closest('[data-demo="edges"]')) return null;
      if (el.matches('details[data-role="more"] > summary')) return 'more';
      return el.dataset['param'] ?? (el.hasAttribute('data-model-box') ? `model:${(el as HTMLInputElement).value}` : el.tagName.toLowerCase());
    });
    if (name) reached.add(name);
    // The less used settings fold away; Enter on their summary opens them (this link sets some, so they may be open already).
    if (name === 'more' && !(await more.evaluate((d) => (d as HTMLDetailsElement).open))) await page.keyboard.press('Enter');
  }
  for (const p of ['backend', 'model:cnn', 'model:cnn-avg', 'model:mlp', 'model:cnn-frozen', 'classes', 'shift', 'permute', 'per_class', 'val_per_class', 'epochs', 'batch', 'kernel', 'lr', 'frozen_lr', 'wd', 'sweep']) {
    expect([...reached].join(" "), `Tab reaches ${p}`).toMatch(new RegExp(`(^| )${p}( |$)`));
  }
  // Space ticks cnn-avg: the address bar gets the new list and the run trains three models.
  await demo(page).locator('input[data-model-box][value="cnn-avg"]').focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/models=cnn(,|%2C)mlp(,|%2C)cnn-avg/);
  const r = asResult((await resultOf(page, 'edges')).result);
  expect(r.models.map((m) => m.name)).toEqual(['cnn', 'mlp', 'cnn-avg']);
  // A select changes by keyboard too.
  await demo(page).locator('[data-param="classes"]').focus();
  await demo(page).locator('[data-param="classes"]').selectOption('5');
  await expect(page).toHaveURL(/classes=5/);
  await expect.poll(async () => asResult((await resultOf(page, 'edges')).result).classes).toHaveLength(5);
});

test('no horizontal overflow at 390 px, with five classes and every model', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`demos/edges/?${TINY}&classes=5&models=cnn,cnn-avg,mlp,cnn-frozen&sweep=1&backend=wasm&autorun=1`);
  await resultOf(page, 'edges');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await demo(page).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  // Nothing inside the view needs a sideways scroll either.
  const inner = await demo(page).locator('[data-role="view"]').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(inner).toBeLessThanOrEqual(0);
});

test('without scripts the page shows the build-time result of the default state', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('demos/edges/');
  await expect(demo(page).locator('table[data-role="accuracies"] tbody tr')).toHaveCount(2);
  const initial = JSON.parse((await demo(page).locator('script[data-demo-initial]').textContent())!) as { result: ResultJson };
  const val = initial.result.models.map((m) => `${(100 * m.valAcc).toFixed(1)}\u00a0%`);
  await expect(demo(page).locator('td[data-role="val-acc"]')).toHaveText(val);
  await expect(demo(page).locator('figure.edges-chart svg').first()).toBeVisible();
  await expect(demo(page).locator('svg.edges-img')).toHaveCount(12);
  await expect(demo(page).locator('img.edges-filter')).toHaveCount(6 + 2);
  await context.close();
});
