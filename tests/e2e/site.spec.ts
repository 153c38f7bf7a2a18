// Site-wide checks, driven by the catalog the build emits (<base>catalog.json). The check that
// every page loads cleanly is in pages.spec.ts, in the same visit as its accessibility audit.
//
// The site is built once for https://example.github.io/course-site/ and served locally under
// /course-site/ (see tests/e2e/support/global-setup.ts); catalog URLs are mapped onto the local
// server by replacing the origin.

import { test, expect } from '@playwright/test';
import { SITE_URL, SITE_BASE, localBaseURL } from './support/env.ts';
import {
  loadCatalog,
  catalogPages,
  toLocal,
  sitePath,
  watchPage,
  settle,
  crawl,
  mainTextOf,
  mathSources,
  RAW_TEX,
  RAW_INLINE_MATH,
  type Catalog,
} from './support/site.ts';

/** The page the brief singles out: math, a demo, and a word to search for. */
const HW3_P2 = 'eecs182-sp23/hw3/2-convolution/';
/** Demos whose embed pages must exist (the first two demos of the site). */
const REQUIRED_DEMOS = ['conv1d', 'conv2d'];
/** onnxruntime-web files and models: ort*.js/mjs/wasm, anything onnxruntime, any .wasm, any .onnx. */
const ORT_REQUEST = /(^|[/._-])ort([/._-]|$)|onnxruntime|\.wasm$|\.onnx$/i;

test.describe.configure({ mode: 'parallel' });

function demoNameOf(d: unknown): string | undefined {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object' && 'name' in d && typeof (d as { name: unknown }).name === 'string')
    return (d as { name: string }).name;
  return undefined;
}

test('catalog.json lists homeworks, problems and demos at their addresses under the site URL', async ({ request }) => {
  const catalog = await loadCatalog(request);
  const prefix = SITE_URL + SITE_BASE;

  expect(catalog.homeworks.length, 'homeworks in the catalog').toBeGreaterThan(0);
  const problems = catalog.homeworks.flatMap((hw) => hw.problems);
  expect(problems.length, 'problems in the catalog').toBeGreaterThan(0);

  const urls = [
    ...catalog.homeworks.map((hw) => hw.url),
    ...problems.map((p) => p.url),
    ...catalog.demos.flatMap((d) => [d.url, d.embed]),
  ];
  for (const u of urls) {
    expect.soft(u.startsWith(prefix), `${u} should start with ${prefix}`).toBe(true);
    expect.soft(new URL(u).pathname.endsWith('/'), `${u} should end with / (trailingSlash: always)`).toBe(true);
  }
  expect(new Set(urls).size, 'every catalog URL is distinct').toBe(urls.length);

  expect(
    problems.map((p) => sitePath(p.url)),
    `a problem at ${HW3_P2}`,
  ).toContain(HW3_P2);

  const names = catalog.demos.map((d) => d.name);
  for (const required of REQUIRED_DEMOS) expect(names, `demo ${required} in the catalog`).toContain(required);
  for (const d of catalog.demos) {
    expect.soft(d.name, 'demo names are kebab-case').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect.soft(d.url, `standalone page of ${d.name}`).toBe(`${prefix}demos/${d.name}/`);
    expect.soft(d.embed, `embed page of ${d.name}`).toBe(`${prefix}embed/${d.name}/`);
  }
  // Every demo a problem uses is a demo the catalog describes.
  for (const p of problems) {
    for (const d of p.demos as unknown[]) {
      const name = demoNameOf(d);
      expect
        .soft(name && names.includes(name), `${p.url} uses demo ${JSON.stringify(d)}, which the catalog lists`)
        .toBeTruthy();
    }
  }
});

