// The inception demo in real Chromium: counts on WASM and the software WebGPU adapter against the
// hand count, timing present, deep links, bad parameters, the embed page and the write-up.
import { expect, test } from '@playwright/test';
import { onBothBackends, resultOf, type Result } from './support/demo-result';

/** K×K conv, C → F channels on H·W pixels, same padding, bias, ReLU: [params, mults = adds, activations]. */
const conv = (hw: number, k: number, c: number, f: number) => [k * k * c * f + f, hw * f * k * k * c, hw * f];
const sum = (convs: number[][]) => [0, 1, 2].map((i) => convs.reduce((a, x) => a + x[i]!, 0));

function expectCounts(r: Result, input: [number, number, number], ch: { c1: number; c3: number; c5: number; r3: number; r5: number; proj: number }) {
  const [h, w, c] = input;
  const hw = h * w;
  const naive = sum([conv(hw, 1, c, ch.c1), conv(hw, 3, c, ch.c3), conv(hw, 5, c, ch.c5)]);
  const bottleneck = sum([conv(hw, 1, c, ch.c1), conv(hw, 1, c, ch.r3), conv(hw, 3, ch.r3, ch.c3), conv(hw, 1, c, ch.r5), conv(hw, 5, ch.r5, ch.c5), conv(hw, 1, c, ch.proj)]);
  for (const [name, [params, mults, acts]] of [['naive', naive], ['bottleneck', bottleneck]] as const) {
    expect(r[name], name).toMatchObject({ params, mults, adds: mults, activations: acts });
  }
}

const PROBLEM = { c1: 128, c3: 192, c5: 96, r3: 64, r5: 64, proj: 64 };
const TINY = { c1: 4, c3: 6, c5: 2, r3: 2, r5: 3, proj: 3 };
const TINY_QUERY = `input=8,8,16&${Object.entries(TINY).map(([k, v]) => `${k}=${v}`).join('&')}&runs=2`;

test(`inception?${TINY_QUERY}: the same counts on wasm and webgpu, and both timed`, async ({ page }) => {
  const [a, b] = await onBothBackends(page, 'inception', TINY_QUERY, (r) => {
    expectCounts(r, [8, 8, 16], TINY);
    for (const m of ['naive', 'bottleneck']) {
      const mod = r[m] as { ms: number; msRuns: number[] };
      expect(mod.msRuns).toHaveLength(2);
      expect(mod.ms).toBeGreaterThan(0);
    }
  });
  const counts = (r: Result) => JSON.stringify([r['naive'], r['bottleneck']].map((m) => ({ ...(m as object), ms: 0, msRuns: [] })));
  expect(counts(b)).toEqual(counts(a));
});

test('the default state on wasm: the problem\'s counts, timed in the page, shown in the table', async ({ page }) => {
  await page.goto('demos/inception/?backend=wasm&autorun=1');
  const { result } = await resultOf(page, 'inception');
  expectCounts(result, [32, 32, 256], PROBLEM);
  expect((result['naive'] as { mults: number }).mults).toBe(1_115_684_864);
  expect((result['ratio'] as { ms: number }).ms).toBeGreaterThan(0);
  const demo = page.locator('[data-demo="inception"]');
  await expect(demo.locator('[data-role="summary"] tbody tr').nth(1)).toContainText('1\u202f115\u202f684\u202f864');
  await expect(demo.locator('[data-role="summary"] tbody tr').nth(1)).toContainText('3.15×');
  await expect(demo.locator('[data-role="compare"]')).toContainText('The counts say the naive module does 3.15× the arithmetic');
  await expect(demo.locator('[data-role="status"]')).toContainText(/Computed in your browser on WASM/);
});

test('editing a channel count updates the address bar, and that address reproduces the counts', async ({ page, context }) => {
  await page.goto('demos/inception/?backend=wasm&input=16,16,32&runs=1');
  const demo = page.locator('[data-demo="inception"]');
  await demo.locator('[data-param="c3"]').fill('40');
  await demo.locator('[data-param="c3"]').press('Tab');
  await expect(page).toHaveURL(/c3=40/);
  const first = await resultOf(page, 'inception');
  expectCounts(first.result, [16, 16, 32], { ...PROBLEM, c3: 40 });
  const link = await demo.locator('[data-role="link"]').inputValue();
  expect(link).toContain('autorun=1');
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin));
  const second = await resultOf(other, 'inception');
  expect({ ...second.result, naive: null, bottleneck: null, ratio: null }).toEqual({ ...first.result, naive: null, bottleneck: null, ratio: null });
  expectCounts(second.result, [16, 16, 32], { ...PROBLEM, c3: 40 });
});

test('bad parameters show their messages and the defaults are used', async ({ page }) => {
  await page.goto('demos/inception/?c3=0&runs=99&proj=lion&input=4,4,4&backend=wasm&autorun=1');
  const messages = page.locator('[data-demo="inception"] [data-role="messages"]');
  await expect(messages).toContainText('c3 must be an integer from 1 to 1024 (got "0"); using 192.');
  await expect(messages).toContainText('runs must be an integer from 0 to 20 (got "99"); using 5.');
  await expect(messages).toContainText('proj must be an integer from 1 to 1024');
  const { result } = await resultOf(page, 'inception');
  expectCounts(result, [4, 4, 4], { ...PROBLEM });

  await page.goto('demos/inception/?input=1,2,3,4&backend=wasm&runs=0&autorun=1');
  await expect(messages).toContainText('input must be three integers H,W,C');
  const counted = await resultOf(page, 'inception');
  expectCounts(counted.result, [32, 32, 256], PROBLEM);
  expect(counted.result['note']).toContain('runs=0');
});

test('a state too large to run is counted, not run', async ({ page }) => {
  await page.goto('demos/inception/?input=128,128,1024&c1=512&c3=512&c5=512&backend=wasm&autorun=1');
  const { result } = await resultOf(page, 'inception');
  expect(result['note']).toContain('counted only');
  expectCounts(result, [128, 128, 1024], { ...PROBLEM, c1: 512, c3: 512, c5: 512 });
  await expect(page.locator('[data-demo="inception"] .inception-note')).toContainText('counted only');
});

test('the write-up shows the build-time counts before anything runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('snu-mfdnn-sp24/hw5/5-inception-costs/');
  await expect(page.locator('.inception-result').first()).toContainText('1,115,684,864');
  await expect(page.locator('[data-demo="inception"] [data-role="summary"]')).toContainText('354\u202f418\u202f688');
  await expect(page.locator('.result-value[data-computed-by="inception"]').first()).toBeVisible();
  await context.close();
});

test('at 390 px the demo reflows without horizontal scrolling of the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('demos/inception/?backend=wasm&runs=1&input=8,8,32&autorun=1');
  await resultOf(page, 'inception');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
