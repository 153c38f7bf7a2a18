// The memory calculator and the batch-size experiment in real Chromium: WASM and the software
// WebGPU adapter, deep links, bad parameters, checked against counts written out by hand.
import { expect, test } from '@playwright/test';
import { onBothBackends, resultOf, type Result } from './support/demo-result';

/** ResNet-18 at 32×32, 10 classes, counted by hand: stem 3·64·49 + 128; four stages; fc 512·10 + 10. */
const RESNET18_PARAMS = 3 * 64 * 49 + 128 + 2 * (9 * 64 * 64 * 2 + 4 * 64) + (9 * 64 * 128 + 9 * 128 * 128 + 64 * 128 + 6 * 128) + 9 * 128 * 128 * 2 + 4 * 128 + (9 * 128 * 256 + 9 * 256 * 256 + 128 * 256 + 6 * 256) + 9 * 256 * 256 * 2 + 4 * 256 + (9 * 256 * 512 + 9 * 512 * 512 + 256 * 512 + 6 * 512) + 9 * 512 * 512 * 2 + 4 * 512 + 512 * 10 + 10;
/** Kept per image at 32×32: x, conv1 and relu at 16², pool out at 8², then 8·64·8², 9·128·4², 9·256·2², 9·512·1², fc input 512. */
const RESNET18_KEPT_32 = 3 * 32 * 32 + 2 * 64 * 16 * 16 + 64 * 8 * 8 + 8 * 64 * 8 * 8 + 9 * 128 * 4 * 4 + 9 * 256 * 2 * 2 + 9 * 512 + 512;

test('ResNet-18 at 32 px, batch 4, Adam: the same counts on wasm and webgpu, equal to the hand count', async ({ page }) => {
  const check = (r: Result) => {
    expect(r['params']).toBe(RESNET18_PARAMS);
    expect(r['perImage']).toBe(RESNET18_KEPT_32);
    expect(r['bytes']).toEqual({
      weights: 4 * RESNET18_PARAMS,
      grads: 4 * RESNET18_PARAMS,
      optimizer: 8 * RESNET18_PARAMS,
      activations: 4 * 4 * RESNET18_KEPT_32,
      total: 16 * RESNET18_PARAMS + 16 * RESNET18_KEPT_32,
    });
    expect(r['checked']).toBe(20);
  };
  const [wasm, webgpu] = await onBothBackends(page, 'memory', 'arch=resnet18&input=32&batch=4&opt=adam', check);
  expect(webgpu).toEqual(wasm);
});

test('the default ResNet-152 state counts in the browser and shows its totals in MB', async ({ page }) => {
  await page.goto('demos/memory/?backend=wasm&autorun=1');
  const { result } = await resultOf(page, 'memory');
  expect(result['params']).toBe(60_192_808 - 2049 * 990);
  const demo = page.locator('[data-demo="memory"]');
  await expect(demo.locator('td[data-part="weights"]')).toHaveText('221.9');
  await expect(demo.locator('[data-role="status"]')).toContainText(/Computed in your browser on WASM/);
  await expect(demo.locator('figure, svg').first()).toBeVisible();
});

test('changing the batch updates the address bar, and that address reproduces the result', async ({ page, context }) => {
  await page.goto('demos/memory/?backend=wasm&arch=resnet18&input=64');
  const demo = page.locator('[data-demo="memory"]');
  await demo.locator('[data-param="batch"]').fill('32');
  await demo.locator('[data-param="batch"]').press('Tab');
  await expect(page).toHaveURL(/batch=32/);
  const first = await resultOf(page, 'memory');
  const link = await demo.locator('[data-role="link"]').inputValue();
  expect(link).toContain('autorun=1');
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  expect((await resultOf(other, 'memory')).result).toEqual(first.result);
});

test('bad parameters show their messages and the defaults are used', async ({ page }) => {
  await page.goto('demos/memory/?arch=vgg99&batch=0&opt=lion&backend=wasm&autorun=1');
  const messages = page.locator('[data-demo="memory"] [data-role="messages"]');
  await expect(messages).toContainText('arch must be one of "resnet18", "resnet34", "resnet50", "resnet101", "resnet152" (got "vgg99"); using resnet152.');
  await expect(messages).toContainText('batch must be an integer from 1 to 4096 (got "0"); using 8.');
  await expect(messages).toContainText('opt must be one of "sgd", "momentum", "adam" (got "lion"); using sgd.');
  expect((await resultOf(page, 'memory')).result['params']).toBe(60_192_808 - 2049 * 990);
});

test('batch-size: a tiny run on wasm and webgpu trains every batch size the expected number of steps', async ({ page }) => {
  const check = (r: Result) => {
    const runs = r['runs'] as { batch: number; steps: number; lr: number; acc: number; epochs: { ms: number }[] }[];
    expect(runs.map((x) => [x.batch, x.steps])).toEqual([
      [8, 16],
      [64, 2],
    ]);
    for (const x of runs) {
      expect(x.lr).toBeCloseTo((0.1 * x.batch) / 64, 7);
      expect(x.acc).toBeGreaterThanOrEqual(0);
      expect(x.epochs.length).toBe(1);
      expect(x.epochs[0]!.ms).toBeGreaterThan(0);
    }
  };
  await onBothBackends(page, 'batch-size', 'batches=8,64&epochs=1&train=128', check);
});

test('batch-size: bad parameters show their messages', async ({ page }) => {
  await page.goto('demos/batch-size/?batches=0&epochs=1&train=128&backend=wasm');
  const messages = page.locator('[data-demo="batch-size"] [data-role="messages"]');
  await expect(messages).toContainText('batches must be a comma-separated list of up to 6 integers from 1 to 512 (got "0"); using 4,16,64,256.');
  await expect(messages).toContainText('batch 256 is larger than the 128 training images');
});
