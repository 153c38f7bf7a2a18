// @ts-check
// The site's service worker: an Astro integration that runs Workbox's generateSW over the built
// site (astro:build:done, when every page is written) and puts a tiny registration script in the
// <head> of every page. Registered in astro.config.mjs; README "Publish your own course" says
// what it caches and how to switch it off.
//
// - Pages, CSS, JS chunks, woff2 fonts and bundled images are precached (Workbox revisions: a
//   deploy that changes a file replaces it, files no longer built are deleted on activation).
// - onnxruntime-web (its bundles and .wasm), models/, data/ and images/ are cached on first use,
//   cache-first: about 15 MB that a reader of one write-up should not download. Their URLs are
//   fixed (models) or the cache has no revisions, so each group's cache is named after a hash of
//   that group's files in this build; the worker deletes this site's caches of any other name on
//   activation, so a deploy that changes a model or the runtime starts that cache afresh.
// - A demo often runs before the worker controls its first page; the page then tells the worker
//   what it already fetched (resource timing), and the worker caches what belongs to a group.
// - A new worker takes over at once (skipWaiting + clientsClaim) and a page it takes over from an
//   older worker reloads, unless a demo is running: the old page's chunks may be gone.

import { createHash } from 'node:crypto';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Imported here, not in the hook: Astro loads this file through Vite's module runner, which is
// closed by the time astro:build:done runs.
import { generateSW } from 'workbox-build';

export const SW_FILE = 'sw.js';
/** Workbox's cache prefix: the precache is `${CACHE_ID}-precache-v2-<scope>`. */
export const CACHE_ID = 'dlw';

/** Files under the base cached on first use, by group; the precache leaves them out. */
export const RUNTIME_GROUPS = [
  // onnxruntime-web: only src/lib/ort imports it; Vite emits its bundles and wasm into _astro/.
  // The bundles import a shared chunk, so their bytes change with the site's code; the 14-27 MB
  // wasm files change only with onnxruntime-web, so they get a cache of their own.
  { kind: 'ort', source: String.raw`_astro/ort[.-][^/?#]*\.m?js`, revalidate: false },
  { kind: 'wasm', source: String.raw`_astro/[^/?#]*\.wasm`, revalidate: false },
  // Fixed URLs that a deploy may change: ask the server (If-Modified-Since) rather than take
  // a copy the HTTP cache may still hold from before the deploy.
  { kind: 'files', source: String.raw`(?:models|data|images|results)/[^?#]*`, revalidate: true },
];

/** Precached: the pages and the assets they load (not the runtime groups, not Pagefind's index). */
export const PRECACHE_PATTERNS = ['**/*.{html,css,js,mjs,woff2,svg,png,jpg,jpeg,webp,avif,gif,ico}'];
export const PRECACHE_IGNORES = [SW_FILE, '_astro/ort[.-]*', '**/*.wasm', 'models/**', 'data/**', 'images/**', 'pagefind/**'];

/** @param {string} s */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The regular expression (source) a group's URLs match, for a site under `base`.
 * @param {string} base
 * @param {{ source: string }} group
 */
export function groupUrlSource(base, group) {
  return String.raw`^https?://[^/]+` + escapeRe(base) + group.source + String.raw`(?:[?#].*)?$`;
}

/**
 * Which group a path relative to the build directory belongs to, if any.
 * @param {string} rel
 */
export function groupOf(rel) {
  return RUNTIME_GROUPS.find((g) => new RegExp(`^${g.source}$`).test(rel.split(path.sep).join('/')));
}

/**
 * All this site's runtime caches start with this; the base keeps two courses on one origin apart.
 * @param {string} base
 */
export function cachePrefix(base) {
  return `${CACHE_ID}:${base}:`;
}

/**
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function filesUnder(dir, rel = '') {
  /** @type {string[]} */
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, r)));
    else out.push(r);
  }
  return out;
}

/**
 * Cache name per group: a hash of the group's file names and bytes in this build.
 * @param {string} dir
 * @param {string} base
 */
export async function runtimeCacheNames(dir, base) {
  const files = (await filesUnder(dir)).sort();
  /** @type {Record<string, string>} */
  const names = {};
  for (const group of RUNTIME_GROUPS) {
    const hash = createHash('sha256');
    for (const rel of files.filter((f) => groupOf(f) === group)) {
      hash.update(rel + '\0');
      hash.update(await readFile(path.join(dir, rel)));
    }
    names[group.kind] = `${cachePrefix(base)}${group.kind}:${hash.digest('hex').slice(0, 12)}`;
  }
  return names;
}

/**
 * The registration script, inline in every page's <head> (a few hundred bytes, no import).
 * It waits for the load event and an idle moment, so it never competes with the page itself;
 * embedded demos (in an iframe) do not register: a reader of someone else's page did not visit.
 * @param {string} base
 */
