// The pooling and conv-gradient demos in real Chromium, on WASM and on the software WebGPU
// adapter: results against independent computations, equal across backends, deep links, bad
// parameters and the embed pages. WebGPU sizes stay tiny (SwiftShader is slow).
import { expect, test } from '@playwright/test';
import { onBothBackends, statesOnOnePage, resultOf, type Result } from './support/demo-result';
import { poolReference } from '../unit/reference/pooling';



const DEFAULT_X = [
  [1, 5, 2, 0],
  [5, 3, 4, 6],
  [0, 2, 7, 1],
  [3, 1, 2, 2],
];
/** Entries 0..2 on a 5x6 grid: ties in most windows. */
const TIES = [
  [2, 0, 2, 1, 2, 2],
  [2, 1, 0, 2, 2, 0],
  [1, 2, 2, 0, 1, 2],
  [0, 2, 1, 2, 2, 1],
  [2, 2, 0, 1, 0, 2],
];
const fmt = (m: number[][]) => m.map((r) => r.join(',')).join(';');

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(numbers) : typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(numbers) : []);

function expectSameNumbers(a: Result, b: Result) {
  const x = numbers(a);
  const y = numbers(b);
  expect(y.length).toBe(x.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(v))));
}

interface Row {
  demo: string;
  query: string;
  check(result: Result): void;
}

const poolingRow = (query: string, x: number[][], kind: 'max' | 'avg', size: number, stride: number, dy?: number[][]): Row => ({
  demo: 'pooling',
  query,
  check(r) {
    const ref = poolReference(x, kind, size, stride, dy);
    if (kind === 'max') {
      expect(r['y']).toEqual(ref.y);
      expect(r['dx']).toEqual(ref.dx);
      expect(r['argmax']).toEqual(ref.argmax);
    } else {
      expectSameNumbers({ y: r['y'], dx: r['dx'] }, { y: ref.y, dx: ref.dx });
      expect(r['argmax']).toBeNull();
    }
  },
});

const rows: Row[] = [
  poolingRow('', DEFAULT_X, 'max', 2, 2),
  poolingRow(`x=${fmt(TIES)}&size=2&stride=1&dy=${fmt([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15], [16, 17, 18, 19, 20]])}`, TIES, 'max', 2, 1, [
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
    [11, 12, 13, 14, 15],
    [16, 17, 18, 19, 20],
  ]),
  poolingRow(`x=${fmt(TIES)}&size=3&stride=2`, TIES, 'max', 3, 2),
  poolingRow(`x=${fmt(TIES)}&size=2&stride=3&dy=2,-1;0.5,4`, TIES, 'max', 2, 3, [
    [2, -1],
    [0.5, 4],
  ]),
  poolingRow('kind=avg&size=3&stride=1&dy=1,2;3,4', DEFAULT_X, 'avg', 3, 1, [
    [1, 2],
    [3, 4],
  ]),
  {
    demo: 'conv-gradient',
    query: 'n=8,16&trials=20',
    check(r) {
      const sweep = r['sweep'] as { n: number; m: number; std: number; theory: number }[];
      expect(sweep.map((p) => [p.n, p.m, p.theory])).toEqual([
        [8, 6, 6],
        [16, 14, 14],
      ]);
      // 20 trials x 9 entries: within 30 % of (n − k + 1)σxσg.
      for (const p of sweep) expect(Math.abs(p.std / p.theory - 1)).toBeLessThan(0.3);
      const ex = r['example'] as { x: number[][]; dy: number[][]; dw: number[][]; w: number[][]; wNext: number[][] };
      const dw = [0, 1, 2].map((h) => [0, 1, 2].map((l) => ex.dy.reduce((s, row, i) => s + row.reduce((t, g, j) => t + g * ex.x[i + h]![j + l]!, 0), 0)));
      expect(ex.dw).toEqual(dw);
      ex.wNext.flat().forEach((v, i) => expect(v).toBeCloseTo(ex.w.flat()[i]! - 0.1 * dw.flat()[i]!, 5));
    },
  },
];

statesOnOnePage(rows, 'equal results on wasm and webgpu', async (page, row) => {
  const results = await onBothBackends(page, row.demo, row.query, row.check);
  expectSameNumbers(results[0]!, results[1]!);
});

test('pooling: the drawing has one window outline, one arrow and one tie marker where the input ties', async ({ page }) => {
  await page.goto('demos/pooling/?backend=wasm&autorun=1');
  await resultOf(page, 'pooling');
  const demo = page.locator('[data-demo="pooling"]');
  await expect(demo.locator('.pool-outline')).toHaveCount(4);
  await expect(demo.locator('.pool-arrow')).toHaveCount(4);
  // The top-left window's second 5 (row 2, column 1) is marked as a tie that gets nothing.
  await expect(demo.locator('[data-win="0,0"] .pool-tie')).toHaveCount(1);
  await expect(demo.locator('.pool-tie')).toHaveCount(1);
  // Keyboard: focusing a dy entry highlights its window and says where the gradient goes.
  const first = demo.locator('g.pool-win[tabindex="0"][data-win="0,0"]');
  await first.focus();
  await expect(demo.locator('[data-role="detail"]')).toContainText('dy(1,1) = 1 goes to dX(1,2)');
  await expect(demo.locator('[data-role="detail"]')).toContainText('tied with (2,1)');
  await expect(demo.locator('g.pool-win.is-active')).toHaveCount(2);
  await page.keyboard.press('Tab');
  await expect(demo.locator('[data-role="detail"]')).toContainText('dy(1,2) = 1 goes to dX(2,4)');
});

