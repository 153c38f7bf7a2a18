// Training throughput of the `lenet` demo (LeNet-5 on 28×28 digits), beside TensorFlow.js in the same page.
//
// For each backend the demo page demos/lenet/?backend=… is opened in a fresh context; the demo
// trains once on load (cold: runtime download, session creation) and again with run() (warm).
// Then bench/tfjs-lenet/lenet-tf.ts — bundled here by esbuild, never part of the site — is
// injected into the same page and trains the same network with TensorFlow.js 4.22's WASM backend
// (single-threaded, SIMD) from the same initial weights on the same minibatches (the site's own
// lenet-feeds.ts on the digits file the page fetched), with the same untrained-loss pass and the
// same evaluations after every epoch. Warm runs of the two alternate; the table shows medians.
//
// Called by scripts/bench.mjs (`npm run bench -- lenet`). Environment:
//   BENCH_LENET_QUERY          demo parameters of the wasm row (default: none, the demo's default
//                              state: 1,000 digits, 10 epochs of 15 steps of 64)
//   BENCH_LENET_WEBGPU_QUERY   the webgpu row's (default train=128&epochs=2: the adapter is software)
//   BENCH_LENET_WARM           warm runs of each in the wasm row (default 3; the webgpu row does 1)
//   BENCH_LENET_BACKENDS       rows to run (default wasm,webgpu)

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WASM_DIR = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
/** Where the page fetches the TF.js wasm files from (answered by a Playwright route, not the site). */
const ROUTE = '__bench-tfjs-lenet/';
const TIMEOUT = 30 * 60_000;

function bundle() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-tfjs-lenet-'));
  const out = path.join(dir, 'lenet-tf.js');
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/esbuild'),
    [path.join(ROOT, 'bench/tfjs-lenet/lenet-tf.ts'), '--bundle', '--format=iife', '--global-name=__tfLenet', '--platform=browser', '--target=es2022', '--log-level=warning', `--outfile=${out}`],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`esbuild failed (exit ${r.status ?? r.signal})`);
  for (const f of WASM_FILES) copyFileSync(path.join(WASM_DIR, f), path.join(dir, f));
  return { dir, script: out };
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '-');

/** @param {import('playwright-core').Page} page */
async function ortRun(page, start) {
  const root = page.locator('[data-demo="lenet"]');
  if (start) await page.evaluate(() => void (/** @type {any} */ (document.querySelector('demo-lenet')).run()));
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-demo="lenet"]')?.getAttribute('data-state') ?? ''), undefined, { timeout: TIMEOUT, polling: 100 });
  if ((await root.getAttribute('data-state')) !== 'done') throw new Error(`demo: ${(await root.locator('[data-role="status"]').textContent())?.trim() ?? 'error'}`);
  const result = JSON.parse((await root.locator('script[data-demo-result]').textContent()) ?? '{}');
  return { ms: Number(await root.getAttribute('data-run-ms')), backend: (await root.getAttribute('data-backend')) ?? '?', result };
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} baseUrl the site's address, base path included
 * @param {{ printTable: (header: string[], rows: unknown[][]) => void }} out
 * @returns {Promise<{ ok: boolean }[]>}
 */
