// Training throughput of the `edges` demo's CNN (models=cnn), beside TensorFlow.js in the same page.
//
// For each backend the demo page demos/edges/?models=cnn&backend=… is opened in a fresh context;
// the demo trains once on load (cold: runtime download, session creation) and again with run()
// (warm). Then bench/tfjs-edges/edges-tf.ts — bundled here by esbuild, never part of the site —
// is injected into the same page and trains the same network with TensorFlow.js 4.22's WASM
// backend (single-threaded, SIMD) on the same images, initial weights and minibatch order (the
// site's own edge-images.ts / edges-feeds.ts, parsed from the page's own query string), with
// the same evaluations of both sets after every `stepsPerCall` steps. Warm runs of the two
// alternate, and the table shows the medians.
//
// Called by scripts/bench.mjs (`npm run bench -- edges`). Environment:
//   BENCH_EDGES_QUERY          extra demo parameters for the wasm row (default: none, i.e. the
//                              demo's defaults: 20 images per class, 150 epochs, batch 10)
//   BENCH_EDGES_WEBGPU_EPOCHS  epochs of the webgpu row (default 3; the adapter is software)
//   BENCH_EDGES_WARM           warm runs of each in the wasm row (default 5; the webgpu row does 1)
//   BENCH_EDGES_BACKENDS       rows to run (default wasm,webgpu)

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WASM_DIR = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
/** Where the page fetches the TF.js wasm files from (answered by a Playwright route, not the site). */
const ROUTE = '__bench-tfjs/';
const TIMEOUT = 30 * 60_000;

/** Bundles the TF.js peer for the browser into a temp dir, beside the wasm files it loads. */
function bundle() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-tfjs-edges-'));
  const out = path.join(dir, 'edges-tf.js');
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/esbuild'),
    [path.join(ROOT, 'bench/tfjs-edges/edges-tf.ts'), '--bundle', '--format=iife', '--global-name=__tfEdges', '--platform=browser', '--target=es2022', '--log-level=warning', `--outfile=${out}`],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`esbuild failed (exit ${r.status ?? r.signal})`);
  for (const f of WASM_FILES) copyFileSync(path.join(WASM_DIR, f), path.join(dir, f));
  return { dir, script: out };
}

const median = (xs) => {
  // Warm runs alternate ORT, TF.js, ORT, …, so load from other processes falls on both.
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** @param {import('playwright-core').Page} page */
async function ortRun(page, start) {
  const root = page.locator('[data-demo="edges"]');
  if (start) await page.evaluate(() => void (/** @type {any} */ (document.querySelector('demo-edges')).run()));
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-demo="edges"]')?.getAttribute('data-state') ?? ''), undefined, { timeout: TIMEOUT, polling: 100 });
  if ((await root.getAttribute('data-state')) !== 'done') throw new Error(`demo: ${(await root.locator('[data-role="status"]').textContent())?.trim() ?? 'error'}`);
  const result = JSON.parse((await root.locator('script[data-demo-result]').textContent()) ?? '{}');
  return { ms: Number(await root.getAttribute('data-run-ms')), backend: (await root.getAttribute('data-backend')) ?? '?', result };
}

const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '-');

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl the site's address, base path included
 * @param {{ printTable: (header: string[], rows: unknown[][]) => void }} out
 * @returns {Promise<{ ok: boolean }[]>}
 */
