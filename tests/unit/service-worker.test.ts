// The service worker's build-time choices (src/lib/site/service-worker.mjs): what is cached on
// first use rather than precached, and that a runtime cache's name follows its files' bytes.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cachePrefix, groupOf, groupUrlSource, registrationScript, runtimeCacheNames, RUNTIME_GROUPS } from '../../src/lib/site/service-worker.mjs';

describe('runtime groups', () => {
  test.each([
    ['_astro/ort.wasm.bundle.min.Ddg-489-.js', 'ort'],
    ['_astro/ort.webgpu.bundle.min.CeoC4QIi.js', 'ort'],
    ['_astro/ort-wasm-simd-threaded.DcHrbrbl.wasm', 'wasm'],
    ['_astro/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm', 'wasm'],
    ['models/conv2d-k3x3-s1.onnx', 'files'],
    ['data/mnist-subset.bin', 'files'],
    ['images/filters/021a41f5772dd915-output.png', 'files'],
    ['results/dropout/3f2a9c0d1e4b5a67.json', 'files'],
    ['_astro/demo-element.TlNIcpHd.js', undefined],
    ['_astro/common.BXDP1awH.css', undefined],
    ['demos/conv2d/index.html', undefined],
    ['pagefind/pagefind.js', undefined],
  ])('%s -> %s', (rel, kind) => {
    expect(groupOf(rel)?.kind).toBe(kind);
  });

  test('URL patterns hold only the site under its base, with or without a query', () => {
    const [ort, wasm, files] = RUNTIME_GROUPS.map((g) => new RegExp(groupUrlSource('/course-site/', g)));
    expect(wasm!.test('https://x.github.io/course-site/_astro/ort-wasm-simd-threaded.DcHrbrbl.wasm')).toBe(true);
    expect(ort!.test('https://x.github.io/course-site/_astro/ort.wasm.bundle.min.BAZNu1ZV.js')).toBe(true);
    expect(files!.test('http://127.0.0.1:4321/course-site/models/conv2d-k3x3-s1.onnx?v=1')).toBe(true);
    expect(files!.test('https://x.github.io/other-course/models/conv2d-k3x3-s1.onnx')).toBe(false);
    expect(ort!.test('https://x.github.io/course-site/_astro/demo-element.TlNIcpHd.js')).toBe(false);
  });
});

describe('runtime cache names', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };

  test('change with a model or the runtime, not with a page; carry the base', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sw-names-'));
    write('models/a.onnx', 'model v1');
    write('_astro/ort-wasm-simd-threaded.X.wasm', 'wasm v1');
    write('_astro/ort.wasm.bundle.min.X.js', 'bundle v1');
    write('index.html', '<p>v1</p>');
    const before = await runtimeCacheNames(dir, '/course-site/');
    expect(before['ort']!.startsWith(cachePrefix('/course-site/'))).toBe(true);
    expect(before['files']!.startsWith('dlw:/course-site/:files:')).toBe(true);

    write('index.html', '<p>v2</p>');
    expect(await runtimeCacheNames(dir, '/course-site/')).toEqual(before);

    write('models/a.onnx', 'model v2');
    const after = await runtimeCacheNames(dir, '/course-site/');
    expect(after['files']).not.toBe(before['files']);
    expect(after['ort']).toBe(before['ort']);
    expect(after['wasm']).toBe(before['wasm']);

    // A bundle that changes with the site's code drops the small bundles, not the 14 MB wasm.
    write('_astro/ort.wasm.bundle.min.X.js', 'bundle v2');
    const bundle = await runtimeCacheNames(dir, '/course-site/');
    expect(bundle['ort']).not.toBe(before['ort']);
    expect(bundle['wasm']).toBe(before['wasm']);

    write('_astro/ort-wasm-simd-threaded.X.wasm', 'wasm v2');
    expect((await runtimeCacheNames(dir, '/course-site/'))['wasm']).not.toBe(before['wasm']);
    // Two courses on one origin (github.io/<a>/, github.io/<b>/) never share or delete each other's caches.
    expect(cachePrefix('/course-site/sub/').startsWith(cachePrefix('/course-site/'))).toBe(false);
  });
});

test('the registration script is small and loads nothing but the worker', () => {
  const s = registrationScript('/course-site/');
  expect(s.length).toBeLessThan(1000);
  expect(s).not.toMatch(/import|onnxruntime|ort\./);
  expect(s).toContain('"/course-site/"+"sw.js"');
  // It parses as a script.
  expect(() => new Function(s)).not.toThrow();
});
