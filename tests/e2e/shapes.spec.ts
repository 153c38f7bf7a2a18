// The shapes and receptive-field demos in real Chromium: WASM and the software WebGPU adapter,
// deep links, bad parameters and embed pages, checked against independent computations.
import { expect, test } from '@playwright/test';
import { onBothBackends, statesOnOnePage, resultOf, type Result } from './support/demo-result';
import { bruteForceDependence } from '../unit/reference/receptive-field';



/** HW3 Problem 3(e), counted by hand. */
const HOMEWORK_ROWS = [
  { layer: 'input', params: 0, shape: [28, 28, 1], rf: 1 },
  { layer: 'conv3-10', params: 3 * 3 * 1 * 10 + 10, shape: [28, 28, 10], rf: 3 },
  { layer: 'pool2', params: 0, shape: [14, 14, 10], rf: 4 },
  { layer: 'conv3-10', params: 3 * 3 * 10 * 10 + 10, shape: [14, 14, 10], rf: 8 },
  { layer: 'pool2', params: 0, shape: [7, 7, 10], rf: 10 },
  { layer: 'flatten', params: 0, shape: [490], rf: 'whole input' },
  { layer: 'fc-3', params: 490 * 3 + 3, shape: [3], rf: 'whole input' },
];

/** What the brute-force index walk says a VGG16 neuron depends on. */
function expectedField(layer: 'y1' | 'y2' | 'y3', k: number, i: number, j: number) {
  const dep = bruteForceDependence(layer, k, i, j);
  const keys = [...dep.pixels.keys()].map((key) => key.split(',').map(Number) as [number, number]);
  const rows = keys.map(([m]) => m);
  const cols = keys.map(([, n]) => n);
  return { channels: dep.channels, rows: [Math.min(...rows), Math.max(...rows)], cols: [Math.min(...cols), Math.max(...cols)] };
}

interface Row {
  demo: 'shapes' | 'receptive-field';
  query: string;
  check(result: Result): void;
}

const rows: Row[] = [
  { demo: 'shapes', query: '', check: (r) => expect(r['rows']).toMatchObject(HOMEWORK_ROWS) },
  {
    demo: 'shapes',
    query: 'input=8,8,1&layers=conv2-3/p1c,relu,conv2-3/p1c,relu,gap,fc-3',
    check: (r) =>
      expect((r['rows'] as { shape: number[] }[]).map((x) => x.shape)).toEqual([[8, 8, 1], [9, 9, 3], [9, 9, 3], [10, 10, 3], [10, 10, 3], [1, 1, 3], [3]]),
  },
  {
    demo: 'shapes',
    query: 'input=12,10,2&layers=conv5-4/s2/p0,pool2/s1,conv3-6/s2,flatten,fc-2',
    check: (r) =>
      expect(r['rows']).toMatchObject([
        { shape: [12, 10, 2] },
        // ⌊(12 − 5)/2⌋ + 1 = 4, ⌊(10 − 5)/2⌋ + 1 = 3; 5·5·2·4 + 4 = 204
        { shape: [4, 3, 4], params: 204, rf: 5 },
        { shape: [3, 2, 4], rf: 7 },
        // ⌊(3 + 2 − 3)/2⌋ + 1 = 2, ⌊(2 + 2 − 3)/2⌋ + 1 = 1; 3·3·4·6 + 6 = 222; rf 7 + 2·2 (the pool kept the jump at 2)
        { shape: [2, 1, 6], params: 222, rf: 11 },
        { shape: [12] },
        { shape: [2], params: 12 * 2 + 2 },
      ]),
  },
  {
    demo: 'shapes',
    query: 'input=12,12,8&layers=dw3,conv1-16',
    check: (r) =>
      expect(r['rows']).toMatchObject([
        { shape: [12, 12, 8] },
        // Depthwise: one 3×3 filter and bias per channel; 144 pixels · 8 channels · 9 taps.
        { layer: 'dw3', shape: [12, 12, 8], params: 9 * 8 + 8, macs: 144 * 8 * 9 },
        { layer: 'conv1-16', shape: [12, 12, 16], params: 8 * 16 + 16, macs: 144 * 8 * 16 },
      ]),
  },
  { demo: 'receptive-field', query: '', check: (r) => expect(r).toMatchObject(expectedField('y3', 0, 10, 20)) },
  { demo: 'receptive-field', query: 'layer=y1&k=63&i=223&j=5', check: (r) => expect(r).toMatchObject(expectedField('y1', 63, 223, 5)) },
  { demo: 'receptive-field', query: 'layer=y2&i=0&j=111', check: (r) => expect(r).toMatchObject(expectedField('y2', 0, 0, 111)) },
];

