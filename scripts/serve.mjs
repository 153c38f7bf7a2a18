#!/usr/bin/env node
// A tiny static server for the built site (dist/), with no dependency but node:http.
//
// It mounts dist/ under the site's base path, the way GitHub Pages serves a project site:
//   SITE_BASE=/course-site/ node scripts/serve.mjs   ->  /course-site/x/ serves dist/x/index.html
// Environment: SITE_BASE (default "/"), PORT (default 4321), HOST (default 127.0.0.1),
// SERVE_ROOT (default dist/ beside this script's project), SERVE_GZIP=0 to send files uncompressed.
//
// Like GitHub Pages, text (HTML, CSS, JavaScript, JSON, SVG, XML, ...) is sent gzipped to a
// browser that accepts it (`Accept-Encoding: gzip`), so transfer sizes and load times measured
// here are the ones readers get; images, fonts, models and wasm go as they are.
//
// Tests and the benchmark import `startServer` and run it in-process on a free port (port 0).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gzip as gzipCb } from 'node:zlib';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Content types by file extension (lower case, with the dot). */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.ort': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.pdf': 'application/pdf',
  // Pagefind's index: fragments, metadata, index chunks and its own wasm (all binary, gzipped).
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** The content type for a file name; unknown extensions are served as bytes. */
export function contentType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

const gzip = promisify(gzipCb);

/** Content types GitHub Pages compresses (text and text-like formats); everything else goes as is. */
export function isCompressible(type) {
  const t = String(type).split(';')[0].trim();
  return t.startsWith('text/') || /^application\/(json|javascript|xml|manifest\+json)$/.test(t) || t === 'image/svg+xml';
}

/** Gzipped bodies by path and modification time: a file is compressed once, not per request. */
const gzipCache = new Map();
async function gzipped(filePath, fileStat) {
  const key = `${filePath}\0${fileStat.mtimeMs}\0${fileStat.size}`;
  let body = gzipCache.get(key);
  if (!body) {
    body = readFile(filePath).then((bytes) => gzip(bytes, { level: 6 }));
    gzipCache.set(key, body);
    body.catch(() => gzipCache.delete(key));
  }
  return body;
}

/** "/course-site" | "course-site/" | "" -> "/course-site/" ; "/" stays "/". */
export function normalizeBase(base) {
  let b = String(base ?? '/').trim();
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b.replace(/\/{2,}/g, '/');
}

async function statOrNull(p) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

/**
 * Map a request path (already stripped of the base, percent-decoded) to a file inside root.
 * Returns null when the path escapes root or is malformed.
 */
