// Playwright global setup: find (or install) Chromium, build the site ONCE under a base path,
// and serve dist/ on a free port. Tests get the address through process.env (workers are
// started after this runs and inherit it; playwright.config.ts reads it for `baseURL`).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';
import { startServer } from '../../../scripts/serve.mjs';
import { SITE_URL, SITE_BASE } from './env.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const exe = findChromium({ install: true });
  process.env.CHROMIUM_PATH = exe ?? undefined;
  console.log(`[e2e] Chromium: ${exe}`);

  if (process.env.E2E_SKIP_BUILD === '1' || process.env.E2E_DIST) {
    console.log(`[e2e] Not building: using the existing ${process.env.E2E_DIST ?? 'dist/'}`);
  } else {
    console.log(`[e2e] Building: SITE_URL=${SITE_URL} SITE_BASE=${SITE_BASE} npm run build`);
    const t0 = Date.now();
    const r = spawnSync('npm', ['run', 'build'], {
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

  // E2E_DIST serves another build output (e.g. a copy with a planted fault, to see a test fail).
  const root = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(PROJECT_ROOT, 'dist');
  const server = await startServer({ root, base: SITE_BASE, port: 0 });
  process.env.E2E_BASE_URL = server.url;
  console.log(`[e2e] Serving ${path.relative(PROJECT_ROOT, root) || '.'}/ at ${server.url}`);
  return async () => {
    await server.close();
  };
}
