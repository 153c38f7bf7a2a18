import { runInNode } from '../ort/node-runner';
import { parseDemoProps } from './common/demo-schema';
import { runDemo } from './common/run-demo';
import { demos, isDemoName } from './registry';

const cache = new Map<string, Promise<Record<string, unknown>>>();

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
    r = runDemo(logic, parseDemoProps(logic.schema, params, where), runInNode);
    cache.set(key, r);
  }
  return r;
}

export function field(result: Record<string, unknown>, name: string, where: string): unknown {
  if (!(name in result)) throw new Error(`${where}: the result has no field "${name}" (fields: ${Object.keys(result).join(', ')})`);
  return result[name];
}