export function registrationScript(base) {
  const b = JSON.stringify(base);
  return `(()=>{const n=navigator.serviceWorker;if(!n||window.top!==window.self)return;const had=!!n.controller;let reloaded=!1;
n.addEventListener('controllerchange',()=>{if(had&&!reloaded&&!document.querySelector('[data-state="running"]')){reloaded=!0;location.reload()}});
const tell=()=>{const c=n.controller;if(c)new PerformanceObserver((l)=>c.postMessage({type:'dlw-cache-urls',urls:l.getEntries().map((e)=>e.name)})).observe({type:'resource',buffered:!0})};
n.controller?tell():n.addEventListener('controllerchange',tell,{once:!0});
addEventListener('load',()=>(window.requestIdleCallback||setTimeout)(()=>n.register(${b}+${JSON.stringify(SW_FILE)},{scope:${b}}).catch(()=>{})))})()`;
}

/**
 * Appended to Workbox's worker: deletes stale runtime caches, caches what a page fetched first.
 * @param {string} base
 * @param {Record<string, string>} names
 */
function extraWorkerCode(base, names) {
  const groups = RUNTIME_GROUPS.map((g) => ({ re: groupUrlSource(base, g), name: names[g.kind], revalidate: g.revalidate }));
  return `
;(()=>{const PREFIX=${JSON.stringify(cachePrefix(base))};const GROUPS=${JSON.stringify(groups)}.map((g)=>({...g,re:new RegExp(g.re)}));
const CURRENT=GROUPS.map((g)=>g.name);
self.addEventListener('activate',(e)=>e.waitUntil(caches.keys().then((keys)=>Promise.all(keys.filter((k)=>k.startsWith(PREFIX)&&!CURRENT.includes(k)).map((k)=>caches.delete(k))))));
self.addEventListener('message',(e)=>{if(!e.data||e.data.type!=='dlw-cache-urls'||!Array.isArray(e.data.urls))return;
e.waitUntil(Promise.all(e.data.urls.map(async(u)=>{const g=typeof u==='string'&&GROUPS.find((g)=>g.re.test(u));if(!g)return;
try{const c=await caches.open(g.name);if(await c.match(u))return;const r=await fetch(u,g.revalidate?{cache:'no-cache'}:{});if(r.status===200)await c.put(u,r)}catch{}})))});})();
`;
}

/**
 * A worker that removes this site's caches and itself, for a course that switched it off.
 * @param {string} base
 */
function retiringWorker(base) {
  return `// The service worker is switched off: remove this site's caches and unregister.
self.addEventListener('install',()=>self.skipWaiting());
self.addEventListener('activate',(e)=>e.waitUntil((async()=>{const scope=self.registration.scope;
const keys=await caches.keys();await Promise.all(keys.filter((k)=>k.startsWith(${JSON.stringify(cachePrefix(base))})||(k.startsWith(${JSON.stringify(CACHE_ID + '-')})&&k.includes(scope))).map((k)=>caches.delete(k)));
await self.registration.unregister();for(const c of await self.clients.matchAll({type:'window'}))c.navigate(c.url);})()));
`;
}

/**
 * @param {{ enabled?: boolean }} [options] `enabled: false` ships a worker that retires an
 *   earlier one (readers who visited before keep no stale copy) and registers nothing.
 * @returns {import('astro').AstroIntegration}
 */
export default function serviceWorker({ enabled = true } = {}) {
  let base = '/';
  return {
    name: 'site-service-worker',
    hooks: {
      'astro:config:setup': ({ config, command, injectScript }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        // `astro dev` serves no worker; a registration there would only fail.
        if (command === 'build' && enabled) injectScript('head-inline', registrationScript(base));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const swPath = path.join(outDir, SW_FILE);
        if (!enabled) {
          await writeFile(swPath, retiringWorker(base));
          logger.info(`service worker off: wrote ${SW_FILE} that removes an earlier one`);
          return;
        }
        const names = await runtimeCacheNames(outDir, base);
        const { count, size, warnings } = await generateSW({
          globDirectory: outDir,
          globPatterns: PRECACHE_PATTERNS,
          globIgnores: PRECACHE_IGNORES,
          swDest: swPath,
          mode: 'production',
          sourcemap: false,
          inlineWorkboxRuntime: true,
          cacheId: CACHE_ID,
          skipWaiting: true,
          clientsClaim: true,
          cleanupOutdatedCaches: true,
          // Astro's _astro/ names carry a content hash: no revision needed.
          dontCacheBustURLsMatching: /^_astro\//,
          // A demo's state is its query string, read by the page: every state is the same file.
          ignoreURLParametersMatching: [/.*/],
          directoryIndex: 'index.html',
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          runtimeCaching: RUNTIME_GROUPS.map((g) => ({
            urlPattern: new RegExp(groupUrlSource(base, g)),
            handler: 'CacheFirst',
            options: {
              cacheName: names[g.kind],
              cacheableResponse: { statuses: [200] },
              ...(g.revalidate ? { fetchOptions: { cache: 'no-cache' } } : {}),
            },
          })),
        });
        await appendFile(swPath, extraWorkerCode(base, names));
        for (const w of warnings) logger.warn(w);
        logger.info(`${SW_FILE}: ${count} files precached (${(size / 1024 / 1024).toFixed(1)} MB), runtime caches ${Object.values(names).join(', ')}`);
      },
    },
  };
}
