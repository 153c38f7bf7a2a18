// The filters demo in real Chromium: the photo decoded by the browser gives the build's numbers,
// small states agree on WASM and the software WebGPU adapter and with a plain-loop filter of the
// result's own grey pixels, a chosen image file is filtered, and bad parameters fall back.
import { expect, test, type Page } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { onBothBackends, resultOf, type Result } from './support/demo-result';
import { convolveSame, correlateSame, type Extend } from '../unit/reference/filtering';

const SOBEL_X = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
const SOBEL_Y = SOBEL_X[0]!.map((_, c) => SOBEL_X.map((row) => row[c]!));

const demo = (page: Page) => page.locator('[data-demo="filters"]');
const matrix = (v: unknown) => v as number[][];

function expectClose(a: number[][], b: number[][], tol = 1e-4) {
  expect(a.length).toBe(b.length);
  a.forEach((row, r) => row.forEach((v, c) => expect(Math.abs(v - b[r]![c]!), `(${r}, ${c})`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[r]![c]!)))));
}

interface Row {
  query: string;
  /** The expected output from the result's own grey pixels. */
  expected(grey: number[][]): number[][];
  width: number;
  height: number;
}

const filterRow = (query: string, k: number[][], padding: Extend, mode: 'corr' | 'conv', width: number, height: number): Row => ({
  query,
  width,
  height,
  expected: (grey) => (mode === 'corr' ? correlateSame(grey, k, padding) : convolveSame(grey, k, padding)),
});

const rows: Row[] = [
  filterRow('size=48&kernel=laplacian&padding=reflect', [[0, 1, 0], [1, -4, 1], [0, 1, 0]], 'reflect', 'corr', 48, 32),
  filterRow('size=40&kernel=custom&k=1,2,0,-1;0.5,-1,2,1&mode=conv', [[1, 2, 0, -1], [0.5, -1, 2, 1]], 'zeros', 'conv', 40, 27),
  filterRow('size=30&kernel=blur6&padding=reflect', Array.from({ length: 6 }, () => Array(6).fill(1 / 36)), 'reflect', 'corr', 30, 20),
  {
    query: 'size=48',
    width: 48,
    height: 32,
    expected(grey) {
      const gx = correlateSame(grey, SOBEL_X, 'zeros');
      const gy = correlateSame(grey, SOBEL_Y, 'zeros');
      return gx.map((row, i) => row.map((v, j) => Math.hypot(v, gy[i]![j]!)));
    },
  },
];

test(`filters, ${rows.length} states on one page: equal on wasm and webgpu, and equal to a plain-loop filter of their grey`, async ({ page }) => {
  for (const row of rows) {
    await test.step(`filters?${row.query}`, async () => {
      const check = (r: Result) => {
        expect(r['input']).toMatchObject({ width: row.width, height: row.height });
        const grey = matrix(r['grey']);
        expect(grey.flat().every((v) => v >= 0 && v <= 1)).toBe(true);
        expectClose(matrix(r['y']), row.expected(grey));
      };
      const [wasm, webgpu] = await onBothBackends(page, 'filters', row.query, check);
      expect(webgpu['grey']).toEqual(wasm['grey']);
      expectClose(matrix(webgpu['y']), matrix(wasm['y']));
      expect(webgpu['pads']).toEqual(wasm['pads']);
    });
  }
});

test('the browser decodes the photo to the very pixels Node decoded at build time', async ({ page }) => {
  await page.goto('demos/filters/?backend=wasm&autorun=1');
  const { result } = await resultOf(page, 'filters');
  const initial = JSON.parse((await demo(page).locator('script[data-demo-initial]').textContent())!) as { result: Result };
  // The same float32 input and the same model: equal to the last bit on the same backend.
  expect(result).toEqual(initial.result);
  await expect(demo(page).locator('canvas[data-role="output-canvas"]')).toBeVisible();
  await expect(demo(page).locator('[data-role="status"]')).toContainText('Computed in your browser on WASM');
});

