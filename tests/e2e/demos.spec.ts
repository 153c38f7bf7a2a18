// The demo contract, demo by demo, in real Chromium: real onnxruntime-web sessions on WASM and on
// the software WebGPU adapter, checked against independent computations.
import { expect, test } from '@playwright/test';
import { onBothBackends, statesOnOnePage, resultOf, type Result } from './support/demo-result';
import { boxcarResponseClosedForm, convolve2dReference } from '../unit/reference/convolution';



const ramp = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c + 1));
const sobel = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];
const OFFICIAL_D_II = [
  [-19, -32, -29],
  [-30, -40, -30],
  [49, 72, 59],
];

interface Row {
  demo: string;
  query: string;
  check(result: Result): void;
}

const rows: Row[] = [
  { demo: 'conv2d', query: 'stride=2&pad=1', check: (r) => expect(r['y']).toEqual(OFFICIAL_D_II) },
  { demo: 'conv2d', query: '', check: (r) => expect(r['y']).toEqual(convolve2dReference(ramp, sobel, 1, 0)) },
  {
    // A kernel shape and stride with no published model file: the browser builds the model.
    demo: 'conv2d',
    query: 'x=1,2,3,4;5,6,7,8;9,10,11,12;13,14,15,16&k=1,-1;2,0.5&stride=3&pad=2&mode=conv',
    check: (r) =>
      expect(r['y']).toEqual(
        convolve2dReference(
          [
            [1, 2, 3, 4],
            [5, 6, 7, 8],
            [9, 10, 11, 12],
            [13, 14, 15, 16],
          ],
          [
            [1, -1],
            [2, 0.5],
          ],
          3,
          2,
        ),
      ),
  },
  {
    demo: 'conv1d',
    query: 'shift=5&to=20',
    check: (r) => {
      const n = r['n'] as number[];
      const y = r['y'] as number[];
      n.forEach((k, i) => expect(y[i]!).toBeCloseTo(boxcarResponseClosedForm(7, 0.5, 5, k), 5));
    },
  },
];

statesOnOnePage(rows, 'equal results on wasm and webgpu', async (page, row) => {
  const [wasm, webgpu] = await onBothBackends(page, row.demo, row.query, row.check);
  for (const key of Object.keys(wasm)) {
    const a = (wasm[key] as unknown[]).flat(2) as number[];
    const b = (webgpu[key] as unknown[]).flat(2) as number[];
    expect(b.length).toBe(a.length);
    a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(v))));
  }
});

test('the acceptance link shows the official (d)(ii) answer on screen', async ({ page }) => {
  await page.goto('demos/conv2d/?stride=2&pad=1&autorun=1');
  await resultOf(page, 'conv2d');
  const cells = page.locator('[data-demo="conv2d"] table[data-role="output"] td');
  await expect(cells).toHaveText(OFFICIAL_D_II.flat().map((v) => String(v).replace('-', '−')));
  await expect(page.locator('[data-demo="conv2d"] [data-role="status"]')).toContainText(/Computed in your browser on (WebGPU|WASM)/);
});

test('a solution page shows build-time numbers before anything runs, then runs on request', async ({ page }) => {
  await page.goto('eecs182-sp23/hw3/2-convolution/');
  const demo = page.locator('[data-demo="conv2d"]').first();
  await expect(demo).toHaveAttribute('data-state', 'idle');
  const staticCells = await demo.locator('table[data-role="output"] td').allTextContents();
  expect(staticCells.length).toBeGreaterThan(0);
  expect(staticCells.every((t) => /^−?\d+$/.test(t.trim()))).toBe(true);
  await demo.locator('[data-action="run"]').click();
  const { result } = await resultOf(page, 'conv2d');
  const flat = (result['y'] as number[][]).flat().map((v) => String(v).replace('-', '−'));
  expect(staticCells).toEqual(flat);
});

test('on a phone the build-time chart is drawn again for the column, without computing anything', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('demos/conv1d/');
  const demo = page.locator('[data-demo="conv1d"]');
  // Built 720 wide, scaled to a 390 px screen its labels would be 5 px tall.
  await expect.poll(async () => Number(await demo.locator('[data-role="view"] svg').first().getAttribute('width'))).toBeLessThan(400);
  await expect(demo).toHaveAttribute('data-state', 'idle');
  await expect(demo.locator('[data-role="status"]')).toContainText('computed when this site was built');
  await expect(demo.locator('[data-role="view"] svg [aria-label="text"] text')).toHaveText(['x(n)', 'h(n) = 0.5ⁿ u(n)', 'y(n) = x * h']);
});

