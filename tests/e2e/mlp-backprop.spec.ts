// The mlp-backprop and vanishing demos (SNU HW5 Problems 1 and 2) in real Chromium, on WASM and on
// the software WebGPU adapter: results against a float64 backprop written here, equal across
// backends, deep links, bad parameters, the write-ups' build-time numbers and a phone's width.
// WebGPU states stay tiny (SwiftShader costs ~2 ms a node).
import { expect, test } from '@playwright/test';
import { onBothBackends, statesOnOnePage, resultOf, type Result } from './support/demo-result';

type Act = 'sigmoid' | 'tanh' | 'relu';
const act64: Record<Act, (z: number) => number> = { sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh, relu: (z) => Math.max(z, 0) };
const slope64: Record<Act, (z: number) => number> = {
  sigmoid: (z) => 1 / (2 + Math.exp(z) + Math.exp(-z)),
  tanh: (z) => 1 / Math.cosh(z) ** 2,
  relu: (z) => (z > 0 ? 1 : 0),
};

/** δ_L = dy_L, δ_ℓ = σ′(ỹ_ℓ) ⊙ A_{ℓ+1}ᵀ δ_{ℓ+1}; ∂/∂b_ℓ = δ_ℓ, ∂/∂A_ℓ = δ_ℓ y_{ℓ−1}ᵀ, in float64. */
function backprop(net: { A: number[][][]; b: number[][]; x: number[] }, act: Act, top: (yL: number) => number) {
  const f = (v: number) => Math.fround(v);
  const A = net.A.map((m) => m.map((r) => r.map(f)));
  const b = net.b.map((v) => v.map(f));
  const L = A.length;
  const ys = [net.x.map(f)];
  const zs: number[][] = [];
  for (let l = 0; l < L; l++) {
    const z = A[l]!.map((row, i) => b[l]![i]! + row.reduce((s, a, j) => s + a * ys[l]![j]!, 0));
    zs.push(z);
    ys.push(l === L - 1 ? z : z.map(act64[act]));
  }
  const d: number[][] = Array(L);
  d[L - 1] = [top(ys[L]![0]!)];
  for (let l = L - 2; l >= 0; l--) d[l] = zs[l]!.map((z, i) => slope64[act](z) * A[l + 1]!.reduce((s, row, k) => s + row[i]! * d[l + 1]![k]!, 0));
  return { out: ys[L]![0]!, db: d, dA: d.map((di, l) => di.map((v) => ys[l]!.map((y) => v * y))) };
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(numbers) : typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(numbers) : []);

/** Same numbers to float32 precision, relative (with a floor for exact zeros). */
function expectClose(a: unknown, b: unknown, rel = 1e-4) {
  const x = numbers(a);
  const y = numbers(b);
  expect(y.length).toBe(x.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i]!), `entry ${i}: ${v} vs ${y[i]}`).toBeLessThanOrEqual(rel * Math.max(Math.abs(y[i]!), 1e-12)));
}

function checkMlp(act: Act) {
  return (r: Result) => {
    const net = r['network'] as { A: number[][][]; b: number[][]; x: number[]; Y: number };
    const Y = Math.fround(net.Y);
    const ref = backprop(net, act, (yL) => yL - Y);
    expectClose(r['dA'], ref.dA, 1e-4);
    expectClose(r['db'], ref.db, 1e-4);
    expect(r['loss'] as number).toBeCloseTo(0.5 * (ref.out - Y) ** 2, 5);
    expect(r['maxRelError'] as number).toBeLessThan(1e-4);
    expect(r['tapeMaxRelError'] as number).toBeLessThan(1e-4);
  };
}

function checkVanishing(act: Act) {
  return (r: Result) => {
    const ref = backprop(r['network'] as { A: number[][][]; b: number[][]; x: number[] }, act, () => 1);
    const layers = r['layers'] as { layer: number; gradA: number; gradB: number }[];
    const norm = (v: number[]) => Math.hypot(...v);
    layers.forEach((l, i) => {
      expect(l.layer).toBe(i + 1);
      expect(Math.abs(l.gradB / norm(ref.db[i]!) - 1), `layer ${l.layer} b`).toBeLessThan(1e-4);
      expect(Math.abs(l.gradA / norm(ref.dA[i]!.flat()) - 1), `layer ${l.layer} A`).toBeLessThan(1e-4);
    });
    expect(layers.at(-1)!.gradB).toBe(1);
  };
}

const rows: { demo: string; query: string; check: (r: Result) => void }[] = [
  { demo: 'mlp-backprop', query: 'layers=3&width=2', check: checkMlp('sigmoid') },
  { demo: 'mlp-backprop', query: 'layers=2&width=3&act=tanh&seed=4', check: checkMlp('tanh') },
  { demo: 'vanishing', query: 'depth=4&width=3&act=tanh', check: checkVanishing('tanh') },
  { demo: 'vanishing', query: 'depth=5&width=3&at=3&wscale=0.01&bshift=2', check: checkVanishing('sigmoid') },
];

statesOnOnePage(rows, "the float64 backprop's gradients, equal on wasm and webgpu", async (page, row) => {
  const [wasm, webgpu] = await onBothBackends(page, row.demo, row.query, row.check);
  // The computed quantities agree; the error measures themselves (~1e-7) are rounding and differ.
  const computed = (r: Result) =>
    row.demo === 'mlp-backprop'
      ? { loss: r['loss'], output: r['output'], dA: r['dA'], db: r['db'], network: r['network'] }
      : { output: r['output'], layers: (r['layers'] as { gradA: number; gradB: number }[]).map((l) => [l.gradA, l.gradB]), network: r['network'] };
  expectClose(computed(webgpu), computed(wasm), 1e-4);
});