test('the static page shows the default pictures and numbers with scripts off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('demos/filters/');
  const imgs = demo(page).locator('.filters-picture img');
  await expect(imgs).toHaveCount(2);
  // The grey photo at the default size is one shared file; the output is a file of this state's picture.
  expect(await imgs.first().getAttribute('src')).toMatch(/\/images\/chelsea-grey-256\.png$/);
  expect(await imgs.nth(1).getAttribute('src')).toMatch(/\/images\/filters\/[0-9a-f]{16}-output\.png$/);
  for (const i of [0, 1]) {
    await imgs.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(() => imgs.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(Number(await imgs.nth(i).getAttribute('width')));
  }
  expect(await imgs.first().getAttribute('width')).toBe('256');
  await expect(demo(page).locator('[data-role="stats"]')).toContainText('Output: min');
  await expect(demo(page).locator('[data-role="legend"]')).toBeVisible();
  await context.close();
});

test('editing controls updates the address bar, and the copied link reproduces the result', async ({ page, context }) => {
  await page.goto('demos/filters/?backend=wasm&size=40');
  await demo(page).locator('[data-param="kernel"]').selectOption('blur6');
  await demo(page).locator('[data-param="padding"]').selectOption('reflect');
  await expect(page).toHaveURL(/kernel=blur6/);
  await expect(page).toHaveURL(/padding=reflect/);
  await expect.poll(async () => (await resultOf(page, 'filters')).result['padding']).toBe('reflect');
  const first = await resultOf(page, 'filters');
  expect(first.result['pads']).toEqual([2, 2, 3, 3]);

  const link = await demo(page).locator('[data-role="link"]').inputValue();
  expect(link).toContain('autorun=1');
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  const second = await resultOf(other, 'filters');
  expect(second.result).toEqual(first.result);
});

test('the custom kernel appears for kernel=custom and is used', async ({ page }) => {
  await page.goto('demos/filters/?backend=wasm&size=24');
  const k = demo(page).locator('[data-param="k"]');
  await expect(k).toBeHidden();
  await demo(page).locator('[data-param="kernel"]').selectOption('custom');
  await expect(k).toBeVisible();
  await k.fill('0, 0, 0\n0, 2, 0\n0, 0, 0');
  await k.press('Tab');
  await expect(page).toHaveURL(/k=0,0,0;0,2,0;0,0,0/);
  await expect.poll(async () => (await resultOf(page, 'filters')).result['kernel']).toEqual([[0, 0, 0], [0, 2, 0], [0, 0, 0]]);
  const { result } = await resultOf(page, 'filters');
  expectClose(matrix(result['y']), matrix(result['grey']).map((row) => row.map((v) => 2 * v)));
});

/** A 30×20 PNG: red rising to the right, green rising downwards, blue constant. */
function testPng(width = 30, height = 20): { buffer: Buffer; rgb: (r: number, c: number) => [number, number, number] } {
  const rgb = (r: number, c: number): [number, number, number] => [Math.round((255 * c) / (width - 1)), Math.round((255 * r) / (height - 1)), 90];
  const png = new PNG({ width, height });
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = 4 * (r * width + c);
      const [R, G, B] = rgb(r, c);
      png.data[i] = R;
      png.data[i + 1] = G;
      png.data[i + 2] = B;
      png.data[i + 3] = 255;
    }
  }
  return { buffer: PNG.sync.write(png), rgb };
}