test('on a phone a demo page shows the build\'s narrow drawing and loads no chart code; a write-up redraws a demo only when it is reached', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('demos/dropout/');
  const demo = page.locator('[data-demo="dropout"]');
  await expect(demo.locator('[data-role="view"] .demo-build-narrow svg').first()).toBeVisible();
  await expect(demo.locator('[data-role="view"] .demo-build-wide')).toBeHidden();
  // The element's code has loaded (the demo is in view) and has nothing to redraw.
  await expect.poll(() => scripts.some((u) => /dropout-element/.test(u))).toBe(true);
  await page.waitForTimeout(500);
  expect(scripts.filter((u) => /\/(plot|dropout-figures)\.[^/]*\.js$/.test(u)), 'chart code loaded at start').toEqual([]);
  await expect(demo.locator('[data-role="view"] svg:visible').first()).toHaveAttribute('width', '360');

  // Widened, the demo shows a drawing for the wide column: the build's wide one (the container
  // query) or, once the resize is noticed, one drawn for the new width.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(async () => Number(await demo.locator('[data-role="view"] svg:visible').first().getAttribute('width'))).toBeGreaterThan(400);

  // A write-up holds one drawing per demo; its large results stay out of the HTML. The last demo
  // of HW4 P1 keeps the build's drawing until it is near, then fetches its result file and redraws.
  await page.setViewportSize({ width: 390, height: 844 });
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (/\/results\/dropout\/[0-9a-f]{16}\.json$/.test(new URL(r.url()).pathname)) fetched.push(r.url());
  });
  await page.goto('eecs182-sp23/hw4/1-dropout/');
  const last = page.locator('[data-demo="dropout"]').last();
  expect(JSON.parse((await last.locator('script[data-demo-initial]').textContent())!).result).toBeNull();
  const url = await last.getAttribute('data-result-url');
  expect(url).toMatch(/^\/course-site\/results\/dropout\/[0-9a-f]{16}\.json$/);
  await page.waitForTimeout(1000);
  expect(Number(await last.locator('[data-role="view"] svg').first().getAttribute('width'))).toBeGreaterThan(400);
  expect(fetched).toEqual([]);
  await last.scrollIntoViewIfNeeded();
  await expect.poll(async () => Number(await last.locator('[data-role="view"] svg').first().getAttribute('width')), { timeout: 30_000 }).toBeLessThan(400);
  await expect(last).toHaveAttribute('data-state', 'idle');
  expect(fetched.map((u) => new URL(u).pathname)).toEqual([url]);
});

test('the static page already holds the default result with scripts off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('demos/conv2d/');
  await expect(page.locator('[data-demo="conv2d"] table[data-role="output"] td')).toHaveText(Array(9).fill('−40'));
  await expect(page.locator('[data-demo="conv1d"]')).toHaveCount(0);
  await page.goto('demos/conv1d/');
  await expect(page.locator('[data-demo="conv1d"] svg').first()).toBeVisible();
  await context.close();
});

test('editing controls updates the address bar, and that address reproduces the state', async ({ page, context }) => {
  await page.goto('demos/conv2d/?backend=wasm');
  const demo = page.locator('[data-demo="conv2d"]');
  await demo.locator('[data-param="stride"]').fill('2');
  await demo.locator('[data-param="pad"]').fill('1');
  await demo.locator('[data-param="pad"]').press('Tab');
  await expect(page).toHaveURL(/stride=2/);
  await expect(page).toHaveURL(/pad=1/);
  const first = await resultOf(page, 'conv2d');
  expect(first.result['y']).toEqual(OFFICIAL_D_II);

  const link = await demo.locator('[data-role="link"]').inputValue();
  expect(link).toContain('autorun=1');
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  const second = await resultOf(other, 'conv2d');
  expect(second.result).toEqual(first.result);
});

test('bad parameters show a message naming them and the demo runs on the defaults', async ({ page }) => {
  await page.goto('embed/conv2d/?stride=0&x=1,2;3&mode=flip');
  const demo = page.locator('[data-demo="conv2d"]');
  const messages = demo.locator('[data-role="messages"]');
  await expect(messages).toBeVisible();
  await expect(messages).toContainText('stride must be an integer from 1 to 8 (got "0")');
  await expect(messages).toContainText('x must be a matrix');
  await expect(messages).toContainText('mode must be one of "conv", "corr"');
  const { result } = await resultOf(page, 'conv2d');
  expect(result['y']).toEqual(Array(3).fill([-40, -40, -40]));

  await page.goto('demos/conv1d/?L=abc&to=99999&autorun=1');
  await expect(page.locator('[data-demo="conv1d"] [data-role="messages"]')).toContainText('L must be an integer from 1 to 64 (got "abc": not a number)');
  await expect(page.locator('[data-demo="conv1d"] [data-role="messages"]')).toContainText('to must be');
  const conv1d = await resultOf(page, 'conv1d');
  expect((conv1d.result['n'] as number[]).length).toBe(19);
});

