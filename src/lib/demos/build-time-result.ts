import { runInNode } from '../ort/node-runner';
import { parseDemoProps } from './common/demo-schema';
import { runDemo } from './common/run-demo';
import { demos, isDemoName } from './registry';
import { planFingerprint } from './result-cache/plan-fingerprint';
import { readStoredResults, STORED_DEMOS, type StoredResults } from './result-cache/stored-results';

const cache = new Map<string, Promise<Record<string, unknown>>>();
const stored = new Map<string, StoredResults>();

/** The committed result of a long run, if it was computed from exactly what the code would run now. */
function storedResult(demo: string, params: string, state: Parameters<typeof planFingerprint>[1]): Record<string, unknown> | null {
  if (!STORED_DEMOS.includes(demo)) return null;
  if (!stored.has(demo)) stored.set(demo, readStoredResults(demo));
  const entry = stored.get(demo)![params];
  if (entry && entry.fingerprint === planFingerprint(demos[demo as keyof typeof demos], state)) return entry.result;
  console.warn(`[build-time results] ${demo}?${params}: no current stored result; training it now (run \`npm run results\` to store it)`);
  return null;
}

/**
 * The result a page states for a demo in a given state, computed at build time by the demo's own
 * model. A bad demo name or parameter fails the build, naming the page's props.
 */
export function buildTimeResult(demo: string, params: string, where: string): Promise<Record<string, unknown>> {
  if (!isDemoName(demo)) throw new Error(`${where}: no demo named "${demo}" (known: ${Object.keys(demos).join(', ')})`);
  const key = `${demo}?${params}`;
  let r = cache.get(key);
  if (!r) {
    const logic = demos[demo];
    const state = parseDemoProps(logic.schema, params, where);
    const known = storedResult(demo, params, state);
    r = known ? Promise.resolve(known) : runDemo(logic, state, runInNode);
    cache.set(key, r);
  }
  return r;
}

/**
 * A field of a result by name. A dotted name goes deeper: "example.dw" is a field of a field,
 * "sweep.2" an entry of an array, and "sweep.std" on an array of records the column of their
 * `std` values.
 */
export function field(result: Record<string, unknown>, name: string, where: string): unknown {
  const pick = (value: unknown, key: string, path: string): unknown => {
    if (Array.isArray(value)) return /^\d+$/.test(key) ? pick({ ...value }, key, path) : value.map((v) => pick(v, key, path));
    const record = (value ?? {}) as Record<string, unknown>;
    if (typeof value !== 'object' || !(key in record)) {
      throw new Error(`${where}: the result has no field "${path}" (fields${path.includes('.') ? ' there' : ''}: ${Object.keys(record).join(', ')})`);
    }
    return record[key];
  };
  const keys = name.split('.');
  return keys.reduce<unknown>((value, key, i) => pick(value, key, keys.slice(0, i + 1).join('.')), result);
}