export async function benchEdgesTraining(browser, baseUrl, { printTable }) {
  const warmRuns = Math.max(1, Number(process.env.BENCH_EDGES_WARM || 5));
  const extra = new URLSearchParams(process.env.BENCH_EDGES_QUERY || '');
  const only = (process.env.BENCH_EDGES_BACKENDS || 'wasm,webgpu').split(',');
  const cases = [
    { backend: 'wasm', query: { ...Object.fromEntries(extra) }, warm: warmRuns },
    // A run takes about a minute on the software adapter; one warm run is enough to show that.
    { backend: 'webgpu', query: { epochs: process.env.BENCH_EDGES_WEBGPU_EPOCHS || '3' }, warm: 1 },
  ].filter((c) => only.includes(c.backend));
  process.stderr.write('  edges training: bundling the TF.js peer...\n');
  const { dir, script } = bundle();
  const rows = [];
  try {
    for (const c of cases) {
      process.stderr.write(`  edges training ${c.backend}...\n`);
      // No service worker: context.route must see the page's requests, and nothing be precached meanwhile.
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const wasmFetched = [];
      await context.route(`**/${ROUTE}*`, (route) => {
        const name = path.posix.basename(new URL(route.request().url()).pathname);
        if (!WASM_FILES.includes(name)) return route.fulfill({ status: 404, body: 'not found' });
        wasmFetched.push(name);
        return route.fulfill({ status: 200, contentType: 'application/wasm', body: readFileSync(path.join(dir, name)) });
      });
      const page = await context.newPage();
      const url = new URL('demos/edges/', baseUrl);
      for (const [k, v] of Object.entries({ ...c.query, models: 'cnn', backend: c.backend, autorun: '1' })) url.searchParams.set(k, v);
      const row = { backend: c.backend, ok: false, ran: '-', query: url.search, ort: { cold: NaN, warm: [] }, tf: { cold: NaN, warm: [], dataMs: [] }, note: '' };
      try {
        await page.goto(url.href);
        const cold = await ortRun(page, false);
        row.ran = cold.backend;
        row.ort.cold = cold.ms;
        row.ortResult = cold.result;
        await page.addScriptTag({ path: script });
        const setup = await page.evaluate(async (wasmDir) => {
          const w = /** @type {any} */ (window);
          return { info: await w.__tfEdges.setup(wasmDir), isolated: self.crossOriginIsolated };
        }, new URL(ROUTE, page.url()).href);
        row.tfSetup = setup.info;
        row.isolated = setup.isolated;
        const tfTrain = () => page.evaluate(() => /** @type {any} */ (window).__tfEdges.train(location.search));
        const tfCold = await tfTrain();
        row.tf.cold = setup.info.wasmInitMs + tfCold.ms;
        for (let i = 0; i < c.warm; i++) {
          process.stderr.write(`    warm ${i + 1}/${c.warm}\n`);
          const o = await ortRun(page, true);
          row.ort.warm.push(o.ms);
          row.ortResult = o.result;
          const t = await tfTrain();
          row.tf.warm.push(t.ms);
          row.tf.dataMs.push(t.dataMs);
          row.tfResult = t;
        }
        row.tensorsLeft = await page.evaluate(() => /** @type {any} */ (window).__tfEdges.numTensors());
        row.ok = true;
      } catch (err) {
        row.note = String(err instanceof Error ? err.message.split('\n')[0] : err);
      }
      row.wasmFetched = [...new Set(wasmFetched)];
      await context.close();
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `\nTraining: edges demo, models=cnn (reflect pad → conv 1→3 7×7 → ReLU → max pool 2 → reflect pad → conv 3→3 7×7 → ReLU → global avg pool → linear 3→3; cross-entropy, SGD momentum 0.9), against TensorFlow.js 4.22 WASM in the same page\n`,
  );
  const table = [];
  for (const r of rows) {
    const res = r.ortResult;
    const m = res?.models?.[0];
    const images = res ? res.epochs * res.stepsPerEpoch * res.batch : NaN;
    const ortWarm = median(r.ort.warm);
    const tfWarm = median(r.tf.warm);
    const ortIps = images / (ortWarm / 1000);
    const tfIps = images / (tfWarm / 1000);
    r.images = images;
    table.push([
      r.backend,
      r.ran,
      res ? `${res.epochs}×${res.stepsPerEpoch}×${res.batch} = ${images}` : '-',
      fmt(r.ort.cold),
      fmt(ortWarm),
      fmt(ortIps),
      fmt(r.tf.cold),
      fmt(tfWarm),
      fmt(tfIps),
      Number.isFinite(ortIps / tfIps) ? `${(ortIps / tfIps).toFixed(2)}x` : '-',
      m ? `${m.loss.at(-1)} / ${r.tfResult?.loss.at(-1) ?? '-'}` : '-',
      m ? `${m.trainAcc} / ${r.tfResult?.trainAcc ?? '-'}` : '-',
      m ? `${m.valAcc} / ${r.tfResult?.valAcc ?? '-'}` : '-',
    ]);
  }
  printTable(
    ['backend', 'ran', 'images trained (epochs×steps×batch)', 'ORT cold ms', 'ORT warm ms', 'ORT img/s', 'TF.js cold ms', 'TF.js warm ms', 'TF.js img/s', 'ORT / TF.js (img/s)', 'final loss ORT / TF.js', 'train acc ORT / TF.js', 'val acc ORT / TF.js'],
    table,
  );
  for (const r of rows.filter((x) => x.note)) console.log(`edges training ${r.backend}: ${r.note}`);
  for (const r of rows.filter((x) => x.ok)) {
    const res = r.ortResult;
    const t = r.tfResult;
    const ortLoss = res.models[0].loss;
    const maxGap = Math.max(...ortLoss.map((v, i) => Math.abs(v - t.loss[i])));
    const evalImages = t.evaluations * (t.trainImages + t.valImages);
    const marks = [...new Set([1, 2, 3, 5, 10, 20, 50, 100, ortLoss.length].filter((e) => e <= ortLoss.length))];
    console.log(`${r.backend}: epoch-mean training loss ORT / TF.js at epoch ${marks.map((e) => `${e}: ${ortLoss[e - 1]} / ${t.loss[e - 1]}`).join(', ')}`);
    console.log(
      `${r.backend}: page ${r.query}; ${t.evaluations} evaluations of both sets (${t.trainImages} + ${t.valImages} images, forward only: ${evalImages} image-forwards, beside ${r.images} trained) in both, after every ${t.stepsPerCall} steps; ` +
        `epoch-mean training loss differs by at most ${maxGap.toFixed(4)} over the ${ortLoss.length} epochs; TF.js data generation ${fmt(median(r.tf.dataMs), 1)} ms of its warm run; ` +
        `warm ms ORT ${r.ort.warm.map((v) => v.toFixed(0)).join(', ')}, TF.js ${r.tf.warm.map((v) => v.toFixed(0)).join(', ')} (best against best: ${(Math.min(...r.tf.warm) / Math.min(...r.ort.warm)).toFixed(2)}x); TF.js tensors left after its runs ${r.tensorsLeft}.`,
    );
  }
  const s = rows.find((r) => r.tfSetup)?.tfSetup;
  if (s) {
    const fetched = [...new Set(rows.flatMap((r) => r.wasmFetched ?? []))].join(', ') || 'none seen';
    console.log(
      `TF.js: backend ${s.backend}, SIMD ${s.simd}, threads ${s.threads} (multithread support ${s.multithreadSupported}; page crossOriginIsolated ${rows[0]?.isolated}), wasm fetched: ${fetched}; backend init ${fmt(s.wasmInitMs)} ms (counted in its cold figure).`,
    );
    console.log(
      `TF.js 4.22's WASM backend has no Conv2DBackpropFilter kernel (tensorflow/tfjs#8474): the bench registers one built from the backend's own Transpose and Conv2D kernels (dW = conv of x transposed to [c, h, w, n] with dY transposed to [h, w, n, o] as the filter); it matches tfjs-backend-cpu's gradient to ${s.backpropFilterCheck.toExponential(1)}.`,
    );
    console.log(
      `TF.js 4.22's MirrorPad gradient slices the interior out of dY and drops the mirrored border's gradient (wrong for reflect padding: TF.js would train a different network); the bench registers a correct one made of TF.js ops (slice, reverse, pad, add; more work than the wrong one, as in the site's graph), checked against a plain loop to ${s.mirrorPadCheck.toExponential(1)}. The forward MirrorPad is TF.js's own kernel.`,
    );
  }
  console.log('images trained: epochs × steps per epoch × batch from the demo\'s result JSON; TF.js trains the same steps on the same minibatches. img/s = images trained / warm ms.');
  console.log('warm ms (median): ORT = the demo\'s data-run-ms of run() (plan: images generated in JS, unrolled session calls, finish: images generated again), runtime loaded and sessions compiled; TF.js = its train(): images generated once, tensors, steps, evaluations, results read back; backend and kernels already initialised.');
  console.log('cold ms: ORT = the first run after opening the page (runtime download, session creation); TF.js = backend init (wasm fetch + compile) + its first run (first use of each kernel), script load excluded.');
  console.log('Neither side subtracts the evaluations; both do the same ones. Same initial weights and minibatch order; only float summation orders differ (max-pool gradient ties are split equally by the site\'s graph and go to one entry in TF.js, which changed no step loss in its 6th digit over 20 epochs when the peer was tried with split ties), so the loss curves agree closely, not bit for bit.');
  console.log('webgpu: the WebGPU adapter here is software (SwiftShader) and the run tiny, so its figures say nothing about real GPUs; its TF.js peer is the same WASM backend on the same tiny run.');
  return rows;
}
