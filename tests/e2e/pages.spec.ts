// Every page of the site, opened once: the landing page and every page the catalog names (new
// pages are picked up from catalog.json). On each, in one visit:
//
// 1. It loads with no console error, uncaught exception, failed request or response >= 400, no
//    demo ends in the error state, and its icon is declared under the base path and answers 200.
//    Embed pages autorun by default and are opened that way, in the 800×600 frame they are made
//    for, so their demos run here: each must end done, say its backend, publish its result as
//    JSON, show none of the site's chrome and not scroll sideways.
// 2. axe-core's WCAG 2.0/2.1 A and AA rules pass in the light colour scheme.
// 3. The same page, not reloaded, switched to the dark scheme, passes the colour rules again.
//
// The embed pages are audited after their demo ran, so axe sees the live result an embed reader
// sees; the build-time (idle) rendering of every demo is audited on its standalone page and on the
// write-ups, where nothing runs on load.
//
// The colour scheme is switched the way the two shells read it: embed pages (embed.css) follow
// prefers-color-scheme only; Starlight pages follow <html data-theme>, which its theme script
// keeps in step with prefers-color-scheme while the reader has picked no theme. The test checks
// that the computed colours did change, so a dark audit cannot silently audit the light page.
//
// Pages are shared out between PAGE_SHARDS tests by the size of their HTML (the long write-ups
// with many demos cost the most), so that two workers running them end together.

import { test, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { SITE_BASE } from './support/env.ts';
import {
  loadCatalog,
  catalogPages,
  sitePath,
  watchPage,
  faviconUrls,
  settle,
  autoruns,
  balancedShards,
  pagesFilter,
  type SitePage,
} from './support/site.ts';

/** As many as the workers: each takes half of the pages (the two ended 5 to 12 s apart). */
const PAGE_SHARDS = 2;
/**
 * What a page costs beyond its HTML, in bytes of HTML that take as long (roughly, from one run's
 * times per page): a fresh context, the navigation, the network going quiet, three axe runs. An
 * embed page also runs its demo, which its HTML does not tell: the few embeds that train for long
 * (memorization, dropout-real) are what is left of the imbalance.
 */
const PAGE_OVERHEAD_BYTES = 60_000;
/** Time a page may take from when its check starts: a page that hangs fails within it. */
const PAGE_TIMEOUT = 180_000;

/**
 * Embed pages run their demo on load. The demos below train for 5 to 30 s in their default state
 * (most of it on the software WebGPU adapter), so their embeds are opened in a small state on
 * WASM instead: the live result has the same parts, and each demo's own spec tests its default
 * run and both backends.
 */
const SMALL_EMBED_STATES: Record<string, string> = {
  memorization: 'train=64&batch=32&epochs=2',
  'dropout-real': 'p=0,0.5&train=64&epochs=1',
  lenet: 'train=64&epochs=2',
  edges: 'per_class=2&val_per_class=2&epochs=2&batch=2',
  'batch-size': 'batches=8,64&epochs=1&train=128',
  dropout: 'batch=8&steps=200&sweep=0.2',
  momentum: 'steps=20',
  vanishing: 'depth=4',
};

/** Where a page is opened: an embed of a demo above in its small state, on WASM. */
function openedAt(p: SitePage): string {
  const m = /\/embed\/([^/]+)\/$/.exec(new URL(p.url).pathname);
  const small = m && SMALL_EMBED_STATES[m[1]!];
  return small ? `${p.url}?${small}&backend=wasm` : p.url;
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * WCAG 2.5.3 Label in Name (level A). axe tags this rule `experimental`, which leaves it out of a
 * run by tags; it is switched on by name so that a control whose visible label is not part of its
 * accessible name (Starlight's search button did this) fails here too.
 */
const EXTRA_RULES = ['label-content-name-mismatch'];
/** The rules whose outcome depends on the colour scheme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
type Scheme = 'light' | 'dark';

test.describe.configure({ mode: 'parallel' });

interface SchemeState {
  starlight: boolean;
  theme: string | null;
  dark: boolean;
  background: string;
  color: string;
}

function schemeState(page: Page): Promise<SchemeState> {
  return page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return {
      starlight: !!document.querySelector('starlight-theme-select'),
      theme: document.documentElement.dataset.theme ?? null,
      dark: matchMedia('(prefers-color-scheme: dark)').matches,
      background: body.backgroundColor,
      color: body.color,
    };
  });
}

/** Both frames painted, and any colour transition the switch started run to its end. */
function stylesSettled(page: Page): Promise<void> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.race([
      Promise.all(transitions.map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
  });
}

/** Checks that the page shows `scheme`; returns whether it does (the audit is meaningless if not). */
function expectScheme(state: SchemeState, p: SitePage, scheme: Scheme): boolean {
  expect.soft(state.dark, `${p.label}: prefers-color-scheme is ${scheme}`).toBe(scheme === 'dark');
  if (state.starlight) expect.soft(state.theme, `${p.label}: <html data-theme>`).toBe(scheme);
  return state.dark === (scheme === 'dark') && (!state.starlight || state.theme === scheme);
}

/**
 * axe-core's source, resolved from @axe-core/playwright, whose dependency it is: the engine that
 * package would run. Each page gets it once and axe.run() is called in the page directly, because
 * AxeBuilder.analyze() injects its 1.3 MB again on every call and finishes each run in a new blank
 * page, ~0.7 s a run, three runs a page. (AxeBuilder's own legacy mode runs axe.run() the same way;
 * no page here has an iframe, which is all its frame handling is for.)
 */
const AXE_SOURCE: string = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core').source;

interface Violation {
  id: string;
  impact?: string | null;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function axeRun(page: Page, context: { include: string[]; exclude: string[] }, options: object): Promise<Violation[]> {
  return page.evaluate(
    async ({ context, options }) => {
      const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Violation[] }> } }).axe;
      // Only violations are read; asking for passes too costs a selector per passing node.
      const { violations } = await axe.run(context, { ...options, resultTypes: ['violations'] });
      return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    },
    { context, options },
  );
}

