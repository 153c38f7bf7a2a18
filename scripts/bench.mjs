#!/usr/bin/env node
// npm run bench [-- FILTER...]
//
// Opens demo pages COLD (a fresh browser context: empty HTTP cache, no storage) in headless
// Chromium, once per case below, and prints what a first visit costs: bytes transferred, number of
// requests, milliseconds from navigation start to the first live result (the demo root's
// data-state turning "done" after a run), the backend that actually ran, and the wasm files
// fetched. Figures are printed, not asserted.
//
// Environment:
//   BENCH_SKIP_BUILD=1   use the existing build (built with the same SITE_BASE)
//   BENCH_DIST=dir       build into / serve from `dir` instead of dist/ (astro build --outDir dir)
//   SITE_URL, SITE_BASE  what to build for (default https://example.github.io, /course-site/)
//   BENCH_RUNS=N         cold loads per case (default 1); the table shows the median
//   BENCH_TIMEOUT_MS     per load (default 180000)
//   CHROMIUM_PATH        the browser (else /usr/bin/chromium, else Playwright's own)
// Arguments: substrings; only cases whose name contains one of them run. `lighthouse` runs
// bench/lighthouse.mjs alone: Lighthouse's mobile performance score, FCP, LCP, TBT and bytes of
// every write-up and demo page, served gzipped (LH_RUNS, LH_PAGES: see that file).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './serve.mjs';
import { findChromium, chromiumArgs } from '../tests/e2e/support/chromium.mjs';
import { benchEdgesTraining } from '../bench/edges-training.mjs';
import { benchLenetTraining } from '../bench/lenet-training.mjs';
import { benchLighthouse } from '../bench/lighthouse.mjs';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// The cases. Add demos (or figures on other pages) here: one row per page and backend.
//   demo:  the data-demo name of the root element to wait for
//   path:  the page, relative to the site's base path
//   query: query-string parameters (the demo contract's: backend, autorun, seed, ...)

const BACKENDS = ['wasm', 'webgpu'];
//   label: tells two cases of one demo apart; backends: only these (default BACKENDS)
//   perUnit: for training demos, [unit name, (result JSON) => how many units the run did]; the
//            table then shows the run's in-browser time (data-run-ms) per unit
const perEpoch = ['epoch', (r) => r.epochs * r.models.length];
const memorizationEpochs = ['epoch', (r) => r.history.length];
const DEMOS = [
  { demo: 'conv2d', path: 'demos/conv2d/', query: {} },
  // The default run (2 models x 12 epochs of 2,048 digits); too slow for the software WebGPU adapter.
  { demo: 'dropout-real', label: 'default', path: 'demos/dropout-real/', query: {}, backends: ['wasm'], perUnit: perEpoch },
  { demo: 'dropout-real', label: 'small', path: 'demos/dropout-real/', query: { train: '128', epochs: '1' }, perUnit: perEpoch },
  // Memorization: time per epoch of 512 digits (8 steps and the evaluation of 512 + 500 digits) on
  // both backends; the default run (150 such epochs) on WASM only, too long for software WebGPU.
  { demo: 'memorization', label: 'default', path: 'demos/memorization/', query: {}, backends: ['wasm'], perUnit: memorizationEpochs },
  { demo: 'memorization', label: 'small', path: 'demos/memorization/', query: { epochs: '4' }, perUnit: memorizationEpochs },
  // Memory: counting the default ResNet-152 (building, encoding, decoding and shape-inferring its
  // graph at six batch sizes, plus the onnxruntime probe of its stem and two blocks), per count.
  { demo: 'memory', label: 'ResNet-152', path: 'demos/memory/', query: {}, backends: ['wasm'], perUnit: ['count', () => 1] },
  { demo: 'batch-size', label: 'default', path: 'demos/batch-size/', query: {}, backends: ['wasm'], perUnit: ['epoch', (r) => r.runs.length * r.runs[0].epochs.length] },
  // Inception: both modules of SNU HW5 P5 counted from their graphs, then 1 + 5 runs of each (WASM only: a 1.1-GMAC graph is too slow for software WebGPU).
  { demo: 'inception', label: 'default', path: 'demos/inception/', query: {}, backends: ['wasm'] },
  // LeNet-5: the default run (10 epochs of 1,000 digits) on WASM only; 2 epochs of 128 on both.
  { demo: 'lenet', label: 'default', path: 'demos/lenet/', query: {}, backends: ['wasm'], perUnit: memorizationEpochs },
  { demo: 'lenet', label: 'small', path: 'demos/lenet/', query: { train: '128', epochs: '2' }, perUnit: memorizationEpochs },
  // Batch norm: one graph each (1000 2-D samples and their statistics; a 4×3 backward pass).
  { demo: 'batchnorm', label: 'default', path: 'demos/batchnorm/', query: {} },
  { demo: 'batchnorm-grad', label: 'default', path: 'demos/batchnorm-grad/', query: {} },
];