statesOnOnePage(rows, 'equal results on wasm and webgpu', async (page, row) => {
  const results = await onBothBackends(page, row.demo, row.query, row.check);
  // Shapes, counts and path counts are integers: the two backends must agree exactly.
  expect(results[1]).toEqual(results[0]);
});

test('the shapes table on screen shows the homework\'s computations and the model\'s shapes', async ({ page }) => {
  await page.goto('demos/shapes/?backend=wasm&autorun=1');
  await resultOf(page, 'shapes');
  const cells = page.locator('[data-demo="shapes"] table.shapes-table tbody tr');
  await expect(cells).toHaveCount(7);
  await expect(cells.nth(1)).toContainText('3×3×1×10 + 10 = 100');
  await expect(cells.nth(1)).toContainText('28 × 28 × 10');
  await expect(cells.nth(6)).toContainText('490×3 + 3 = 1\u202f473');
  await expect(page.locator('[data-demo="shapes"] [data-role="status"]')).toContainText(/Computed in your browser on WASM/);
});

test('editing the layers updates the address bar, and that address reproduces the result', async ({ page, context }) => {
  await page.goto('demos/shapes/?backend=wasm');
  const demo = page.locator('[data-demo="shapes"]');
  await demo.locator('[data-param="input"]').fill('32,32,3');
  await demo.locator('[data-param="layers"]').fill('conv5-16/s2/p0, pool2, conv3-32/s2, gap, fc-10');
  await demo.locator('[data-param="layers"]').press('Tab');
  await expect(page).toHaveURL(/input=32,32,3/);
  await expect(page).toHaveURL(/layers=conv5-16%2Fs2%2Fp0,pool2,conv3-32%2Fs2,gap,fc-10/);
  const first = await resultOf(page, 'shapes');
  expect((first.result['rows'] as { shape: number[] }[]).map((r) => r.shape)).toEqual([[32, 32, 3], [14, 14, 16], [7, 7, 16], [4, 4, 32], [1, 1, 32], [10]]);

  const link = await demo.locator('[data-role="link"]').inputValue();
  expect(link).toContain('autorun=1');
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  const second = await resultOf(other, 'shapes');
  expect(second.result).toEqual(first.result);
});

test('a receptive-field deep link reproduces its neuron, and clicking the input picks another', async ({ page }) => {
  await page.goto('demos/receptive-field/?layer=y2&k=5&i=3&j=100&backend=wasm&autorun=1');
  const demo = page.locator('[data-demo="receptive-field"]');
  const { result } = await resultOf(page, 'receptive-field');
  expect(result).toMatchObject(expectedField('y2', 5, 3, 100));
  await expect(demo.locator('[data-param="layer"]')).toHaveValue('y2');
  await expect(demo.locator('[data-param="i"]')).toHaveValue('3');
  await expect(demo.locator('.rf-statement')).toContainText('y2[5, 3, 100] depends on X[c, m, n] for c ∈ {0, 1, 2}, rows m = 4…9 and columns n = 198…203');

  // A click near the bottom-right corner of the 224-pixel picture picks y2's last neuron (111, 111).
  const picture = demo.locator('svg[data-role="overview"]');
  await picture.scrollIntoViewIfNeeded();
  const box = (await picture.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height - 2);
  await expect(page).toHaveURL(/i=111/);
  await expect(page).toHaveURL(/j=111/);
  const after = await resultOf(page, 'receptive-field');
  expect(after.result).toMatchObject(expectedField('y2', 5, 111, 111));
});