test('every internal link on every page resolves (200, no redirect) and stays under the base path', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const catalog = await loadCatalog(request);
  const start = catalogPages(catalog).map((p) => p.url.replace(/#.*$/, ''));
  await page.goto('about:blank');
  const site = await crawl(page, request, start);

  expect(site.pages.size, 'HTML pages crawled').toBeGreaterThanOrEqual(start.length);
  expect(site.links.size, 'distinct internal link targets').toBeGreaterThan(0);
  const broken = [...site.links.entries()]
    .filter(([target]) => site.status.get(target) !== 200)
    .map(
      ([target, from]) =>
        `${site.status.get(target)} ${sitePath(target)} (linked from ${[...from]
          .map((f) => sitePath(f) || '/')
          .slice(0, 3)
          .join(', ')})`,
    );
  expect.soft(broken, 'internal links that do not answer 200').toEqual([]);
  expect.soft(site.offBase, 'links to the site host outside the base path (root-absolute URLs?)').toEqual([]);
  // The start pages themselves must exist.
  const missing = start.filter((u) => site.status.get(u) !== 200).map((u) => `${site.status.get(u)} ${u}`);
  expect(missing, 'catalog pages that do not answer 200').toEqual([]);
});

test('math is rendered by KaTeX at build time: no raw $$ or TeX in any page, .katex wherever the source has math', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const catalog = await loadCatalog(request);
  const start = catalogPages(catalog).map((p) => p.url.replace(/#.*$/, ''));
  await page.goto('about:blank');
  const site = await crawl(page, request, start);

  const raw: string[] = [];
  const katexErrors: string[] = [];
  const katexCount = new Map<string, number>();
  for (const [url, html] of site.pages) {
    const { text, katex, katexErrors: errs } = await mainTextOf(page, html);
    katexCount.set(sitePath(url), katex);
    if (errs > 0) katexErrors.push(`${sitePath(url) || '/'}: ${errs} .katex-error`);
    const where = sitePath(url) || '/';
    const snippet = (i: number) => JSON.stringify(text.slice(Math.max(0, i - 40), i + 60).replace(/\s+/g, ' '));
    const dd = text.indexOf('$$');
    if (dd >= 0) raw.push(`${where}: raw $$ near ${snippet(dd)}`);
    const tex = RAW_TEX.exec(text);
    if (tex) raw.push(`${where}: raw TeX ${tex[0]} near ${snippet(tex.index)}`);
    const inline = RAW_INLINE_MATH.exec(text);
    if (inline) raw.push(`${where}: unrendered inline math near ${snippet(inline.index)}`);
  }
  expect.soft(raw, 'math left as text').toEqual([]);
  expect.soft(katexErrors, 'KaTeX parse errors').toEqual([]);

  // The page the brief names has math; so does every page whose source has $...$ or $$...$$.
  const hw3p2 = site.pages.get(localBaseURL() + HW3_P2);
  expect(hw3p2, `${HW3_P2} was crawled`).toBeDefined();
  expect(katexCount.get(HW3_P2) ?? 0, `.katex elements on ${HW3_P2}`).toBeGreaterThan(0);

  const sources = mathSources();
  expect(sources.length, 'docs sources with math (src/content/docs)').toBeGreaterThan(0);
  for (const s of sources) {
    let n = katexCount.get(s.path);
    if (n === undefined) {
      // Not reached by links: fetch it directly.
      const res = await request.get(localBaseURL() + s.path);
      expect.soft(res.status(), `${s.file} has math; its page ${SITE_BASE}${s.path} should exist`).toBe(200);
      if (res.status() !== 200) continue;
      n = (await mainTextOf(page, await res.text())).katex;
    }
    expect.soft(n, `${s.file} has math, so ${SITE_BASE}${s.path} should show .katex elements`).toBeGreaterThan(0);
  }
});

test('Pagefind search finds the HW3 Problem 2 page', async ({ page }) => {
  const url = localBaseURL() + HW3_P2;
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);

  // A word that is on the page: "boxcar" if the write-up uses it, else its longest word.
  const text = (await page.locator('main').innerText()).toLowerCase();
  let word = 'boxcar';
  if (!text.includes(word)) {
    const words = text.match(/\b[a-z]{6,}\b/g) ?? [];
    expect(words.length, `words on ${HW3_P2}`).toBeGreaterThan(0);
    word = words.reduce((a, b) => (b.length > a.length ? b : a));
  }
  test.info().annotations.push({ type: 'search word', description: word });

  await page.locator('site-search button[data-open-modal]').first().click();
  const dialog = page.locator('site-search dialog[open]');
  await expect(dialog).toBeVisible();
  const input = dialog.locator('.pagefind-ui__search-input');
  await expect(input).toBeVisible({ timeout: 30_000 });
  await input.fill(word);

  const results = dialog.locator('.pagefind-ui__result-link');
  await expect(results.first(), `search results for "${word}"`).toBeVisible({ timeout: 30_000 });
  const target = SITE_BASE + HW3_P2;
  await expect
    .poll(
      async () => {
        const hrefs = await results.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        return hrefs.map((h) => new URL(h).pathname);
      },
      { message: `a search result for "${word}" links to ${target}`, timeout: 30_000 },
    )
    .toContain(target);
});

test('"On this page" marks the section being read, on a wide screen and in the phone bar', async ({ browser }) => {
  // HW4 P1: the longest write-up (the one Starlight's own list was slowest on), several sections.
  const path = 'eecs182-sp23/hw4/1-dropout/';
  for (const [width, list] of [
    [1280, 'site-toc'],
    [390, 'mobile-site-toc'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const errors = watchPage(page);
    await page.goto(localBaseURL() + path);
    const toc = page.locator(list);
    await expect(toc, `${list} is on the page at ${width} px`).toHaveCount(1);
    const headings = await page.locator('.sl-markdown-content h2[id]').evaluateAll((hs) => hs.map((h) => ({ id: h.id, text: h.textContent!.trim() })));
    expect(headings.length).toBeGreaterThanOrEqual(4);
    // Jumps from the list, down and back up the page: each heading lands under the header (long
    // write-ups draw off-screen blocks late, which used to push it down) and the list marks it.
    for (const h of [headings[3]!, headings.at(-2)!, headings[1]!, headings[2]!]) {
      if (list === 'mobile-site-toc') await toc.locator('summary').click();
      await toc.locator(`a[href="#${h.id}"]`).click();
      await expect(page, `${width} px: jumped to ${h.id}`).toHaveURL(new RegExp(`#${h.id}$`));
      // Near the top, unless the page ends first (the last section may be short).
      const landed = (id: string) =>
        page.evaluate((id) => {
          const top = document.getElementById(id)!.getBoundingClientRect().top;
          const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
          return top < 160 || atBottom;
        }, id);
      await expect.poll(() => landed(h.id), { message: `${width} px: ${h.id} lands near the top` }).toBe(true);
      const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, h.id);
      expect(top, `${width} px: ${h.id} below the header`).toBeGreaterThan(40);
      await expect(toc.locator('a[aria-current="true"]'), `${width} px: ${h.id}`).toHaveAttribute('href', `#${h.id}`);
      if (list === 'mobile-site-toc') await expect(toc.locator('.display-current')).toHaveText(h.text);
    }
    // A paragraph inside a section is read under its heading.
    await page.evaluate((id) => {
      const wrapper = document.getElementById(id)!.closest('.sl-heading-wrapper') ?? document.getElementById(id)!;
      let next = wrapper.nextElementSibling;
      while (next && next.localName !== 'p') next = next.nextElementSibling;
      next!.scrollIntoView();
      window.scrollBy(0, -100);
    }, headings[2]!.id);
    await expect(toc.locator('a[aria-current="true"]'), `${width} px: inside ${headings[2]!.id}`).toHaveAttribute('href', `#${headings[2]!.id}`);
    // Back to the top: the page title.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', '#_top');
    if (list === 'mobile-site-toc') {
      // The bar opens, and closes with Escape, handing focus back to its summary.
      await toc.locator('summary').click();
      await expect(toc.locator('details')).toHaveAttribute('open', '');
      await page.keyboard.press('Escape');
      await expect(toc.locator('details')).not.toHaveAttribute('open', '');
      await expect(toc.locator('summary')).toBeFocused();
    }
    expect(errors.problems(), `${width} px: console errors`).toEqual([]);
    await context.close();
  }
});

test('a write-up page without demos (homework overview) loads no onnxruntime file', async ({ browser, request }) => {
  const catalog: Catalog = await loadCatalog(request);
  expect(catalog.homeworks.length).toBeGreaterThan(0);
  test.setTimeout(60_000 + catalog.homeworks.length * 30_000);
  const context = await browser.newContext();
  try {
    for (const hw of catalog.homeworks) {
      const page = await context.newPage();
      const watch = watchPage(page);
      const url = toLocal(hw.url);
      expect((await page.goto(url))?.status(), url).toBe(200);
      expect(await page.locator('[data-demo]').count(), `${url} is an overview with no demo`).toBe(0);
      await settle(page);
      // Islands that hydrate when visible would load now.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await settle(page);
      expect(watch.requests.length, `${url} made requests`).toBeGreaterThan(0);
      const ort = watch.requests.filter((u) => ORT_REQUEST.test(new URL(u).pathname));
      expect.soft(ort, `${url} should not request onnxruntime/wasm/onnx files`).toEqual([]);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

// That every embed page runs on load, and exposes its backend and result, is checked in the
// every-page pass of tests/e2e/pages.spec.ts; here each is opened without running (autorun=0).
test("an unknown address answers 404 with the site's 404 page", async ({ request }) => {
  const res = await request.get(localBaseURL() + 'no-such-page-here/', { failOnStatusCode: false });
  expect(res.status()).toBe(404);
  expect(res.headers()['content-type']).toContain('text/html');
  expect((await res.text()).length).toBeGreaterThan(100);
});
