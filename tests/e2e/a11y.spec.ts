// Accessibility: axe-core's WCAG 2.0/2.1 A and AA rules on the landing page and every page the
// catalog names: all of them in the light colour scheme, the colour rules again in the dark one.
//
// No demo runs here: every page shows its build-time result in static HTML, and that is what is
// checked (embed pages, which autorun by default, are opened with autorun=0). The colour scheme
// is set the way both shells read it: prefers-color-scheme for the embed pages (embed.css), and
// Starlight's theme script, which takes localStorage 'starlight-theme' first and falls back to
// prefers-color-scheme; the test sets both and checks <html data-theme> on Starlight pages.

import { test, expect, type Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadCatalog, catalogPages, sitePath, type SitePage } from './support/site.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * WCAG 2.5.3 Label in Name (level A). axe tags this rule `experimental`, which leaves it out of a
 * run by tags; it is switched on by name so that a control whose visible label is not part of its
 * accessible name (Starlight's search button did this) fails here too.
 */
const EXTRA_RULES = ['label-content-name-mismatch'];
/** The rules whose outcome depends on the colour scheme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

test.describe.configure({ mode: 'parallel' });

function urlFor(p: SitePage): string {
  if (p.kind !== 'embed') return p.url;
  const u = new URL(p.url);
  if (!u.searchParams.has('autorun')) u.searchParams.set('autorun', '0');
  return u.href;
}

/** Runs axe on one page in one scheme; returns one line per failing node. */
async function audit(browser: Browser, p: SitePage, scheme: Scheme): Promise<string[]> {
  const context = await browser.newContext({ colorScheme: scheme });
  try {
    await context.addInitScript((theme) => {
      try {
        localStorage.setItem('starlight-theme', theme);
      } catch {
        /* storage may be unavailable; prefers-color-scheme still says the same */
      }
    }, scheme);
    const page = await context.newPage();
    const url = urlFor(p);
    const response = await page.goto(url);
    expect(response?.status(), `${url} status`).toBe(200);
    await page.waitForLoadState('load');
    // Custom elements upgrade on load; let any demo that starts anyway settle before auditing.
    await page
      .waitForFunction(() => [...document.querySelectorAll('[data-demo]')].every((d) => d.getAttribute('data-state') !== 'running'), null, {
        timeout: 30_000,
      })
      .catch(() => {});
    const theme = await page.evaluate(() => ({
      starlight: !!document.querySelector('starlight-theme-select'),
      theme: document.documentElement.dataset.theme ?? null,
      dark: matchMedia('(prefers-color-scheme: dark)').matches,
    }));
    expect(theme.dark, `${p.label}: prefers-color-scheme is ${scheme}`).toBe(scheme === 'dark');
    if (theme.starlight) expect(theme.theme, `${p.label}: <html data-theme>`).toBe(scheme);

    // Demo frames and long text blocks skip rendering while off screen (content-visibility:
    // auto); lay them all out so that axe measures every one as a reader scrolling by sees it,
    // and wait for that layout before it measures.
    await page.addStyleTag({ content: '.demo-frame, .sl-markdown-content > * { content-visibility: visible !important; }' });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

    // The page's structure is the same in both schemes: its rules run once, in the light one.
    // Colours run in both. One options object per run: AxeBuilder.options() replaces what
    // withTags() set, so runOnly goes here.
    const structure =
      scheme === 'light'
        ? (
            await new AxeBuilder({ page })
              .options({
                runOnly: { type: 'tag', values: TAGS },
                rules: Object.fromEntries([...COLOUR_RULES.map((r) => [r, { enabled: false }]), ...EXTRA_RULES.map((r) => [r, { enabled: true }])]),
              })
              .analyze()
          ).violations
        : [];
    // Typeset math takes the colour of the text around it (no page sets a colour in TeX), and its
    // thousands of glyph spans were most of axe's time on the long write-ups.
    const colour = (await new AxeBuilder({ page }).options({ runOnly: { type: 'rule', values: COLOUR_RULES } }).exclude('.katex').analyze()).violations;
    const results = { violations: [...structure, ...colour] };
    const where = `${sitePath(url) || '/'} [${scheme}]`;
    return results.violations.flatMap((v) =>
      v.nodes.map((n) => {
        const detail = (n.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim();
        return `${where} ${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')}${detail ? ` - ${detail}` : ''}`;
      }),
    );
  } finally {
    await context.close();
  }
}

// One test per colour scheme: the two run side by side (2 workers) and carry the same pages, so
// they take about as long as each other.
for (const scheme of SCHEMES) {
  test(`axe finds no WCAG 2.1 A/AA violation on the landing page and any catalog page (${scheme})`, async ({ browser, request }) => {
    const catalog = await loadCatalog(request);
    const pages = catalogPages(catalog);
    expect(pages.length).toBeGreaterThan(1);
    // The two longest pages take ~40 s each on a loaded 2-core machine.
    test.setTimeout(120_000 + pages.length * 20_000);

    const found: string[] = [];
    for (const p of pages) {
      await test.step(p.label, async () => {
        found.push(...(await audit(browser, p, scheme)));
      });
    }
    const summary = new Map<string, number>();
    for (const line of found) {
      const rule = / (\S+) \(/.exec(line)?.[1] ?? '?';
      summary.set(rule, (summary.get(rule) ?? 0) + 1);
    }
    const head = [...summary].map(([r, n]) => `${r}: ${n}`).join(', ');
    expect(found, `axe violations in the ${scheme} scheme (${found.length} nodes; ${head}):\n${found.join('\n')}\n`).toEqual([]);
  });
}
