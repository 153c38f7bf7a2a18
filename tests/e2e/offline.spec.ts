// The service worker (src/lib/site/service-worker.mjs): a demo visited once runs offline in any
// state, a second visit fetches no runtime or model, and a page without demos loads no runtime.
//
// Every other spec blocks service workers (playwright.config.ts); this one allows them, and each
// test has its own browser context, so nothing it caches reaches another test. The tests serve
// the build from their own server so that they can count the requests that really reach it:
// a response the service worker gives from its cache never does.
import { expect, test, type Page } from '@playwright/test';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { resultOf } from './support/demo-result';
import { SITE_BASE } from './support/env';
import { PROJECT_ROOT } from './support/site';
import { startServer } from '../../scripts/serve.mjs';
import { convolve2dReference } from '../unit/reference/convolution';

test.use({ serviceWorkers: 'allow' });

const RUNTIME = /\/_astro\/(ort[.-][^/?]*\.m?js|[^/?]*\.wasm)(\?|$)|\.onnx(\?|$)/;

let server: Awaited<ReturnType<typeof startServer>>;
let served: string[] = [];

test.beforeAll(async () => {
  const root = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(PROJECT_ROOT, 'dist');
  server = await startServer({ root, base: SITE_BASE, port: 0 });
  server.server.on('request', (req: IncomingMessage) => served.push(req.url ?? ''));
});
test.afterAll(async () => server?.close());
test.beforeEach(() => {
  served = [];
});

const at = (p: string) => server.url + p;

/** Waits until the worker controls the page and has cached a URL matching each pattern. */
async function cached(page: Page, patterns: RegExp[]): Promise<void> {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 60_000 });
  await expect
    .poll(
      async () => {
        const urls = await page.evaluate(async () => {
          const out: string[] = [];
          for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) out.push(r.url);
          return out;
        });
        return patterns.filter((p) => !urls.some((u) => p.test(u))).map(String);
      },
      { message: 'patterns not yet in any cache', timeout: 60_000 },
    )
    .toEqual([]);
}

const ramp = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c + 1));
const sobel = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

test('a demo visited once runs offline in another state; a second visit fetches no wasm or model', async ({ page, context }) => {
  await page.goto(at('demos/conv2d/?backend=wasm&autorun=1'));
  const first = await resultOf(page, 'conv2d');
  expect(first.backend).toBe('wasm');
  expect(served.some((u) => /\.wasm$/.test(u)), 'the first visit fetched the wasm (the request counter works)').toBe(true);
  // The run may have finished before the worker took control: then the page hands it the URLs.
  await cached(page, [/\/_astro\/ort[.-][^/]*\.m?js$/, /\.wasm$/, /\/models\/conv2d-k3x3-s1\.onnx$/, /\/demos\/conv2d\/(index\.html)?(\?|$)/]);

  await context.setOffline(true);
  // Another state: stride 2 with padding uses a model file the first visit never fetched, so the
  // page builds that model itself; a 4x4 input with a 2x2 kernel and stride 3 has no published file at all.
  await page.goto(at('demos/conv2d/?stride=2&pad=1&backend=wasm&autorun=1'));
  const offline = await resultOf(page, 'conv2d');
  expect(offline.backend).toBe('wasm');
  expect(offline.result['y']).toEqual(convolve2dReference(ramp, sobel, 2, 1));
  const x = [
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 10, 11, 12],
    [13, 14, 15, 16],
  ];
  const k = [
    [1, -1],
    [2, 0.5],
  ];
  await page.goto(at(`demos/conv2d/?x=${x.map((r) => r.join(',')).join(';')}&k=${k.map((r) => r.join(',')).join(';')}&stride=3&pad=2&mode=conv&backend=wasm&autorun=1`));
  const own = await resultOf(page, 'conv2d');
  expect(own.result['y']).toEqual(convolve2dReference(x, k, 3, 2));
  await context.setOffline(false);

  // A second online visit, in a new tab of the same browser: the page, the runtime, its wasm and
  // the model all come from the worker's caches.
  served = [];
  const fromNetwork: string[] = [];
  context.on('response', (res) => {
    if (RUNTIME.test(res.url()) && !res.fromServiceWorker()) fromNetwork.push(res.url());
  });
  const second = await context.newPage();
  await second.goto(at('demos/conv2d/?backend=wasm&autorun=1'));
  const again = await resultOf(second, 'conv2d');
  expect(again.result['y']).toEqual(first.result['y']);
  expect(served.filter((u) => RUNTIME.test(u)), 'runtime or model requests that reached the server').toEqual([]);
  expect(fromNetwork, 'runtime or model responses not from the service worker').toEqual([]);
});

test('a page without demos requests no onnxruntime file, also while the worker installs', async ({ page, context }) => {
  const seen: string[] = [];
  context.on('request', (req) => {
    if (RUNTIME.test(req.url())) seen.push(req.url());
  });
  await page.goto(at('eecs182-sp23/hw3/'));
  await expect(page.locator('[data-demo]')).toHaveCount(0);
  // Installed means the whole precache was fetched: pages, CSS, chunks, fonts.
  await cached(page, [/\/eecs182-sp23\/hw3\/(index\.html)?(\?|$)/, /\/_astro\/[^/]+\.css$/]);
  // The precache fetched pages this reader never opened (a demo page among them), but no runtime.
  expect(served).toContain(`${SITE_BASE}demos/conv2d/index.html`);
  await page.goto(at(''));
  await page.waitForLoadState('load');
  expect(seen, 'onnxruntime or model files requested by a page without demos').toEqual([]);
  expect(served.filter((u) => RUNTIME.test(u))).toEqual([]);
});
