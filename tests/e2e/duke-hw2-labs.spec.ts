// Duke ECE 661 F20 HW2 Problems 1.1, 1.3, 1.5, 1.7 and Labs 1–3, and EECS 182 HW3 P5 (c)/(d), in
// Chromium: each page loads cleanly, renders its math and its build-time numbers, its internal
// links answer 200 (axe on every page, both schemes: tests/e2e/pages.spec.ts). Running the
// lenet demo itself, on both backends, is tests/e2e/lenet.spec.ts.
import { expect, test } from '@playwright/test';
import { watchPage } from './support/site';

const HW = 'duke-ece661-f20/hw2';
const TRUE_FALSE = ['1-1-batch-normalization', '1-3-data-augmentation', '1-5-regularization-and-dropout', '1-7-l1-sparsity'];
const LABS = ['2-lenet5-cifar10', '3-improving-the-pipeline', '4-advanced-architectures'];
const HW3_P5 = 'eecs182-sp23/hw3/5-batchnorm-dropout-conv/';
const PAGES = [...[...TRUE_FALSE, ...LABS].map((s) => `${HW}/${s}/`), HW3_P5];

test.describe.configure({ mode: 'parallel' });

test('the true/false pages state the question, give a verdict and render their math', async ({ page }) => {
  for (const slug of TRUE_FALSE) {
    const watch = watchPage(page);
    expect((await page.goto(`${HW}/${slug}/`))?.status(), slug).toBe(200);
    await expect(page.locator('.sl-markdown-content > p', { hasText: /^True or false:/ })).toHaveCount(1);
    await expect(page.locator('h2', { hasText: /^Verdict: (true|false)/ })).toHaveCount(1);
    await expect(page.locator('h2', { hasText: 'What a common answer gets wrong' })).toHaveCount(1);
    expect(await page.locator('.katex').count(), `${slug}: typeset math`).toBeGreaterThan(5);
    await expect(page.locator('.sl-markdown-content')).not.toContainText('$');
    expect(await page.locator('.katex-error').count(), slug).toBe(0);
    expect(watch.problems(), slug).toEqual([]);
  }
});

test('the lab pages answer every part the answer document shows', async ({ page }) => {
  const parts: Record<string, string[]> = { '2-lenet5-cifar10': ['a', 'b', 'd', 'g', 'h'], '3-improving-the-pipeline': ['a', 'b', 'c'], '4-advanced-architectures': [] };
  for (const slug of LABS) {
    const watch = watchPage(page);
    expect((await page.goto(`${HW}/${slug}/`))?.status(), slug).toBe(200);
    for (const p of parts[slug]!) await expect(page.locator('h2', { hasText: new RegExp(`^\\(${p}\\) `) }), `${slug} (${p})`).toHaveCount(1);
    await expect(page.locator('.sl-markdown-content')).not.toContainText('$');
    expect(await page.locator('.katex-error').count(), slug).toBe(0);
    expect(watch.problems(), slug).toEqual([]);
  }
  // Lab 3 claims no run: it says so, and its only numbers are counts from the memory demo's graph.
  await page.goto(`${HW}/4-advanced-architectures/`);
  await expect(page.locator('.sl-markdown-content')).toContainText('Nothing on this page is a run.');
  await expect(page.locator('[data-computed-by="memory"]').first()).toHaveText('11 181 642'.replace(/ /g, '\u202f'));
  // LeNet-5's count in full (a ResultValue rounds to 4 significant digits unless told otherwise).
  await expect(page.locator('[data-computed-by="lenet"]').filter({ hasText: /^61706$/ })).toHaveCount(1);
  await page.goto(`${HW}/2-lenet5-cifar10/`);
  await expect(page.locator('[data-computed-by="lenet"]').filter({ hasText: /^61706$/ })).toHaveCount(1);
});

test('every number from a lenet run is on the page at build time, and the demos show their build-time results', async ({ page }) => {
  for (const path of PAGES.filter((p) => !p.includes('1-1-') && !p.includes('4-advanced'))) {
    await page.goto(path);
    const values = page.locator('.result-value[data-computed-by="lenet"]');
    const n = await values.count();
    expect(n, path).toBeGreaterThan(3);
    for (const text of await values.allTextContents()) expect(text, path).toMatch(/^−?\d[\d.\u202f]*(\u00a0%)?$/);
    const demos = page.locator('[data-demo="lenet"]');
    expect(await demos.count(), path).toBeGreaterThan(0);
    for (let i = 0; i < (await demos.count()); i++) await expect(demos.nth(i)).not.toHaveAttribute('data-state', 'error');
  }
});

test('1.1: batch norm\'s output mean is β = 2 in both batches, computed by the batchnorm demo', async ({ page }) => {
  await page.goto(`${HW}/1-1-batch-normalization/`);
  const cells = page.locator('table tbody tr td:nth-child(4) [data-computed-by="batchnorm"]');
  await expect(cells).toHaveCount(2);
  for (const t of await cells.allTextContents()) expect(Math.abs(Number(t) - 2)).toBeLessThan(1e-4);
});

test('the overview lists the seven problems as written', async ({ page }) => {
  await page.goto(`${HW}/`);
  for (const slug of [...TRUE_FALSE, ...LABS]) await expect(page.locator(`a[href$="/${HW}/${slug}/"]`).first()).toBeVisible();
});

