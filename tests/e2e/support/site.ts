// Helpers for the site-wide browser tests: the catalog, URL mapping, page watching, crawling.

import type { APIRequestContext, Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE_URL, SITE_BASE, localBaseURL } from './env.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// ---------------------------------------------------------------------------------------------
// The catalog (dist/catalog.json)

export interface CatalogProblem {
  id: string;
  number: number | string;
  title: string;
  url: string;
  parts: unknown;
  demos: unknown;
}
export interface CatalogHomework {
  id: string;
  title: string;
  url: string;
  problems: CatalogProblem[];
}
export interface CatalogDemo {
  name: string;
  title: string;
  url: string;
  embed: string;
  params: unknown[];
}
export interface Catalog {
  homeworks: CatalogHomework[];
  demos: CatalogDemo[];
}

function fail(msg: string): never {
  throw new Error(`catalog.json: ${msg}`);
}

function str(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0)
    fail(`${where}.${key} should be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

/** Checks the shape the tests rely on; throws naming the first field that is wrong. */
export function validateCatalog(data: unknown): Catalog {
  if (!data || typeof data !== 'object') fail('not an object');
  const c = data as Record<string, unknown>;
  if (!Array.isArray(c.homeworks)) fail('"homeworks" should be an array');
  if (!Array.isArray(c.demos)) fail('"demos" should be an array');
  c.homeworks.forEach((hw: Record<string, unknown>, i: number) => {
    const where = `homeworks[${i}]`;
    for (const k of ['id', 'title', 'url']) str(hw, k, where);
    if (!Array.isArray(hw.problems)) fail(`${where}.problems should be an array`);
    (hw.problems as Record<string, unknown>[]).forEach((p, j) => {
      const w = `${where}.problems[${j}]`;
      for (const k of ['id', 'title', 'url']) str(p, k, w);
      if (!('number' in p)) fail(`${w}.number is missing`);
      if (!('parts' in p)) fail(`${w}.parts is missing`);
      if (!Array.isArray(p.demos)) fail(`${w}.demos should be an array`);
    });
  });
  c.demos.forEach((d: Record<string, unknown>, i: number) => {
    const where = `demos[${i}]`;
    for (const k of ['name', 'title', 'url', 'embed']) str(d, k, where);
    if (!Array.isArray(d.params)) fail(`${where}.params should be an array`);
  });
  return data as Catalog;
}

/** Fetches <base>catalog.json from the local server. */
export async function loadCatalog(request: APIRequestContext): Promise<Catalog> {
  const url = localBaseURL() + 'catalog.json';
  const res = await request.get(url);
  if (res.status() !== 200) throw new Error(`GET ${url} answered ${res.status()}; the build should emit catalog.json`);
  return validateCatalog(await res.json());
}

// ---------------------------------------------------------------------------------------------
// URLs

/** The local server's origin, e.g. http://127.0.0.1:40123 */
export function localOrigin(): string {
  return new URL(localBaseURL()).origin;
}

/**
 * Maps a production URL (https://example.github.io/course-site/...) or a path onto the local
 * server. Throws for a URL on any other origin: the catalog must only hold the site's own pages.
 */
export function toLocal(url: string): string {
  const u = new URL(url, localBaseURL());
  if (u.origin === new URL(SITE_URL).origin || u.origin === localOrigin()) {
    return localOrigin() + u.pathname + u.search + u.hash;
  }
  throw new Error(`${url} is not on the site (${SITE_URL}) nor on the local server`);
}

/** The path of a URL relative to the base path ("eecs182-sp23/hw3/2-convolution/"). */
export function sitePath(url: string): string {
  const p = new URL(url, localBaseURL()).pathname;
  return p.startsWith(SITE_BASE) ? p.slice(SITE_BASE.length) : p;
}

export type PageKind = 'landing' | 'homework' | 'problem' | 'demo' | 'embed';
export interface SitePage {
  kind: PageKind;
  /** Local URL to open. */
  url: string;
  label: string;
}

/** The landing page plus every page the catalog names, each once. */
export function catalogPages(catalog: Catalog): SitePage[] {
  const out: SitePage[] = [];
  const seen = new Set<string>();
  const add = (kind: PageKind, url: string) => {
    const local = toLocal(url);
    if (seen.has(local)) return;
    seen.add(local);
    out.push({ kind, url: local, label: `${kind} ${sitePath(local) || '/'}` });
  };
  add('landing', localBaseURL());
  for (const hw of catalog.homeworks) {
    add('homework', hw.url);
    for (const p of hw.problems) add('problem', p.url);
  }
  for (const d of catalog.demos) {
    add('demo', d.url);
    add('embed', d.embed);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Watching a page

/** One thing that went wrong on a page, with the URL it concerns (if any). */
export interface PageProblem {
  kind: 'console error' | 'uncaught' | 'request failed' | 'bad response';
  text: string;
  url?: string;
}

export interface PageWatch {
  requests: string[];
  all: PageProblem[];
  /**
   * Everything that went wrong, one line each, except problems about `skipUrls` (used for the
   * browser's own favicon fetch, which is timed by the browser and checked deterministically instead).
   */
  problems(skipUrls?: Iterable<string>): string[];
}

/** Records console errors, uncaught exceptions, failed requests and responses >= 400. */
export function watchPage(page: Page): PageWatch {
  const w: PageWatch = {
    requests: [],
    all: [],
    problems(skipUrls = []) {
      const skip = new Set(skipUrls);
      return w.all.filter((p) => !(p.url && skip.has(p.url))).map((p) => `${p.kind}: ${p.text}`);
    },
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      w.all.push({
        kind: 'console error',
        text: `${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`,
        url: loc?.url || undefined,
      });
    }
  });
  page.on('pageerror', (err) => w.all.push({ kind: 'uncaught', text: `${err.name}: ${err.message}` }));
  page.on('request', (req) => w.requests.push(req.url()));
  page.on('requestfailed', (req) =>
    w.all.push({
      kind: 'request failed',
      text: `${req.method()} ${req.url()}: ${req.failure()?.errorText ?? '?'}`,
      url: req.url(),
    }),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) {
      w.all.push({
        kind: 'bad response',
        text: `${res.status()} ${res.request().method()} ${res.url()}`,
        url: res.url(),
      });
    }
  });
  return w;
}

/**
 * The icon URLs a browser fetches for this page on its own: each <link rel~="icon"> href, or,
 * when there is none, /favicon.ico at the origin's root (outside the base path on GitHub Pages).
 */
export async function faviconUrls(page: Page): Promise<{ declared: string[]; fetched: string[] }> {
  const declared = await page
    .locator('link[rel~="icon" i]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href).filter(Boolean));
  const fallback = new URL('/favicon.ico', page.url()).href;
  return { declared, fetched: declared.length > 0 ? declared : [fallback] };
}

/**
 * After navigation: waits for every demo on the page to stop running, then for the network to go
 * quiet. With `expectRun`, each demo must reach `done` or `error` (autorun pages).
 */
export async function settle(page: Page, { expectRun = false, timeout = 90_000 } = {}): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    (expectRun) => {
      const demos = Array.from(document.querySelectorAll('[data-demo]'));
      return demos.every((d) => {
        const s = d.getAttribute('data-state');
        return expectRun ? s === 'done' || s === 'error' : s !== 'running';
      });
    },
    expectRun,
    { timeout },
  );
  await page.waitForLoadState('networkidle').catch(() => {});
}

/** Does the URL say autorun=1, or is it an embed page (whose autorun default is 1)? */
export function autoruns(url: string): boolean {
  const u = new URL(url);
  const a = u.searchParams.get('autorun');
  if (a !== null) return a === '1';
  return sitePath(url).startsWith('embed/');
}

// ---------------------------------------------------------------------------------------------
// Text and math checks on static HTML

/** Raw TeX that should have been rendered by KaTeX at build time. */
export const RAW_TEX =
  /\\(?:frac|dfrac|sum|prod|int|math(?:bf|rm|bb|cal|it)|begin|end|left|right|cdot|times|alpha|beta|gamma|delta|epsilon|sigma|theta|lambda|mu|partial|nabla|sqrt|hat|tilde|operatorname|top|leq|geq|infty|in)(?![A-Za-z])/;
/** Inline $...$ left as text: no space after the opening or before the closing dollar. */
export const RAW_INLINE_MATH = /(^|[^\\\w$])\$[^\s$\d][^$\n]{0,200}?[^\s$\\]\$(?![\w$])/;

/**
 * The text a reader sees in the page's main content, minus rendered math and code, computed in
 * the browser from HTML (parsed with DOMParser, so no script runs). Falls back to <body>.
 */
export async function mainTextOf(
  page: Page,
  html: string,
): Promise<{ text: string; katex: number; katexErrors: number }> {
  return page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const root = doc.querySelector('main') ?? doc.body;
    const katex = root.querySelectorAll('.katex').length;
    const katexErrors = root.querySelectorAll('.katex-error').length;
    root
      .querySelectorAll('.katex, .katex-display, pre, code, script, style, template, [data-demo-result]')
      .forEach((el) => el.remove());
    return { text: root.textContent ?? '', katex, katexErrors };
  }, html);
}

/** Returns the hrefs of all <a href> in an HTML document (parsed in the browser, no script). */
export async function linksOf(page: Page, html: string): Promise<string[]> {
  return page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return Array.from(doc.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '');
  }, html);
}

// ---------------------------------------------------------------------------------------------
// Which pages' sources have math

export interface MathSource {
  file: string;
  /** Path under the base: "eecs182-sp23/hw3/2-convolution/" ("" for the landing page). */
  path: string;
}

/** Strip fenced code blocks and inline code, where `$` is not math. */
function withoutCode(src: string): string {
  return src
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/^(import|export) .*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
}

export function hasMath(src: string): boolean {
  const body = withoutCode(src.replace(/^---\n[\s\S]*?\n---\n/, ''));
  return (
    /\$\$[\s\S]+?\$\$/.test(body) ||
    /(^|[^\\\w$])\$[^\s$][^$\n]*?[^\s$\\]\$(?![\w$])/m.test(body) ||
    /(^|[^\\\w$])\$[^\s$\d]\$/m.test(body)
  );
}

/** github-slugger's rule for a path segment, as Astro's content loader slugs file paths. */
function slugSegment(s: string): string {
  return s
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function walk(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(walk(full));
    else if (/\.mdx?$/.test(name)) out.push(full);
  }
  return out;
}

/** Every docs source (src/content/docs) whose text has $...$ or $$...$$ math, with its page path. */
export function mathSources(docsDir = path.join(PROJECT_ROOT, 'src/content/docs')): MathSource[] {
  const out: MathSource[] = [];
  for (const file of walk(docsDir)) {
    const src = readFileSync(file, 'utf8');
    if (!hasMath(src)) continue;
    const fm = /^---\n([\s\S]*?)\n---/.exec(src)?.[1] ?? '';
    const slugLine = /^slug:\s*['"]?([^'"\n]*?)['"]?\s*$/m.exec(fm);
    let slug: string;
    if (slugLine) {
      slug = slugLine[1].replace(/^\/+|\/+$/g, '');
    } else {
      const rel = path
        .relative(docsDir, file)
        .replace(/\\/g, '/')
        .replace(/\.mdx?$/, '');
      slug = rel
        .split('/')
        .map(slugSegment)
        .filter((s, i, all) => !(s === 'index' && i === all.length - 1))
        .join('/');
    }
    out.push({ file: path.relative(PROJECT_ROOT, file), path: slug ? slug + '/' : '' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Crawling the static site (no browser JavaScript)

export interface CrawlResult {
  /** HTML pages fetched, local URL -> HTML. */
  pages: Map<string, string>;
  /** Every distinct internal link target (local URL without #hash) -> pages that link to it. */
  links: Map<string, Set<string>>;
  /** Links that point at the site's host but outside the base path, or malformed. */
  offBase: string[];
  /** Status of every internal link target, checked once, without following redirects. */
  status: Map<string, number>;
}

/**
 * Starts from `start` (local URLs), fetches each page's HTML, collects every <a href> into the
 * site (the local server or the production site URL under the base path), checks each distinct
 * target once (GET, no redirect following) and follows the HTML ones. Bounded to `maxPages`.
 */
export async function crawl(
  page: Page,
  request: APIRequestContext,
  start: string[],
  maxPages = 2000,
): Promise<CrawlResult> {
  const result: CrawlResult = { pages: new Map(), links: new Map(), offBase: [], status: new Map() };
  const queue = [...new Set(start)];
  const queued = new Set(queue);
  const siteOrigin = new URL(SITE_URL).origin;
  const local = localOrigin();

  const check = async (url: string) => {
    if (result.status.has(url)) return result.status.get(url)!;
    const res = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
    result.status.set(url, res.status());
    const type = res.headers()['content-type'] ?? '';
    if (res.status() === 200 && type.startsWith('text/html')) result.pages.set(url, await res.text());
    return res.status();
  };

  while (queue.length > 0 && result.pages.size < maxPages) {
    const url = queue.shift()!;
    await check(url);
    const html = result.pages.get(url);
    if (html === undefined) continue;
    for (const href of await linksOf(page, html)) {
      let target: URL;
      try {
        target = new URL(href, url);
      } catch {
        result.offBase.push(`${sitePath(url)}: malformed href ${JSON.stringify(href)}`);
        continue;
      }
      if (target.origin !== local && target.origin !== siteOrigin) continue; // external
      if (!target.pathname.startsWith(SITE_BASE)) {
        result.offBase.push(`${sitePath(url) || '/'}: ${href} is outside the base path ${SITE_BASE}`);
        continue;
      }
      target.hash = '';
      const t = local + target.pathname + target.search;
      if (!result.links.has(t)) result.links.set(t, new Set());
      result.links.get(t)!.add(url);
      if (!queued.has(t)) {
        queued.add(t);
        queue.push(t);
      }
    }
  }
  // Any link target not reached by the crawl bound still gets its status checked.
  for (const t of result.links.keys()) await check(t);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Sharing pages out between tests

/**
 * Splits `items` into `n` groups of near-equal total weight: heaviest first, each onto the group
 * lightest so far (the lower index on a tie), so that tests given a group each, run side by side,
 * end together. Deterministic: every shard test computes the same split from the same build, in
 * whichever worker it runs, and takes its own group. Within a group the input order is kept.
 */
export function balancedShards<T>(items: readonly T[], weights: readonly number[], n: number): T[][] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`balancedShards: n should be a positive integer, got ${n}`);
  if (weights.length !== items.length) throw new Error(`balancedShards: ${items.length} items but ${weights.length} weights`);
  const order = items.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  const load = new Array<number>(n).fill(0);
  const groupOf = new Array<number>(items.length);
  for (const i of order) {
    let g = 0;
    for (let k = 1; k < n; k++) if (load[k] < load[g]) g = k;
    groupOf[i] = g;
    load[g] += weights[i];
  }
  return load.map((_, g) => items.filter((_, i) => groupOf[i] === g));
}

/**
 * `E2E_PAGES=a,b` keeps only the pages whose path under the base ("eecs182-sp23/hw4/1-dropout/",
 * "embed/pooling/", "/" for the landing page) starts with one of the comma-separated parts
 * ("eecs182-sp23/hw4/" is all of Homework 4); unset, every page stays. For checking one's own pages
 * while writing them; a full run leaves it unset.
 */
export function pagesFilter(env = process.env.E2E_PAGES): ((p: SitePage) => boolean) | null {
  const parts = (env ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  return (p) => parts.some((s) => (sitePath(p.url) || '/').startsWith(s));
}