test('pooling: editing controls updates the address bar, and the copied link reproduces the result', async ({ page, context }) => {
  await page.goto('demos/pooling/?backend=wasm');
  const demo = page.locator('[data-demo="pooling"]');
  await demo.locator('[data-param="kind"]').selectOption('avg');
  await demo.locator('[data-param="size"]').fill('3');
  await demo.locator('[data-param="stride"]').fill('1');
  await demo.locator('[data-param="stride"]').press('Tab');
  await expect(page).toHaveURL(/kind=avg/);
  await expect(page).toHaveURL(/size=3/);
  await expect(page).toHaveURL(/stride=1/);
  const first = await resultOf(page, 'pooling');
  const ref = poolReference(DEFAULT_X, 'avg', 3, 1);
  expectSameNumbers({ y: first.result['y'], dx: first.result['dx'] }, { y: ref.y, dx: ref.dx });

  const link = await demo.locator('[data-role="link"]').inputValue();
  expect(link).toContain('autorun=1');
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  const second = await resultOf(other, 'pooling');
  expect(second.result).toEqual(first.result);
});

test('conv-gradient: a deep link reproduces the same numbers', async ({ page, context }) => {
  const query = 'n=8,12&trials=10&k=2&dist=uniform&sx=2&seed=5&backend=wasm&autorun=1';
  await page.goto(`demos/conv-gradient/?${query}`);
  const first = await resultOf(page, 'conv-gradient');
  const link = await page.locator('[data-demo="conv-gradient"] [data-role="link"]').inputValue();
  for (const p of ['n=8,12', 'trials=10', 'k=2', 'dist=uniform', 'sx=2', 'seed=5']) expect(link).toContain(p);
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin).replace('autorun=1', 'autorun=1&backend=wasm'));
  const second = await resultOf(other, 'conv-gradient');
  expect(second.result).toEqual(first.result);
  await expect(page.locator('[data-demo="conv-gradient"] table[data-role="sweep"] tbody tr')).toHaveCount(2);
  await expect(page.locator('[data-demo="conv-gradient"] svg').first()).toBeVisible();
});

test('pooling: bad parameters show their messages and the demo runs on the defaults', async ({ page }) => {
  await page.goto('embed/pooling/?size=0&x=1,2;3&backend=wasm');
  const demo = page.locator('[data-demo="pooling"]');
  const messages = demo.locator('[data-role="messages"]');
  await expect(messages).toBeVisible();
  await expect(messages).toContainText('size must be an integer from 1 to 8 (got "0"); using 2.');
  await expect(messages).toContainText('x must be a matrix');
  await expect(messages).toContainText('rows differ in length');
  const { result } = await resultOf(page, 'pooling');
  expect(result['dx']).toEqual(poolReference(DEFAULT_X, 'max', 2, 2).dx);

  await page.goto('demos/pooling/?dy=1,2,3&autorun=1&backend=wasm');
  await expect(page.locator('[data-demo="pooling"] [data-role="messages"]')).toContainText('dy must be 2x2 like y, or left out for all ones (got 1x3)');
  const ones = await resultOf(page, 'pooling');
  expect(ones.result['dx']).toEqual(poolReference(DEFAULT_X, 'max', 2, 2).dx);
});

test('conv-gradient: bad parameters show their messages and fall back', async ({ page }) => {
  await page.goto('demos/conv-gradient/?n=8,16&trials=20&k=0&dist=cauchy&backend=wasm&autorun=1');
  const messages = page.locator('[data-demo="conv-gradient"] [data-role="messages"]');
  await expect(messages).toContainText('k must be an integer from 1 to 7 (got "0"); using 3.');
  await expect(messages).toContainText('dist must be one of "gaussian", "uniform"');
  const { result } = await resultOf(page, 'conv-gradient');
  expect((result['sweep'] as { theory: number }[]).map((p) => p.theory)).toEqual([6, 14]);
});

test('at 390 px the pooling drawings fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('demos/pooling/?size=2&stride=1&backend=wasm&autorun=1');
  await resultOf(page, 'pooling');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const svg of await page.locator('[data-demo="pooling"] svg.pool-svg').all()) {
    const box = await svg.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
  }
});

test('the write-up shows build-time numbers, and running the demo gives the same', async ({ page }) => {
  // No backend in the address: a solution page keeps its build-time result only for the exact
  // state it was built for. Run then uses `auto` (WebGPU here), on a 4x4 input.
  await page.goto('eecs182-sp23/hw4/3-cnn-gradients-pooling/');
  const pooling = page.locator('[data-demo="pooling"]').first();
  await expect(pooling).toHaveAttribute('data-state', 'idle');
  const staticText = await pooling.locator('[data-role="detail"]').textContent();
  expect(staticText).toContain('goes to dX(1,2)');
  await pooling.locator('[data-action="run"]').click();
  const { result } = await resultOf(page, 'pooling');
  expect(result['dx']).toEqual(
    poolReference(DEFAULT_X, 'max', 2, 2, [
      [1, 2],
      [3, 4],
    ]).dx,
  );
  await expect(page.locator('.katex-error')).toHaveCount(0);
  // Every part links to its demo state.
  for (const href of ['demos/pooling/?dy=1,2;3,4', 'demos/conv-gradient/?dist=uniform', 'demos/pooling/?kind=avg']) {
    await expect(page.locator(`a.demo-link[href*="${href}"]`).first()).toBeAttached();
  }
});
