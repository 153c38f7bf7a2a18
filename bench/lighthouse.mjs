// Lighthouse's mobile performance of every write-up page (every problem in catalog.json) and of
// every demo page (demos/<name>/), the site served gzipped as GitHub Pages serves it
// (scripts/serve.mjs). Lighthouse's default config is its mobile preset: a Moto G Power sized
// screen, simulated slow 4G (150 ms RTT, 1.6 Mbit/s down) and 4x CPU slowdown.
//
// Each page is audited LH_RUNS times (default 3) in one headless Chromium (chrome-launcher,
// /usr/bin/chromium or $CHROMIUM_PATH, the flags of tests/e2e/support/chromium.mjs); Lighthouse
// clears the cache and storage before every run. The table shows medians of the score, FCP, LCP,
// TBT, the bytes transferred and the script and document bytes among them. TBT is CPU time on
// this machine times 4: on a shared 2-core machine it is the noisiest figure, so read the load
// average printed above the table.
//
// Called by scripts/bench.mjs (`npm run bench -- lighthouse`), or alone on a built site:
//   node bench/lighthouse.mjs [dist-dir]      (SITE_BASE as it was built, default /course-site/)
// Environment:
//   LH_RUNS=N            runs per page (default 3)
//   LH_PAGES=a,b         only pages whose path contains one of these substrings
//   LH_JSON=file         also write every run's figures as JSON

import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs, findChromium } from '../tests/e2e/support/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Targets of the performance score (0-100): write-ups and demo pages. */
export const TARGETS = { 'write-up': 95, demo: 90 };

/** Every write-up page and demo page of a build, as paths under the base, from its catalog.json. */
export function lighthousePages(outDir) {
  const catalog = JSON.parse(readFileSync(path.join(outDir, 'catalog.json'), 'utf8'));
  // The catalog's URLs are absolute (production origin and base path); keep what follows the base.
  const demo = new URL(catalog.demos[0].url).pathname;
  const basePath = demo.slice(0, demo.length - `demos/${catalog.demos[0].name}/`.length);
  const base = (url) => new URL(url).pathname.slice(basePath.length);
  const writeUps = catalog.homeworks.flatMap((h) => h.problems.map((p) => ({ kind: 'write-up', path: base(p.url) })));
  const demos = catalog.demos.map((d) => ({ kind: 'demo', path: base(d.url) }));
  return [...writeUps, ...demos];
}

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function figures(lhr) {
  const a = lhr.audits;
  const summary = a['resource-summary']?.details?.items ?? [];
  const bytesOf = (type) => summary.find((i) => i.resourceType === type)?.transferSize ?? NaN;
  return {
    score: Math.round((lhr.categories.performance.score ?? NaN) * 100),
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
    si: a['speed-index'].numericValue,
    kib: a['total-byte-weight'].numericValue / 1024,
    jsKib: bytesOf('script') / 1024,
    htmlKib: bytesOf('document') / 1024,
    // Where the main thread's time goes (Lighthouse's groups), to tell script from layout work.
    work: Object.fromEntries(
      Object.entries(
        (a['mainthread-work-breakdown']?.details?.items ?? []).reduce((acc, i) => ({ ...acc, [i.group]: (acc[i.group] ?? 0) + i.duration }), {}),
      ),
    ),
    warnings: lhr.runWarnings ?? [],
  };
}

const WORK_GROUPS = [
  ['scriptEvaluation', 'script'],
  ['scriptParseCompile', 'compile'],
  ['styleLayout', 'style+layout'],
  ['parseHTML', 'parse HTML'],
  ['paintCompositeRender', 'paint'],
  ['garbageCollection', 'GC'],
  ['other', 'other'],
];

/**
 * Audits the pages of the site at `baseUrl` (ending in the base path). Prints the table and
 * returns its rows.
 * @param {string} baseUrl
 * @param {string} outDir the build served there (for its catalog.json)
 */
