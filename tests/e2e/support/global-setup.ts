// Playwright global setup: find (or install) Chromium, build the site ONCE under a base path,
// and serve the build on a free port. Tests get the address through process.env (workers are
// started after this runs and inherit it; playwright.config.ts reads it for `baseURL`).
//
// Environment:
//   E2E_SKIP_BUILD=1  serve the existing build (it must have been built for the same SITE_BASE)
//   E2E_DIST=dir      build into / serve from `dir` instead of dist/ (`astro build --outDir dir`),
//                     so a test run does not share dist/ with someone's concurrent `npm run build`
//   E2E_SITE_URL, E2E_SITE_BASE  what to build for (https://example.github.io, /course-site/)

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';
import { startServer } from '../../../scripts/serve.mjs';
import { SITE_URL, SITE_BASE } from './env.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const exe = findChromium({ install: true });
  if (exe) process.env.CHROMIUM_PATH = exe;
  console.log(`[e2e] Chromium: ${exe}`);

  const outDir = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(PROJECT_ROOT, 'dist');
  const shown = path.relative(PROJECT_ROOT, outDir) || '.';

  if (process.env.E2E_SKIP_BUILD === '1') {
    console.log(`[e2e] E2E_SKIP_BUILD=1: serving the existing ${shown}/`);
  } else {
    const args = ['run', 'build', ...(process.env.E2E_DIST ? ['--', '--outDir', outDir] : [])];
    console.log(`[e2e] Building: SITE_URL=${SITE_URL} SITE_BASE=${SITE_BASE} npm ${args.join(' ')}`);
    const t0 = Date.now();
    const r = spawnSync('npm', args, {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, SITE_URL, SITE_BASE },
    });
    if (r.status !== 0) {
      throw new Error(
        `[e2e] npm run build failed (exit ${r.status ?? r.signal}); the browser tests need a built site.`,
      );
    }
    console.log(`[e2e] Build done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const server = await startServer({ root: outDir, base: SITE_BASE, port: 0 });
  process.env.E2E_BASE_URL = server.url;
  console.log(`[e2e] Serving ${shown}/ at ${server.url}`);
  return async () => {
    await server.close();
  };
}
