// Browser tests: Playwright Test driving Debian's Chromium (see tests/e2e/support/chromium.mjs).
//
// Global setup builds the site once with SITE_URL=https://example.github.io SITE_BASE=/course-site/
// (skip with E2E_SKIP_BUILD=1; E2E_DIST=dir builds into / serves another directory than dist/)
// and serves the build on a free port; its address, ending in
// /course-site/, becomes `baseURL`. This file is evaluated again in every worker, after global
// setup, so E2E_BASE_URL and CHROMIUM_PATH set there are seen here.

import { defineConfig } from '@playwright/test';
import os from 'node:os';
import { launchOptions } from './tests/e2e/support/chromium.mjs';

const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/support/global-setup.ts',
  // E2E_OUTPUT_DIR keeps two runs in one work tree from deleting each other's artifacts.
  outputDir: process.env.E2E_OUTPUT_DIR ?? './test-results',
  // 2 cores here: at most 2 workers (each drives its own Chromium).
  workers: Math.min(2, cores),
  fullyParallel: true,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Software WebGPU (SwiftShader) costs ~18 ms a session.run and the WASM binaries are 14-27 MB,
  // so a test that runs demos needs room; the whole run must still fit well inside CI's budget.
  timeout: 120_000,
  // A guard against a hung run, not the budget: the suite takes about 13 min on a quiet 2-core
  // machine and CI's machines have run up to 1.45 times slower, which a 20-min cap here turned
  // into a failure with 30 tests not run.
  globalTimeout: 40 * 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['./tests/e2e/support/summary-reporter.ts']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: launchOptions({ webgpu: true }),
    actionTimeout: 20_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The site's service worker would precache the whole site in the background of every test and
    // answer requests from its caches; only tests/e2e/offline.spec.ts, which tests it, allows it.
    serviceWorkers: 'block',
  },
});