export async function benchLighthouse(baseUrl, outDir) {
  const runs = Math.max(1, Number(process.env.LH_RUNS || 3));
  const only = (process.env.LH_PAGES || '').split(',').map((s) => s.trim()).filter(Boolean);
  const pages = lighthousePages(outDir).filter((p) => !only.length || only.some((o) => p.path.includes(o)));
  const chromePath = findChromium({ install: true });
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath ?? undefined,
    chromeFlags: ['--headless=new', ...chromiumArgs({ webgpu: false })],
    logLevel: 'silent',
  });
  const all = [];
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const loadBefore = load();
  try {
    for (const p of pages) {
      const url = new URL(p.path, baseUrl).href;
      const got = [];
      for (let i = 0; i < runs; i++) {
        process.stderr.write(`  lighthouse ${p.path}: run ${i + 1}/${runs}...\n`);
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
        got.push(figures(result.lhr));
      }
      all.push({ ...p, runs: got });
    }
  } finally {
    await chrome.kill();
  }
  const rows = all.map((p) => {
    const m = (k) => median(p.runs.map((r) => r[k]));
    return {
      kind: p.kind,
      path: p.path,
      score: m('score'),
      scores: p.runs.map((r) => r.score).join(' '),
      fcp: m('fcp'),
      lcp: m('lcp'),
      tbt: m('tbt'),
      tbts: p.runs.map((r) => r.tbt.toFixed(0)).join(' '),
      cls: m('cls'),
      kib: m('kib'),
      jsKib: m('jsKib'),
      htmlKib: m('htmlKib'),
      target: TARGETS[p.kind],
      work: Object.fromEntries(WORK_GROUPS.map(([g]) => [g, median(p.runs.map((r) => r.work[g] ?? 0))])),
      warnings: [...new Set(p.runs.flatMap((r) => r.warnings))],
    };
  });
  const s = (ms) => (ms / 1000).toFixed(1);
  const header = ['page', 'score', 'runs', 'FCP s', 'LCP s', 'TBT ms', 'TBT runs', 'CLS', 'KiB', 'JS KiB', 'HTML KiB', 'target'];
  const table = rows.map((r) => [
    r.path,
    r.score,
    r.scores,
    s(r.fcp),
    s(r.lcp),
    r.tbt.toFixed(0),
    r.tbts,
    r.cls.toFixed(3),
    r.kib.toFixed(0),
    r.jsKib.toFixed(0),
    r.htmlKib.toFixed(0),
    r.score >= r.target ? `>= ${r.target} ok` : `>= ${r.target} MISSED`,
  ]);
  console.log(`\nLighthouse ${lighthouseVersion()} mobile performance (simulated slow 4G, 4x CPU), site served gzipped; medians of ${runs} run(s) per page`);
  console.log(`Load average (1, 5, 15 min) on ${os.cpus().length} cores: ${loadBefore} before, ${load()} after\n`);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
  console.log(`\nMain-thread work by kind (ms, Lighthouse's mainthread-work-breakdown), medians:`);
  const workHeader = ['page', ...WORK_GROUPS.map(([, label]) => label)];
  const workTable = rows.map((r) => [r.path, ...WORK_GROUPS.map(([g]) => r.work[g].toFixed(0))]);
  const workWidths = workHeader.map((h, i) => Math.max(h.length, ...workTable.map((c) => String(c[i]).length)));
  const workLine = (cells) => cells.map((c, i) => String(c).padEnd(workWidths[i])).join('  ').trimEnd();
  console.log(workLine(workHeader));
  for (const r of workTable) console.log(workLine(r));
  for (const r of rows.filter((x) => x.warnings.length)) console.log(`${r.path}: ${r.warnings.join('; ')}`);
  const missed = rows.filter((r) => !(r.score >= r.target));
  console.log(missed.length ? `\n${missed.length} page(s) below target: ${missed.map((r) => r.path).join(', ')}` : '\nEvery page meets its target.');
  if (process.env.LH_JSON) writeFileSync(process.env.LH_JSON, JSON.stringify(all, null, 2));
  return rows;
}

function lighthouseVersion() {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// Alone: node bench/lighthouse.mjs [dist-dir]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { startServer, normalizeBase } = await import('../scripts/serve.mjs');
  const outDir = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
  const server = await startServer({ root: outDir, base: normalizeBase(process.env.SITE_BASE || '/course-site/'), port: 0 });
  try {
    await benchLighthouse(server.url, outDir);
  } finally {
    await server.close();
  }
}