/** Runs axe on the page as it is; returns one line per failing node, naming the page and scheme. */
async function audit(page: Page, p: SitePage, scheme: Scheme, rules: 'all' | 'colour'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) for (const frame of page.frames()) await frame.evaluate(AXE_SOURCE);
  // The page's structure is the same in both schemes: its rules run once, in the light one.
  const structure =
    rules === 'all'
      ? await axeRun(
          page,
          { include: [], exclude: [] },
          {
            runOnly: { type: 'tag', values: TAGS },
            rules: Object.fromEntries([...COLOUR_RULES.map((r) => [r, { enabled: false }]), ...EXTRA_RULES.map((r) => [r, { enabled: true }])]),
          },
        )
      : [];
  // Typeset math takes the colour of the text around it (no page sets a colour in TeX), and its
  // thousands of glyph spans were most of axe's time on the long write-ups.
  const colour = await axeRun(page, { include: [], exclude: ['.katex'] }, { runOnly: { type: 'rule', values: COLOUR_RULES } });
  const where = `${sitePath(p.url) || '/'} [${scheme}]`;
  return [...structure, ...colour].flatMap((v) =>
    v.nodes.map((n) => {
      const detail = (n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim();
      return `${where} ${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')}${detail ? ` - ${detail}` : ''}`;
    }),
  );
}