test('a chosen image file is filtered in the browser, and a file that is not an image is refused', async ({ page }) => {
  const requests: string[] = [];
  await page.goto('demos/filters/?backend=wasm&kernel=sobel-x&autorun=1');
  await resultOf(page, 'filters');
  page.on('request', (r) => requests.push(r.url()));
  const { buffer, rgb } = testPng();
  await demo(page).locator('input[type="file"]').setInputFiles({ name: 'ramp.png', mimeType: 'image/png', buffer });
  await expect.poll(async () => (await resultOf(page, 'filters')).result['input']).toMatchObject({ width: 30, height: 20 });
  const { result } = await resultOf(page, 'filters');
  const grey = matrix(result['grey']);
  grey.forEach((row, r) => row.forEach((v, c) => {
    const [R, G, B] = rgb(r, c);
    expect(v).toBeCloseTo((0.2989 * R + 0.587 * G + 0.114 * B) / 255, 5);
  }));
  expectClose(matrix(result['y']), correlateSame(grey, SOBEL_X, 'zeros'));
  await expect(demo(page).locator('[data-role="source"]')).toContainText('your image “ramp.png” (30×20)');
  await expect(demo(page).locator('[data-role="source"]')).toContainText('not part of a copied link');
  // The link still describes the photo state, and the image went nowhere.
  expect(await demo(page).locator('[data-role="link"]').inputValue()).not.toContain('ramp');
  // blob: URLs are the file itself, read inside the page; no request to a server carries it.
  expect(requests.filter((u) => /^https?:/.test(u) && !/\.(wasm|mjs|js|onnx)(\?|$)/.test(u))).toEqual([]);

  await demo(page).locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await expect(demo(page).locator('[data-role="image-message"]')).toContainText('Not used: this file is not an image the browser can read');
  await expect(demo(page).locator('[data-role="image-message"]')).toContainText('The previous image stays');
  expect((await resultOf(page, 'filters')).result['input']).toMatchObject({ width: 30, height: 20 });

  await demo(page).locator('[data-action="photo"]').click();
  await expect.poll(async () => (await resultOf(page, 'filters')).result['input']).toMatchObject({ width: 256, height: 170 });
});

test('bad parameters show their message and the demo runs on the defaults', async ({ page }) => {
  await page.goto('embed/filters/?kernel=blur4&size=0&backend=wasm');
  const messages = demo(page).locator('[data-role="messages"]');
  await expect(messages).toContainText('kernel must be one of "blur3", "blur6", "blur9", "laplacian", "sobel-x", "sobel-y", "sobel", "custom" (got "blur4")');
  await expect(messages).toContainText('size must be an integer from 4 to 1024 (got "0")');
  const { result } = await resultOf(page, 'filters');
  expect(result['kernel']).toEqual(SOBEL_X);
  expect(result['input']).toMatchObject({ width: 256, height: 170 });

  await page.goto('embed/filters/?kernel=custom&k=1,2;3&size=24&backend=wasm');
  await expect(messages).toContainText('k must be a matrix');
  await expect(messages).toContainText('rows differ in length (row 1 has 2 entries, row 2 has 1)');
  const ragged = await resultOf(page, 'filters');
  expect(ragged.result['kernel']).toEqual([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
});

for (const path of ['demos/filters/?backend=wasm&autorun=1', 'eecs182-sp23/hw3/4-hand-designed-filters/']) {
  test(`no horizontal overflow at 390 px: ${path}`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(path);
    if (path.includes('autorun')) await resultOf(page, 'filters');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const frame of await page.locator('[data-demo="filters"]').all()) {
      const box = await frame.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
  });
}

/** A grey PNG of any size that is tiny as a file: every row is zeros (filter byte and pixels). */
function blankPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const idat = deflateSync(Buffer.alloc(height * (width + 1)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

test('huge images: absurd ones are refused with a message, long ones decoded at 4096 first', async ({ page }) => {
  await page.goto('demos/filters/?backend=wasm&kernel=blur3&autorun=1');
  await resultOf(page, 'filters');
  const file = demo(page).locator('input[type="file"]');
  await file.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: blankPng(9000, 8000) });
  await expect(demo(page).locator('[data-role="image-message"]')).toContainText('Not used: the image is 9000×8000 pixels (72 megapixels); images up to 60 megapixels are accepted. The photo stays.');
  expect((await resultOf(page, 'filters')).result['input']).toMatchObject({ width: 256, height: 170 });

  await file.setInputFiles({ name: 'long.png', mimeType: 'image/png', buffer: blankPng(6000, 300) });
  await expect.poll(async () => (await resultOf(page, 'filters')).result['input']).toMatchObject({ width: 256, height: 13 });
  await expect(demo(page).locator('[data-role="image-message"]')).toContainText('The image is 6000×300; the browser first decoded it at 4096×205.');
  expect((await resultOf(page, 'filters')).result['output']).toMatchObject({ min: 0, max: 0 });
});