test('switching layers keeps the neuron over the same place of the image', async ({ page }) => {
  await page.goto('demos/receptive-field/?layer=y1&k=100&i=200&j=41&backend=wasm');
  const demo = page.locator('[data-demo="receptive-field"]');
  await expect(demo.locator('[data-role="messages"]')).toContainText('k = 100 is outside y1');
  await demo.locator('[data-param="k"]').fill('63');
  await demo.locator('[data-param="layer"]').selectOption('y3');
  // y3 is the default layer, so the address leaves it out.
  await expect(page).toHaveURL(/\?k=63&i=50&j=10&/);
  await expect(demo.locator('[data-param="layer"]')).toHaveValue('y3');
  await expect(demo.locator('[data-role="messages"]')).toBeHidden();
  expect((await resultOf(page, 'receptive-field')).result).toMatchObject(expectedField('y3', 63, 50, 10));
});

test('bad parameters show their messages and the defaults are used', async ({ page }) => {
  await page.goto('demos/shapes/?layers=conv3-&backend=wasm&autorun=1');
  const shapes = page.locator('[data-demo="shapes"] [data-role="messages"]');
  await expect(shapes).toBeVisible();
  await expect(shapes).toContainText('layers must be a comma-separated list of 1 to 20 layers, each one of convK-F[/sS][/pP[c]], poolK[/sS], relu, gap, flatten, fc-N');
  await expect(shapes).toContainText('layer 1 "conv3-"');
  expect((await resultOf(page, 'shapes')).result['rows']).toMatchObject(HOMEWORK_ROWS);

  await page.goto('demos/shapes/?input=2,2,1&layers=pool2,pool2&backend=wasm&autorun=1');
  await expect(page.locator('[data-demo="shapes"] [data-role="messages"]')).toContainText('layer 2 "pool2" makes the height 0');
  expect((await resultOf(page, 'shapes')).result['rows']).toMatchObject(HOMEWORK_ROWS);

  await page.goto('demos/receptive-field/?i=9999&backend=wasm&autorun=1');
  const rf = page.locator('[data-demo="receptive-field"] [data-role="messages"]');
  await expect(rf).toContainText('i must be an integer from 0 to 223 (got "9999"); using 10.');
  expect((await resultOf(page, 'receptive-field')).result).toMatchObject(expectedField('y3', 0, 10, 20));

  await page.goto('demos/receptive-field/?layer=y3&i=100&backend=wasm&autorun=1');
  await expect(page.locator('[data-demo="receptive-field"] [data-role="messages"]')).toContainText('i = 100 is outside y3');
  expect((await resultOf(page, 'receptive-field')).result).toMatchObject(expectedField('y3', 0, 10, 20));
});

test('the write-ups show build-time results before anything runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('eecs182-sp23/hw3/3-feature-dimensions/');
  await expect(page.locator('[data-demo="shapes"] table.shapes-table tbody tr').nth(6)).toContainText('490×3 + 3');
  await expect(page.locator('.shapes-result').first()).toBeVisible();
  await page.goto('snu-mfdnn-sp24/hw5/4-receptive-field/');
  await expect(page.locator('[data-demo="receptive-field"] .rf-statement')).toContainText('rows m = 34…49 and columns n = 74…89');
  await expect(page.locator('.rf-result tbody tr')).toHaveCount(6);
  await context.close();
});

test('at 390 px the demos reflow without horizontal scrolling of the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  for (const demo of ['shapes', 'receptive-field']) {
    await page.goto(`demos/${demo}/?backend=wasm&autorun=1`);
    await resultOf(page, demo);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, demo).toBeLessThanOrEqual(0);
  }
});

test('a depthwise-separable layer of real size is counted from the graph and set against the full convolution', async ({ page }) => {
  await page.goto('demos/shapes/?input=112,112,512&layers=dw3,conv1-512&backend=wasm&autorun=1');
  const sep = (await resultOf(page, 'shapes')).result;
  expect(sep['shapesFrom']).toBe('graph');
  await expect(page.locator('[data-demo="shapes"] .shapes-totals')).toContainText('Not run');
  await page.goto('demos/shapes/?input=112,112,512&layers=conv3-512&backend=wasm&autorun=1');
  const full = (await resultOf(page, 'shapes')).result;
  const macs = (r: Result) => (r['totals'] as { macs: number }).macs;
  expect(macs(sep) / macs(full)).toBeCloseTo(1 / 512 + 1 / 9, 12);
  expect((full['rows'] as { shape: number[] }[])[1]!.shape).toEqual([112, 112, 512]);
});