test('mlp-backprop: the default state runs in the browser and shows every layer', async ({ page }) => {
  await page.goto('demos/mlp-backprop/?backend=wasm&autorun=1');
  const { result } = await resultOf(page, 'mlp-backprop');
  checkMlp('sigmoid')(result);
  const demo = page.locator('[data-demo="mlp-backprop"]');
  await expect(demo.locator('table[data-role="errors"] tbody tr')).toHaveCount(6);
  for (let l = 1; l <= 6; l++) await expect(demo.locator(`table[data-role="dA${l}"] tr`)).toHaveCount(l === 6 ? 1 : 4);
  await expect(demo.locator('[data-role="max-rel-error"]')).toContainText('10⁻');
});

test('deep links reproduce the same numbers (both demos)', async ({ page, context }) => {
  for (const [demo, query] of [
    ['mlp-backprop', 'layers=4&width=3&act=relu&seed=11'],
    ['vanishing', 'depth=8&width=5&act=tanh&at=3,6&bshift=4&seed=3'],
  ] as const) {
    await page.goto(`demos/${demo}/?${query}&backend=wasm&autorun=1`);
    const first = await resultOf(page, demo);
    const link = await page.locator(`[data-demo="${demo}"] [data-role="link"]`).inputValue();
    for (const p of query.split('&')) expect(link).toContain(p);
    const other = await context.newPage();
    await other.goto(link.replace(/^https?:\/\/[^/]+/, new URL(page.url()).origin) + '&backend=wasm');
    const second = await resultOf(other, demo);
    expect(second.result).toEqual(first.result);
    await other.close();
  }
});

test('editing a control updates the address bar and reruns', async ({ page }) => {
  await page.goto('demos/vanishing/?depth=6&width=4&backend=wasm&autorun=1');
  await resultOf(page, 'vanishing');
  const demo = page.locator('[data-demo="vanishing"]');
  await demo.locator('[data-param="act"]').selectOption('relu');
  await expect(page).toHaveURL(/act=relu/);
  const { result } = await resultOf(page, 'vanishing');
  checkVanishing('relu')(result);
});

test('bad parameters show their messages, and the demos run on the defaults', async ({ page }) => {
  await page.goto('demos/mlp-backprop/?layers=0&act=softplus&backend=wasm&autorun=1');
  const messages = page.locator('[data-demo="mlp-backprop"] [data-role="messages"]');
  await expect(messages).toBeVisible();
  await expect(messages).toContainText('layers must be an integer from 1 to 12 (got "0"); using 6.');
  await expect(messages).toContainText('act must be one of "sigmoid", "tanh", "relu"');
  const { result } = await resultOf(page, 'mlp-backprop');
  expect((result['dA'] as unknown[]).length).toBe(6);
  checkMlp('sigmoid')(result);

  await page.goto('embed/vanishing/?depth=6&width=3&at=9&wscale=-2&backend=wasm');
  const vMessages = page.locator('[data-demo="vanishing"] [data-role="messages"]');
  await expect(vMessages).toContainText('wscale must be a number from 0 to 10 (got "-2"); using 1.');
  await expect(vMessages).toContainText('at names layer 9, but the network has 6 layers; using the default at.');
  const v = await resultOf(page, 'vanishing');
  expect((v.result['layers'] as unknown[]).length).toBe(6);
  checkVanishing('sigmoid')(v.result);
});

test('the write-ups show build-time numbers, and a live run gives the same', async ({ page }) => {
  await page.goto('snu-mfdnn-sp24/hw5/1-mlp-backprop/?backend=wasm');
  const demo = page.locator('[data-demo="mlp-backprop"]').first();
  await expect(demo).toHaveAttribute('data-state', 'idle');
  const shown = await demo.locator('[data-role="max-rel-error"]').textContent();
  expect(shown).toMatch(/10⁻/);
  await expect(page.locator('.result-value[data-computed-by="mlp-backprop"]').first()).toBeVisible();
  await demo.locator('[data-action="run"]').click();
  const { result } = await resultOf(page, 'mlp-backprop');
  checkMlp('sigmoid')(result);
  await expect(page.locator('.katex-error')).toHaveCount(0);
  for (const href of ['demos/mlp-backprop/?act=tanh', 'demos/mlp-backprop/?layers=12&width=16']) await expect(page.locator(`a.demo-link[href*="${href}"]`).first()).toBeAttached();

  await page.goto('snu-mfdnn-sp24/hw5/2-vanishing-gradients/');
  await expect(page.locator('[data-demo="vanishing"]')).toHaveCount(2);
  await expect(page.locator('[data-demo="vanishing"] [data-role="norms"] svg').first()).toBeVisible();
  await expect(page.locator('.katex-error')).toHaveCount(0);
  for (const href of ['demos/vanishing/?at=10&wscale=0.01', 'demos/vanishing/?act=tanh&at=10&bshift=8', 'demos/vanishing/?act=relu&bshift=-3']) {
    await expect(page.locator(`a.demo-link[href*="${href}"]`).first()).toBeAttached();
  }
});

test('at 390 px both demo pages fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  for (const [demo, query] of [
    ['mlp-backprop', 'layers=12&width=16'],
    ['vanishing', ''],
  ] as const) {
    await page.goto(`demos/${demo}/?${query}${query ? '&' : ''}backend=wasm&autorun=1`);
    await resultOf(page, demo);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, demo).toBeLessThanOrEqual(0);
  }
});