const CASES = DEMOS.flatMap(({ demo, label, path: pagePath, query, backends, perUnit }) =>
  (backends ?? BACKENDS).map((backend) => ({
    name: `${demo}${label ? ` ${label}` : ''} ${backend}`,
    demo,
    path: pagePath,
    query: { ...query, backend, autorun: '1' },
    perUnit,
  })),
);

// ---------------------------------------------------------------------------------------------

const SITE_URL = process.env.SITE_URL || 'https://example.github.io';
const SITE_BASE = normalizeBase(process.env.SITE_BASE || '/course-site/');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 1));
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS || 180_000);

/** Recorded in the page before any of its scripts run: when the demo first finished a live run. */
function installDoneProbe(demo) {
  const w = /** @type {any} */ (window);
  w.__bench = { done: undefined, error: undefined, sawRunning: false };
  const selector = `[data-demo="${demo}"]`;
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const el = /** @type {Element} */ (r.target);
      if (r.attributeName !== 'data-state' || !el.matches(selector)) continue;
      if (r.oldValue === 'running') w.__bench.sawRunning = true;
    }
    const el = document.querySelector(selector);
    if (!el) return;
    const state = el.getAttribute('data-state');
    if (state === 'running') w.__bench.sawRunning = true;
    if (state === 'done' && w.__bench.sawRunning && w.__bench.done === undefined) w.__bench.done = performance.now();
    if (state === 'error' && w.__bench.error === undefined) {
      w.__bench.error = { at: performance.now(), text: (el.textContent || '').trim().slice(0, 300) };
    }
  });
  observer.observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-state'],
    attributeOldValue: true,
  });
}