function resolveInside(root, relPath) {
  if (relPath.includes('\0')) return null;
  // Normalise as a URL path first (collapses "." and ".." segments, never above "/"),
  // then join and check again against the real root, whatever the platform's separator.
  const normalized = path.posix.normalize('/' + relPath.replace(/\\/g, '/'));
  const full = path.resolve(root, '.' + normalized);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/**
 * Start the server. Resolves once it listens.
 * @param {{root?: string, base?: string, port?: number, host?: string, log?: boolean, compress?: boolean}} [options]
 * @returns {Promise<{url: string, origin: string, port: number, base: string, server: import('node:http').Server, close: () => Promise<void>}>}
 */
export async function startServer({
  root = path.join(PROJECT_ROOT, 'dist'),
  base = '/',
  port = 4321,
  host = '127.0.0.1',
  log = false,
  compress = process.env.SERVE_GZIP !== '0',
} = {}) {
  const rootDir = path.resolve(root);
  const basePath = normalizeBase(base);
  const rootStat = await statOrNull(rootDir);
  if (!rootStat?.isDirectory()) {
    throw new Error(`serve: ${rootDir} is not a directory (build the site first: npm run build)`);
  }

  async function sendFile(req, res, filePath, fileStat, status = 200) {
    const headers = {
      'Content-Type': contentType(filePath),
      'Content-Length': String(fileStat.size),
      'Last-Modified': fileStat.mtime.toUTCString(),
      // Like a fresh visit to GitHub Pages for our purposes: the browser may cache, but must ask.
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (status === 200) {
      const since = req.headers['if-modified-since'];
      if (since && Math.floor(fileStat.mtimeMs / 1000) <= Math.floor(Date.parse(since) / 1000)) {
        res.writeHead(304, { 'Last-Modified': headers['Last-Modified'], 'Cache-Control': 'no-cache' });
        res.end();
        return;
      }
    }
    // Small bodies are not worth a gzip header (GitHub Pages also sends tiny files plain).
    if (compress && fileStat.size >= 256 && isCompressible(headers['Content-Type']) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = await gzipped(filePath, fileStat);
      res.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length), Vary: 'Accept-Encoding' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(filePath);
    stream.on('error', (err) => {
      res.destroy(err);
    });
    stream.pipe(res);
  }

  async function sendNotFound(req, res) {
    const page = path.join(rootDir, '404.html');
    const s = await statOrNull(page);
    if (s?.isFile()) return sendFile(req, res, page, s, 404);
    const body = 'Not found\n';
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function redirect(res, location) {
    res.writeHead(301, { Location: location, 'Content-Length': '0' });
    res.end();
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' });
      res.end();
      return;
    }
    const rawUrl = req.url ?? '/';
    const qIndex = rawUrl.search(/[?#]/);
    const rawPath = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
    const query = qIndex === -1 ? '' : rawUrl.slice(qIndex);

    let pathname;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Bad request\n');
      return;
    }

    // The base without its trailing slash redirects to the base ("/course-site" -> "/course-site/"),
    // and so does the server root when the site lives under a base path.
    if (basePath !== '/' && (pathname === basePath.slice(0, -1) || pathname === '/')) {
      return redirect(res, basePath + query);
    }
    if (!pathname.startsWith(basePath)) return sendNotFound(req, res);

    const rel = pathname.slice(basePath.length);
    const target = resolveInside(rootDir, rel);
    if (!target) return sendNotFound(req, res);

    const s = await statOrNull(target);
    if (s?.isDirectory()) {
      if (!pathname.endsWith('/')) return redirect(res, encodeURI(pathname + '/') + query);
      const index = path.join(target, 'index.html');
      const is = await statOrNull(index);
      if (is?.isFile()) return sendFile(req, res, index, is);
      return sendNotFound(req, res);
    }
    if (s?.isFile()) return sendFile(req, res, target, s);
    // "/x" -> "x.html", as GitHub Pages does (Astro's "file" build format).
    if (!pathname.endsWith('/')) {
      const html = target + '.html';
      const hs = await statOrNull(html);
      if (hs?.isFile()) return sendFile(req, res, html, hs);
    }
    return sendNotFound(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res)
      .catch((err) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('Internal error\n');
        } else {
          res.destroy(err);
        }
      })
      .finally(() => {
        if (log) console.log(`${req.method} ${req.url} ${res.statusCode}`);
      });
  });
  // Keep-alive sockets would hold close() open; track them so close() is prompt.
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${actualPort}`;
  return {
    url: origin + basePath,
    origin,
    port: actualPort,
    base: basePath,
    server,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

// Run as a program: serve dist/ until interrupted.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const base = process.env.SITE_BASE || '/';
  const port = Number(process.env.PORT || 4321);
  const host = process.env.HOST || '127.0.0.1';
  const root = process.env.SERVE_ROOT ? path.resolve(process.env.SERVE_ROOT) : path.join(PROJECT_ROOT, 'dist');
  try {
    const { url, close } = await startServer({ root, base, port, host, log: !!process.env.SERVE_LOG });
    console.log(`Serving ${path.relative(process.cwd(), root) || '.'}/ at ${url}`);
    const stop = () => {
      close().finally(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
