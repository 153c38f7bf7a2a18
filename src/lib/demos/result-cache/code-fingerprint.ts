// Node only: a hash of the code a demo's result comes from beyond its models and inputs (which
// planFingerprint covers): every source file its own directory reaches through relative imports,
// and the onnxruntime-web version that runs it. A stored run whose code hash is current may stand
// in for training again; the tests still train a sample again (stored-results-check.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  const candidates = [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && readdirSafe(c) === undefined);
}

/** undefined for a file, its entries for a directory. */
function readdirSafe(p: string): string[] | undefined {
  try {
    return readdirSync(p);
  } catch {
    return undefined;
  }
}

/** Every file reachable from `entries` through relative imports, sorted. */
export function importClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|mjs|js)$/.test(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, m[1]!);
      if (target && !seen.has(target)) todo.push(target);
    }
  }
  return [...seen].sort();
}

const cache = new Map<string, string>();

/** The code hash of `demo` (whose logic lives in src/lib/demos/<demo>/). */
export function codeFingerprint(demo: string, root = process.cwd()): string {
  const key = `${root}\0${demo}`;
  const known = cache.get(key);
  if (known) return known;
  const dir = join(root, 'src', 'lib', 'demos', demo);
  const own = (readdirSafe(dir) ?? []).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  if (!own.length) throw new Error(`no source files in ${relative(root, dir)}`);
  const h = createHash('sha256');
  for (const file of importClosure(own)) h.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  const ort = JSON.parse(readFileSync(join(root, 'node_modules', 'onnxruntime-web', 'package.json'), 'utf8')) as { version: string };
  h.update(`onnxruntime-web@${ort.version}`);
  const digest = h.digest('hex');
  cache.set(key, digest);
  return digest;
}