export async function benchLenetTraining(browser, baseUrl, { printTable }) {
  const warmRuns = Math.max(1, Number(process.env.BENCH_LENET_WARM || 3));
  const only = (process.env.BENCH_LENET_BACKENDS || 'wasm,webgpu').split(',');
  const cases = [
    { backend: 'wasm', query: Object.fromEntries(new URLSearchParams(process.env.BENCH_LENET_QUERY || '')), warm: warmRuns },
    { backend: 'webgpu', query: Object.fromEntries(new URLSearchParams(process.env.BENCH_LENET_WEBGPU_QUERY || 'train=128&epochs=2')), warm: 1 },
  ].filter((c) => only.includes(c.backend));
  process.stderr.write('  lenet training: bundling the TF.js peer...\n');
  const { dir, script } = bundle();
  const rows = [];
  try {
    for (const c of cases) {
      process.stderr.write(`  lenet training ${c.backend}...\n`);
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.route(`**/${ROUTE}*`, (route) => {
        const name = path.posix.basename(new URL(route.request().url()).pathname);
        if (!WASM_FILES.includes(name)) return route.fulfill({ status: 404, body: 'not found' });
        return route.fulfill({ status: 200, contentType: 'application/wasm', body: readFileSync(path.join(dir, name)) });
      });
      const page = await context.newPage();
      const url = new URL('demos/lenet/', baseUrl);
      for (const [k, v] of Object.entries({ ...c.query, backend: c.backend, autorun: '1' })) url.searchParams.set(k, v);
      const row = { backend: c.backend, ok: false, ran: '-', query: url.search, ort: { cold: NaN, warm: [] }, tf: { cold: NaN, warm: [] }, note: '' };
      try {
        await page.goto(url.href);
        const cold = await ortRun(page, false);
        row.ran = cold.backend;
        row.ort.cold = cold.ms;
        row.ortResult = cold.result;
        await page.addScriptTag({ path: script });
        row.tfSetup = await page.evaluate(
          async ([wasmDir, digitsUrl]) => /** @type {any} */ (window).__tfLenet.setup(wasmDir, digitsUrl),
          [new URL(ROUTE, page.url()).href, new URL('data/mnist-28.bin', baseUrl).href],
        );
        const tfTrain = () => page.evaluate(() => /** @type {any} */ (window).__tfLenet.train(location.search));
        const tfCold = await tfTrain();
        row.tf.cold = row.tfSetup.wasmInitMs + tfCold.ms;
        for (let i = 0; i < c.warm; i++) {
          process.stderr.write(`    warm ${i + 1}/${c.warm}\n`);
          const o = await ortRun(page, true);
          row.ort.warm.push(o.ms);
          row.ortResult = o.result;
          const t = await tfTrain();
          row.tf.warm.push(t.ms);
          row.tfResult = t;
        }
        row.tensorsLeft = await page.evaluate(() => /** @type {any} */ (window).__tfLenet.numTensors());
        row.ok = true;
      } catch (err) {
        row.note = String(err instanceof Error ? err.message.split('\n')[0] : err);
      }
      await context.close();
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('\nTraining: lenet demo, LeNet-5 (conv 1→6 5×5 pad 2 → ReLU → pool → conv 6→16 5×5 → ReLU → pool → FC 400→120→84→10; cross-entropy, SGD momentum 0.9, batch 64), against TensorFlow.js 4.22 WASM in the same page\n');
  const table = [];
  for (const r of rows) {
    const res = r.ortResult;
    const images = res ? res.history.length * res.stepsPerEpoch * res.batch : NaN;
    const ortWarm = median(r.ort.warm);
    const tfWarm = median(r.tf.warm);
    const ortIps = images / (ortWarm / 1000);
    const tfIps = images / (tfWarm / 1000);
    table.push([
      r.backend,
      r.ran,
      res ? `${res.history.length}×${res.stepsPerEpoch}×${res.batch} = ${images}` : '-',
      fmt(r.ort.cold),
      fmt(ortWarm),
      fmt(ortIps),
      fmt(r.tf.cold),
      fmt(tfWarm),
      fmt(tfIps),
      Number.isFinite(ortIps / tfIps) ? `${(ortIps / tfIps).toFixed(2)}x` : '-',
      res ? `${res.initialLoss} / ${r.tfResult?.initialLoss ?? '-'}` : '-',
      res ? `${res.history.at(-1)?.trainLoss} / ${r.tfResult?.loss.at(-1) ?? '-'}` : '-',
      res ? `${res.final.valAcc} / ${r.tfResult?.valAcc ?? '-'}` : '-',
    ]);
  }
  printTable(
    ['backend', 'ran', 'images trained (epochs×steps×batch)', 'ORT cold ms', 'ORT warm ms', 'ORT img/s', 'TF.js cold ms', 'TF.js warm ms', 'TF.js img/s', 'ORT / TF.js (img/s)', 'untrained loss ORT / TF.js', 'last epoch loss ORT / TF.js', 'val acc ORT / TF.js'],
    table,
  );
  for (const r of rows.filter((x) => x.note)) console.log(`lenet training ${r.backend}: ${r.note}`);
  for (const r of rows.filter((x) => x.ok)) {
    const ortLoss = r.ortResult.history.map((h) => h.trainLoss);
    const maxGap = Math.max(...ortLoss.map((v, i) => Math.abs(v - r.tfResult.loss[i])));
    console.log(
      `${r.backend}: page ${r.query}; epoch-mean training loss differs by at most ${maxGap.toFixed(4)} over ${ortLoss.length} epochs; warm ms ORT ${r.ort.warm.map((v) => v.toFixed(0)).join(', ')}, TF.js ${r.tf.warm.map((v) => v.toFixed(0)).join(', ')}; TF.js tensors left ${r.tensorsLeft}.`,
    );
  }
  const s = rows.find((r) => r.tfSetup)?.tfSetup;
  if (s) console.log(`TF.js: backend ${s.backend}, SIMD ${s.simd}, threads ${s.threads}; backend init ${fmt(s.wasmInitMs)} ms (counted in its cold figure); digits fetched in ${fmt(s.digitsMs)} ms (not counted).`);
  console.log('img/s = images trained / warm ms. Both sides also compute the untrained loss on the training digits and evaluate the training and validation digits after every epoch (the demo in its graphs, TF.js with the same forward passes); neither subtracts them.');
  console.log('warm ms: ORT = the demo\'s data-run-ms of run() (plan, minibatches and their normalization in JS, session calls, finish); TF.js = its train(): the same minibatches from the same code, tensors, steps, evaluations, results read back.');
  console.log('Same initial weights and minibatches; max-pool gradient ties are split equally by the site\'s graph and go to one entry in TF.js, and float sums run in other orders, so the losses agree closely, not bit for bit.');
  console.log('webgpu: the WebGPU adapter here is software (SwiftShader) and the run tiny, so its figures say nothing about real GPUs; its TF.js peer is the same WASM backend on the same tiny run.');
  return rows;
}