test('a bad edit is reported and nothing runs until it is fixed', async ({ page }) => {
  await page.goto('demos/conv2d/?backend=wasm&autorun=1');
  await resultOf(page, 'conv2d');
  const demo = page.locator('[data-demo="conv2d"]');
  await demo.locator('[data-param="k"]').fill('1, 2\n3, x');
  await demo.locator('[data-param="k"]').press('Tab');
  await expect(demo.locator('[data-role="messages"]')).toContainText('row 2, entry 2 is not a number ("x")');
  await expect(demo.locator('[data-param="k"]')).toHaveAttribute('aria-invalid', 'true');
  await demo.locator('[data-param="k"]').fill('1, 2\n3, 4');
  await demo.locator('[data-param="k"]').press('Tab');
  await expect(demo.locator('[data-role="messages"]')).toBeHidden();
  const { result } = await resultOf(page, 'conv2d');
  expect(result['y']).toEqual(convolve2dReference(ramp, [[1, 2], [3, 4]], 1, 0));
});

test('hide= hides the named controls', async ({ page }) => {
  await page.goto('demos/conv2d/?hide=x,k,backend,share');
  const demo = page.locator('[data-demo="conv2d"]');
  await expect(demo.locator('[data-role="messages"]')).toBeHidden();
  await expect(demo.locator('[data-action="copy"]')).toBeHidden();
  await expect(demo.locator('[data-param="stride"]')).toBeVisible();
  await expect(demo.locator('[data-param="x"]')).toBeHidden();
  await expect(demo.locator('[data-param="k"]')).toBeHidden();
  await expect(demo.locator('[data-param="backend"]')).toBeHidden();
});

test('selecting an output entry shows its window and products', async ({ page }) => {
  await page.goto('demos/conv2d/?stride=2&pad=1&backend=wasm&autorun=1');
  await resultOf(page, 'conv2d');
  const demo = page.locator('[data-demo="conv2d"]');
  await demo.locator('button[data-out="1,2"]').click();
  await expect(demo.locator('.conv2d-window')).toContainText('y[1,2] =');
  await expect(demo.locator('.conv2d-window')).toContainText('= −30');
  await expect(demo.locator('table[data-role="padded"] td.in-window')).toHaveCount(9);
  await expect(demo.locator('button[data-out="1,2"]')).toBeFocused();
});

test('webgpu asked for where the browser has none: runs on WASM and says so', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
  await page.goto('demos/conv2d/?backend=webgpu&autorun=1');
  const { backend, result } = await resultOf(page, 'conv2d');
  expect(backend).toBe('wasm');
  expect(result['y']).toEqual(Array(3).fill([-40, -40, -40]));
  await expect(page.locator('[data-demo="conv2d"] [data-role="status"]')).toContainText('WebGPU was asked for, but this browser has no WebGPU; ran on WASM instead');
});

test('a missing model file is rebuilt in the browser and the reader is told', async ({ page }) => {
  await page.route('**/models/*.onnx', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('demos/conv2d/?backend=wasm&autorun=1');
  const { result } = await resultOf(page, 'conv2d');
  expect(result['y']).toEqual(Array(3).fill([-40, -40, -40]));
  await expect(page.locator('[data-demo="conv2d"] [data-role="status"]')).toContainText('could not be fetched (HTTP 404); built it in the browser instead');
});

test('a demo page fetches the runtime once, on first need, and only its backend\'s wasm', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('demos/conv2d/');
  await page.waitForLoadState('networkidle');
  expect(requests.filter((u) => /ort|\.wasm/.test(u))).toEqual([]);
  await page.locator('[data-demo="conv2d"] [data-param="backend"]').selectOption('wasm');
  await resultOf(page, 'conv2d');
  await page.locator('[data-demo="conv2d"] [data-param="stride"]').fill('2');
  await page.locator('[data-demo="conv2d"] [data-param="stride"]').press('Tab');
  await expect(page).toHaveURL(/stride=2/);
  await resultOf(page, 'conv2d');
  const wasm = requests.filter((u) => u.endsWith('.wasm'));
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/ort-wasm-simd-threaded\.[\w-]+\.wasm$/);
  expect(wasm[0]).not.toMatch(/asyncify|jsep|jspi/);
  expect(requests.filter((u) => /ort\.[\w.]*bundle/.test(u))).toHaveLength(1);
});