async function runOnce(browser, baseUrl, c) {
  // serviceWorkers: 'block': the site's worker would precache the whole site during the measurement.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(installDoneProbe, c.demo);

  /** @type {Promise<{url: string, bytes: number, status: number}>[]} */
  const finished = [];
  let failed = 0;
  context.on('requestfinished', (req) => {
    finished.push(
      (async () => {
        const sizes = await req.sizes().catch(() => null);
        const res = await req.response().catch(() => null);
        return {
          url: req.url(),
          bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
          status: res?.status() ?? 0,
        };
      })(),
    );
  });
  context.on('requestfailed', () => failed++);

  const url = new URL(c.path, baseUrl);
  for (const [k, v] of Object.entries(c.query)) url.searchParams.set(k, String(v));

  const row = {
    case: c.name,
    asked: String(c.query.backend ?? ''),
    ran: '-',
    state: '-',
    ms: NaN,
    requests: 0,
    bytes: 0,
    wasmBytes: 0,
    wasm: [],
    failed: 0,
    note: '',
    perUnit: '',
  };
  try {
    await page.goto(url.href, { waitUntil: 'commit', timeout: TIMEOUT });
    const handle = await page.waitForFunction(
      () => {
        const b = /** @type {any} */ (window).__bench;
        return b && (b.done !== undefined || b.error !== undefined) ? b : null;
      },
      undefined,
      { timeout: TIMEOUT, polling: 50 },
    );
    const b = await handle.jsonValue();
    const root = page.locator(`[data-demo="${c.demo}"]`);
    row.state = (await root.getAttribute('data-state')) ?? '?';
    row.ran = (await root.getAttribute('data-backend')) ?? '?';
    if (b.done !== undefined) row.ms = b.done;
    else row.note = `error: ${b.error.text}`;
    if (c.perUnit && b.done !== undefined) {
      // The frame's wall time of the run alone (data-run-ms), without loading the page.
      const computed = Number(await root.getAttribute('data-run-ms'));
      const units = c.perUnit[1](JSON.parse((await root.locator('script[data-demo-result]').textContent()) ?? '{}'));
      if (computed > 0 && units > 0) row.perUnit = `${(computed / units).toFixed(0)} ms/${c.perUnit[0]}`;
    }
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  } catch (err) {
    row.state = 'timeout';
    row.note = String(err instanceof Error ? err.message.split('\n')[0] : err);
  }
  const reqs = await Promise.all(finished);
  row.requests = reqs.length + failed;
  row.failed = failed + reqs.filter((r) => r.status >= 400).length;
  row.bytes = reqs.reduce((s, r) => s + r.bytes, 0);
  const wasm = reqs.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
  row.wasmBytes = wasm.reduce((s, r) => s + r.bytes, 0);
  row.wasm = wasm.map((r) => `${path.posix.basename(new URL(r.url).pathname)} (${mb(r.bytes)})`);
  await context.close();
  return row;
}

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const filters = process.argv.slice(2);
  const cases = filters.length ? CASES.filter((c) => filters.some((f) => c.name.includes(f))) : CASES;
  const wantTraining = !filters.length || filters.some((f) => 'training dropout sweep'.includes(f));
  const wantEdges = !filters.length || filters.some((f) => 'training edges tfjs'.includes(f)); // bench/edges-training.mjs
  const wantLighthouse = !filters.length || filters.some((f) => 'lighthouse'.includes(f)); // bench/lighthouse.mjs
  const wantLenet = !filters.length || filters.some((f) => 'training lenet tfjs'.includes(f)); // bench/lenet-training.mjs
  if (cases.length === 0 && !wantTraining && !wantEdges && !wantLighthouse && !wantLenet) {
    console.error(`No case matches ${filters.join(', ')}. Cases: ${CASES.map((c) => c.name).join(', ')}`);
    process.exit(2);
  }

  const outDir = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(PROJECT_ROOT, 'dist');
  if (process.env.BENCH_SKIP_BUILD === '1') {
    console.log(`BENCH_SKIP_BUILD=1: using the existing ${path.relative(PROJECT_ROOT, outDir) || '.'}/`);
  } else {
    const args = ['run', 'build', ...(process.env.BENCH_DIST ? ['--', '--outDir', outDir] : [])];
    console.log(`Building: SITE_URL=${SITE_URL} SITE_BASE=${SITE_BASE} npm ${args.join(' ')}`);
    const t0 = Date.now();
    const r = spawnSync('npm', args, {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, SITE_URL, SITE_BASE },
    });
    if (r.status !== 0) {
      console.error(`npm run build failed (exit ${r.status ?? r.signal})`);
      process.exit(1);
    }
    console.log(`Build: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const server = await startServer({ root: outDir, base: SITE_BASE, port: 0 });
  // Page-load figures first, on a quiet machine (the other benchmarks leave nothing running).
  if (wantLighthouse) await benchLighthouse(server.url, outDir);
  if (cases.length === 0 && !wantTraining && !wantEdges && !wantLenet) {
    await server.close();
    return;
  }
  const executablePath = findChromium({ install: true });
  const browser = await chromium.launch({
    executablePath: executablePath ?? undefined,
    args: chromiumArgs({ webgpu: true }),
    headless: true,
  });

  try {
    // What this browser offers, so the table can be read.
    const probe = await browser.newPage();
    await probe.goto(server.url, { waitUntil: 'domcontentloaded' }).catch(() => {});
    const adapter = await probe
      .evaluate(async () => {
        const gpu = /** @type {any} */ (navigator).gpu;
        if (!gpu) return 'no navigator.gpu';
        const a = await gpu.requestAdapter();
        if (!a) return 'requestAdapter() returned null';
        return `${a.info?.vendor || '?'} / ${a.info?.architecture || '?'}`;
      })
      .catch((e) => `error: ${e}`);
    await probe.close();
    console.log(`\nChromium ${browser.version()} (${executablePath}); WebGPU adapter: ${adapter}`);
    console.log(`Site: ${server.url} ; cold loads (fresh context) per case: ${RUNS}\n`);

    const rows = [];
    for (const c of cases) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        process.stderr.write(`  ${c.name}: run ${i + 1}/${RUNS}...\n`);
        runs.push(await runOnce(browser, server.url, c));
      }
      const last = runs[runs.length - 1];
      const msList = runs.map((r) => r.ms);
      rows.push({
        ...last,
        ms: median(msList),
        msRange:
          RUNS > 1 && msList.every(Number.isFinite)
            ? `${Math.min(...msList).toFixed(0)}-${Math.max(...msList).toFixed(0)}`
            : '',
        bytes: median(runs.map((r) => r.bytes)),
        requests: median(runs.map((r) => r.requests)),
        notes: [...new Set(runs.map((r) => r.note).filter(Boolean))].join('; '),
      });
    }

    if (rows.length) printTable(
      [
        'case',
        'asked',
        'ran',
        'state',
        'ms to result',
        ...(RUNS > 1 ? ['range'] : []),
        'requests',
        'failed',
        'transferred',
        'wasm',
        'per unit',
        'wasm files',
      ],
      rows.map((r) => [
        r.case,
        r.asked,
        r.ran,
        r.state,
        Number.isFinite(r.ms) ? r.ms.toFixed(0) : '-',
        ...(RUNS > 1 ? [r.msRange || '-'] : []),
        r.requests,
        r.failed,
        mb(r.bytes),
        mb(r.wasmBytes),
        r.perUnit || '-',
        r.wasm.join(', ') || '-',
      ]),
    );
    const notes = rows.filter((r) => r.notes);
    if (notes.length) {
      console.log('');
      for (const r of notes) console.log(`${r.case}: ${r.notes}`);
    }
    console.log(
      '\nms to result: from navigation start to data-state="done" after a live run (performance.now() in the page).',
    );
    console.log(
      'transferred: response bodies + headers as received (encoded), all requests of the page and its workers.',
    );
    console.log('per unit: the run\'s wall time as the demo records it (data-run-ms: runtime loading and session creation included), divided by its units of work (one model trained one epoch).');
    const training = wantTraining ? await benchTraining(browser, server.url) : [];
    if (wantEdges) training.push(...(await benchEdgesTraining(browser, server.url, { printTable })));
    if (wantLenet) training.push(...(await benchLenetTraining(browser, server.url, { printTable })));
    // A bench that measured nothing is a failure to measure, not a figure.
    if (rows.some((r) => r.state !== 'done') || training.some((r) => !r.ok)) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Training throughput: the notebook's (G) sweep of HW4 Problem 1 — drop rates 0, 0.1, 0.3, 0.5,
// 0.7, batch 1024, 10,000 steps each — run by the dropout demo's ONNX graph (all rates in one), then by a
// plain JavaScript loop doing the same arithmetic and drawing its own masks (an LCG) in the same page.

const SWEEP_QUERY = { p: '0', sweep: '0.1,0.3,0.5,0.7', batch: '1024', steps: '10000' };
// The software WebGPU adapter here costs ~2 ms a node (a 100-step graph has ~3,000), so the full
// sweep would take most of an hour; it runs fewer steps and the table says how many.
const WEBGPU_STEPS = process.env.BENCH_WEBGPU_STEPS || '200';

async function benchTraining(browser, baseUrl) {
  const rows = [];
  for (const backend of BACKENDS) {
    process.stderr.write(`  dropout sweep ${backend}...\n`);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const url = new URL('demos/dropout/', baseUrl);
    const query = { ...SWEEP_QUERY, ...(backend === 'webgpu' ? { steps: WEBGPU_STEPS } : {}), backend, autorun: '1' };
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const row = { backend, ok: false, ran: '-', steps: Number(query.steps), cold: NaN, warm: NaN, plain: NaN, note: '' };
    try {
      await page.goto(url.href);
      const root = page.locator('[data-demo="dropout"]');
      const done = async () => {
        await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-demo="dropout"]')?.getAttribute('data-state') ?? ''), undefined, { timeout: 30 * 60_000, polling: 200 });
        if ((await root.getAttribute('data-state')) !== 'done') throw new Error((await root.locator('[data-role="status"]').textContent()) ?? 'error');
        return Number(await root.getAttribute('data-run-ms'));
      };
      row.cold = await done();
      row.ran = (await root.getAttribute('data-backend')) ?? '?';
      // Again with the runtime loaded and the sessions compiled: the cost of the training itself.
      await page.evaluate(() => void (/** @type {any} */ (document.querySelector('demo-dropout')).run()));
      await page.waitForFunction(() => document.querySelector('[data-demo="dropout"]')?.getAttribute('data-state') === 'running', undefined, { timeout: 10_000 }).catch(() => {});
      row.warm = await done();
      row.plain = await page.evaluate(() => /** @type {any} */ (document.querySelector('demo-dropout')).timePlainJs().ms);
      row.ok = true;
    } catch (err) {
      row.note = String(err instanceof Error ? err.message.split('\n')[0] : err);
    }
    await context.close();
    rows.push(row);
  }
  console.log('\nTraining: HW4 Problem 1 (G) sweep, 5 drop rates × batch 1024 (dropout demo)\n');
  printTable(
    ['backend', 'ran', 'steps per rate', 'cold ms', 'warm ms', 'plain JS ms', 'cold / plain JS', 'warm / plain JS', 'µs per step (warm)'],
    rows.map((r) => [
      r.backend,
      r.ran,
      r.steps,
      Number.isFinite(r.cold) ? r.cold.toFixed(0) : '-',
      Number.isFinite(r.warm) ? r.warm.toFixed(0) : '-',
      Number.isFinite(r.plain) ? r.plain.toFixed(0) : '-',
      Number.isFinite(r.cold / r.plain) ? `${(r.cold / r.plain).toFixed(2)}x` : '-',
      Number.isFinite(r.warm / r.plain) ? `${(r.warm / r.plain).toFixed(2)}x` : '-',
      Number.isFinite(r.warm) ? ((r.warm * 1000) / (5 * r.steps)).toFixed(1) : '-',
    ]),
  );
  for (const r of rows.filter((x) => x.note)) console.log(`dropout sweep ${r.backend}: ${r.note}`);
  console.log('cold: first run after opening the page (runtime download and session creation included); warm: the same run again.');
  console.log('plain JS: the same SGD arithmetic in a JavaScript loop on the main thread of the same page, drawing its own masks with an LCG (all the work the demo does, random numbers included).');
  return rows;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