function expectNoViolations(found: string[], p: SitePage, scheme: Scheme): void {
  const summary = new Map<string, number>();
  for (const line of found) {
    const rule = / (\S+) \(/.exec(line)?.[1] ?? '?';
    summary.set(rule, (summary.get(rule) ?? 0) + 1);
  }
  const head = [...summary].map(([r, n]) => `${r}: ${n}`).join(', ');
  expect
    .soft(found, `axe violations on ${sitePath(p.url) || '/'} in the ${scheme} scheme (${found.length} nodes; ${head}):\n${found.join('\n')}\n`)
    .toEqual([]);
}

for (let shard = 0; shard < PAGE_SHARDS; shard++) {
  test(`every catalog page loads with no console error and no failed request, and axe finds no WCAG 2.1 A/AA violation in the light and dark schemes (${shard + 1}/${PAGE_SHARDS})`, async ({
    browser,
    request,
  }) => {
    const started = Date.now();
    const catalog = await loadCatalog(request);
    const all = catalogPages(catalog);
    expect(all.length).toBeGreaterThan(1);
    const keep = pagesFilter();
    const chosen = keep ? all.filter(keep) : all;
    if (keep) test.info().annotations.push({ type: 'E2E_PAGES', description: `${chosen.length} of ${all.length} pages: ${process.env.E2E_PAGES}` });
    expect(chosen.length, `pages matching E2E_PAGES=${process.env.E2E_PAGES}`).toBeGreaterThan(0);

    const sizes = await Promise.all(chosen.map(async (p) => (await (await request.get(p.url)).body()).length));
    const pages = balancedShards(
      chosen,
      sizes.map((s) => s + PAGE_OVERHEAD_BYTES),
      PAGE_SHARDS,
    )[shard];
    test.skip(pages.length === 0, 'E2E_PAGES left no page for this shard');

    for (const p of pages) {
      test.setTimeout(Date.now() - started + PAGE_TIMEOUT);
      await test.step(p.label, async () => {
        // A fresh context per page: a cold first visit, and the browser's own requests (favicon)
        // are made, and can fail, on every page rather than once.
        // An embed page is opened in the 800×600 frame it is made for.
        const embed = p.kind === 'embed';
        const context = await browser.newContext({ colorScheme: 'light', ...(embed ? { viewport: { width: 800, height: 600 } } : {}) });
        try {
          const page = await context.newPage();
          const watch = watchPage(page);
          const url = openedAt(p);
          const response = await page.goto(url);
          expect.soft(response?.status(), `${url} status`).toBe(200);
          await settle(page, { expectRun: autoruns(p.url) });
          const demosInError = await page
            .locator('[data-demo][data-state="error"]')
            .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-demo')}: ${(e.textContent ?? '').trim().slice(0, 200)}`));
          expect.soft(demosInError, `${p.url}: demos in the error state`).toEqual([]);
          // A page whose demo ran on load (embeds autorun) exposes what ran and its result, as the
          // demo contract says: the backend that ran and the result as JSON.
          if (autoruns(p.url)) {
            const ran = await page.locator('[data-demo]').evaluateAll((els) =>
              els.map((e) => {
                const json = e.querySelector('script[type="application/json"][data-demo-result]')?.textContent ?? '';
                let parses = true;
                try {
                  JSON.parse(json);
                } catch {
                  parses = false;
                }
                return { demo: e.getAttribute('data-demo'), state: e.getAttribute('data-state'), backend: e.getAttribute('data-backend'), parses };
              }),
            );
            for (const r of ran) {
              expect.soft(r.state, `${p.url}: ${r.demo} ran to done`).toBe('done');
              expect.soft(r.backend ?? '', `${p.url}: ${r.demo} data-backend`).toMatch(/^(webgpu|wasm)$/);
              expect.soft(r.parses, `${p.url}: ${r.demo} data-demo-result holds JSON`).toBe(true);
            }
          }
          if (embed) {
            // The demo alone: none of the site's chrome, one demo, and no sideways scrolling in
            // its 800 px frame once the live result is drawn.
            const chrome = await page.evaluate(() => {
              const found: string[] = [];
              const starlight = ['header.header', 'nav.sidebar', '#starlight__sidebar', 'site-search', 'starlight-theme-select', 'starlight-toc', 'mobile-starlight-toc', 'site-toc', 'mobile-site-toc', 'starlight-menu-button', '.sidebar-pane', '.right-sidebar', '.pagination-links'];
              for (const sel of starlight) if (document.querySelector(sel)) found.push(sel);
              for (const el of Array.from(document.querySelectorAll('header, footer, nav'))) {
                if (!el.closest('[data-demo]')) found.push(`<${el.tagName.toLowerCase()} class="${el.className}">`);
              }
              return found;
            });
            expect.soft(chrome, `${url}: site chrome on an embed page`).toEqual([]);
            expect.soft(await page.locator('[data-demo]').count(), `${url}: one demo`).toBe(1);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect.soft(overflow, `${url}: no horizontal scrolling in an 800 px frame`).toBeLessThanOrEqual(0);
          }

          // The browser fetches the favicon on its own schedule (before or after we look), so its
          // console noise is left out here and the icon is checked directly: declared, under the
          // base path, answering 200.
          const icons = await faviconUrls(page);
          expect.soft(icons.declared, `${p.url}: declares an icon (<link rel="icon">)`).not.toEqual([]);
          for (const icon of icons.declared) {
            const iconPath = new URL(icon).pathname;
            expect.soft(iconPath.startsWith(SITE_BASE), `${p.url}: icon ${icon} is under ${SITE_BASE}`).toBe(true);
            const res = await context.request.get(icon, { failOnStatusCode: false });
            expect.soft(res.status(), `${p.url}: icon ${icon}`).toBe(200);
          }

          // Demo frames and long text blocks skip rendering while off screen (content-visibility:
          // auto); lay them all out so that axe measures every one as a reader scrolling by sees
          // it, and wait for that layout before it measures.
          await page.addStyleTag({ content: '.demo-view, .sl-markdown-content > * { content-visibility: visible !important; }' });
          await stylesSettled(page);
          const light = await schemeState(page);
          if (expectScheme(light, p, 'light')) expectNoViolations(await audit(page, p, 'light', 'all'), p, 'light');

          await page.emulateMedia({ colorScheme: 'dark' });
          if (light.starlight) await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
          await stylesSettled(page);
          const dark = await schemeState(page);
          const switched = expectScheme(dark, p, 'dark');
          expect.soft(dark.background, `${p.label}: the body's background changes from light (${light.background}) to dark`).not.toBe(light.background);
          expect.soft(dark.color, `${p.label}: the body's text colour changes from light (${light.color}) to dark`).not.toBe(light.color);
          if (switched && dark.background !== light.background) expectNoViolations(await audit(page, p, 'dark', 'colour'), p, 'dark');

          // Last, so that anything the audits or the switch of scheme set off is counted too.
          expect.soft(watch.problems(icons.fetched), `${p.url}: console errors and failed requests`).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });
}
