// Finding and launching the Chromium that tests and benchmarks drive.
//
// `npx playwright install` cannot download browsers on these machines, so we use Debian's
// chromium package (/usr/bin/chromium). Plain ESM so that both playwright.config.ts and
// scripts/bench.mjs (plain Node) can import it.

import { existsSync, accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless browser on a machine with no network but loopback. */
export const BASE_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
];

/** A working software WebGPU adapter (SwiftShader over Vulkan) in headless Chromium. */
export const WEBGPU_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Command-line flags for Chromium. As root Chromium refuses to start without --no-sandbox.
 * @param {{ webgpu?: boolean }} [options]
 * @returns {string[]}
 */
export function chromiumArgs({ webgpu = true } = {}) {
  const args = [...BASE_ARGS];
  if (isRoot() || process.env.CHROMIUM_NO_SANDBOX === '1') args.unshift('--no-sandbox');
  if (webgpu) args.push(...WEBGPU_ARGS);
  return args;
}

function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Playwright's own downloaded Chromium, if it is there (it never is on these machines). */
function playwrightChromium() {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * Where is a Chromium to drive? In order: $CHROMIUM_PATH, /usr/bin/chromium, Playwright's own.
 * With `install: true`, when none is found and we are root with apt-get, installs Debian's
 * chromium package (printing what it does). Otherwise, when none is found: throws with a clear
 * message, or returns null if `optional: true`.
 * @param {{ install?: boolean, optional?: boolean, log?: (msg: string) => void }} [options]
 * @returns {string | null}
 */
export function findChromium({ install = false, optional = false, log = (m) => console.error(m) } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file.`);
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const own = playwrightChromium();
  if (own) return own;

  if (install && isRoot() && which('apt-get')) {
    log('[chromium] No Chromium found ($CHROMIUM_PATH unset, no /usr/bin/chromium, no Playwright browser).');
    log("[chromium] Installing Debian's chromium: apt-get update && apt-get install -y chromium");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (update.status !== 0) throw new Error(`[chromium] apt-get update failed (exit ${update.status}).`);
    const inst = spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
    if (inst.status !== 0) throw new Error(`[chromium] apt-get install -y chromium failed (exit ${inst.status}).`);
    if (isExecutable(DEBIAN_CHROMIUM)) {
      log(`[chromium] Installed ${DEBIAN_CHROMIUM}.`);
      return DEBIAN_CHROMIUM;
    }
    throw new Error(`[chromium] apt-get installed chromium but ${DEBIAN_CHROMIUM} is still missing.`);
  }

  if (optional) return null;
  throw new Error(
    'No Chromium found for the browser tests. Looked at $CHROMIUM_PATH (unset), ' +
      `${DEBIAN_CHROMIUM} (missing) and Playwright's own browser (not downloaded; ` +
      "`npx playwright install` cannot download browsers here). Install Debian's chromium as root " +
      '(`apt-get update && apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.',
  );
}

/**
 * Launch options for playwright's chromium.launch / Playwright Test's `launchOptions`.
 * @param {{ webgpu?: boolean, executablePath?: string | null }} [options]
 */
export function launchOptions({ webgpu = true, executablePath } = {}) {
  const exe = executablePath === undefined ? findChromium({ optional: true }) : executablePath;
  return {
    ...(exe ? { executablePath: exe } : {}),
    args: chromiumArgs({ webgpu }),
    headless: true,
  };
}
