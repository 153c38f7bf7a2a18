// Release dates: a site built as of 20 February 2023 publishes EECS 182 Homework 3 (due 17
// February) and holds Homework 4 back (due 24 February). The build is made here, with SITE_NOW,
// beside the suite's own build (which is as of today, so every homework is out).
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { SITE_BASE, SITE_URL } from './support/env';
import { findRuns, siteTexts, solutionRuns } from './support/solution-text';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AS_OF = '2023-02-20T00:00:00Z';
const HELD = path.join(ROOT, '.astro', 'dist-as-of-2023-02-20');
const CURRENT = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(ROOT, 'dist');

const problemPages = (hw: string) => {
  const dir = path.join(ROOT, 'src/content/docs', hw);
  return readdirSync(dir).filter((f) => /^\d.*\.mdx$/.test(f)).map((f) => path.join(dir, f));
};
const runsOf = (hw: string) => problemPages(hw).flatMap((f) => solutionRuns(f));

// One worker builds once; the tests read that build.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(path.join(HELD, 'index.html'))) return;
  const r = spawnSync('npm', ['run', 'build', '--', '--outDir', HELD], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SITE_URL, SITE_BASE, SITE_NOW: AS_OF },
  });
  if (r.status !== 0) throw new Error(`the build as of ${AS_OF} failed (exit ${r.status ?? r.signal})`);
});

test('no file of the site built before HW4 is due holds a sentence of its solutions; HW3 is out', () => {
  const hw4 = runsOf('eecs182-sp23/hw4');
  const hw3 = runsOf('eecs182-sp23/hw3');
  expect(hw4.length).toBeGreaterThan(300);
  const held = siteTexts(HELD);
  const leaked = findRuns(hw4, held);
  expect([...leaked].map(([run, files]) => `"${run}" in ${files.map((f) => path.relative(HELD, f)).join(', ')}`)).toEqual([]);
  // The same scan finds them where they are published: in today's build, and HW3's in both.
  const current = siteTexts(CURRENT);
  expect(findRuns(hw4, current).size).toBe(hw4.length);
  expect(findRuns(hw3, held).size).toBe(hw3.length);
});

test('a result file is written for a state a published page shows, never for one only a held-back solution shows', () => {
  const files = (dist: string) => {
    const dir = path.join(dist, 'results', 'dropout');
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  // HW4 P1's dropout states are large (left out of its HTML); only HW4 pages show them.
  const published = files(CURRENT);
  expect(published.length).toBeGreaterThan(3);
  const held = files(HELD);
  expect(held.length).toBeLessThan(published.length);
  for (const f of held) expect(published, `results/dropout/${f} in both builds`).toContain(f);
});

test('the held-back pages say when the solution comes out, show the demos, and catalog.json marks them', async ({ page }) => {
  const server = await startServer({ root: HELD, base: SITE_BASE, port: 0 });
  try {
    const at = (p: string) => new URL(p, server.url).href;
    await page.goto(at('eecs182-sp23/hw4/3-cnn-gradients-pooling/'));
    await expect(page.locator('.release-notice')).toContainText('The solution will be published on 24 February 2023, 22:59 (UTC−08:00)');
    await expect(page.locator('.release-notice time')).toHaveAttribute('datetime', '2023-02-24T22:59:00-08:00');
    // The restated problem stays; the demos it uses are there, in their default states.
    await expect(page.locator('main')).toContainText('the smallest convolutional layer there is');
    await expect(page.locator('main [data-demo]')).toHaveCount(2);
    expect(await page.locator('main [data-demo]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-demo'), e.getAttribute('data-query')]))).toEqual([
      ['conv-gradient', ''],
      ['pooling', ''],
    ]);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /the solution will be published on 24 February 2023/);
    await page.goto(at('eecs182-sp23/hw4/'));
    await expect(page.locator('.release-notice')).toContainText('The solutions will be published on 24 February 2023, 22:59 (UTC−08:00)');
    // Homework 3 is out: its pages are whole.
    await page.goto(at('eecs182-sp23/hw3/2-convolution/'));
    await expect(page.locator('.release-notice')).toHaveCount(0);
    await expect(page.locator('main h2').first()).toBeVisible();
    expect(await page.locator('main h2').count()).toBeGreaterThan(3);

    const catalog = JSON.parse(readFileSync(path.join(HELD, 'catalog.json'), 'utf8')) as { homeworks: { id: string; release: string; released: boolean }[] };
    expect(Object.fromEntries(catalog.homeworks.map((h) => [h.id, [h.release, h.released]]))).toEqual({
      'eecs182-sp23/hw3': ['2023-02-17T22:59:00-08:00', true],
      'eecs182-sp23/hw4': ['2023-02-24T22:59:00-08:00', false],
      'duke-ece661-f20/hw2': ['2020-09-20T23:59:00-04:00', true],
      'snu-mfdnn-sp24/hw5': ['2024-04-08T17:00:00+09:00', false],
    });
    const today = JSON.parse(readFileSync(path.join(CURRENT, 'catalog.json'), 'utf8')) as { homeworks: { released: boolean }[] };
    expect(today.homeworks.every((h) => h.released)).toBe(true);
  } finally {
    await server.close();
  }
});
