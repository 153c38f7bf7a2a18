// The training runs a claims test reads, kept between runs in tests/unit/runs/<name>.json.gz.
//
// A page's claim from training holds only if it holds on several seeds, so the claims tests read
// dozens of runs besides the states the pages show; training them all on every run took most of
// the unit tests' time. Each run is stored with the two hashes it came from: planFingerprint (its
// models, initial weights and inputs) and codeFingerprint (the demo's code and the runtime's
// version). A stored run is read only while both hashes are those of the work tree; otherwise
// it is trained here. The claims are asserted on the runs either way.
//
// Like a snapshot: outside CI the file is written with what was trained; in CI a run that had to
// be trained fails the file (after its tests ran on the fresh run), so that the file in the
// repository is always current. One stored run per file is trained again on every run, to prove
// that the runtime still gives the stored results on this machine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { parseDemoProps } from '../../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../../src/lib/demos/common/run-demo';
import { demos, type DemoName } from '../../../src/lib/demos/registry';
import { codeFingerprint } from '../../../src/lib/demos/result-cache/code-fingerprint';
import { planFingerprint } from '../../../src/lib/demos/result-cache/plan-fingerprint';
import { readStoredResults } from '../../../src/lib/demos/result-cache/stored-results';
import { runInNode } from '../../../src/lib/ort/node-runner';
import { hashedSample } from './stored-results-check';

interface CachedRun {
  fingerprint: string;
  code: string;
  result: unknown;
}

/** A result as JSON gives it back: what a stored run is, so a fresh run reads the same. */
const asJson = <R>(r: R): R => JSON.parse(JSON.stringify(r)) as R;

function hashesOf(demo: DemoName, query: string) {
  const logic = demos[demo];
  const state = parseDemoProps(logic.schema, query, `${demo}?${query}`);
  return { logic, state, fingerprint: planFingerprint(logic, state), code: codeFingerprint(demo) };
}

const train = async (demo: DemoName, query: string): Promise<unknown> => {
  const { logic, state } = hashesOf(demo, query);
  return asJson(await runDemo(logic as never, state as never, runInNode));
};

export interface RunCache {
  /** The result of `demo?query`: a page's stored result or this file's, while current; else trained. */
  run<R>(demo: DemoName, query: string): Promise<R>;
}

export function runCache(name: string): RunCache {
  // Gzipped: the runs are megabytes of JSON that no one reads as text.
  const file = join(process.cwd(), 'tests', 'unit', 'runs', `${name}.json.gz`);
  const stored: Record<string, CachedRun> = existsSync(file) ? (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Record<string, CachedRun>) : {};
  const fresh = new Map<string, CachedRun>();
  const trained: string[] = [];
  const pending = new Map<string, Promise<unknown>>();
  const pages = new Map<string, ReturnType<typeof readStoredResults>>();

  function lookup(demo: DemoName, query: string): Promise<unknown> {
    const key = `${demo}?${query}`;
    const { fingerprint, code } = hashesOf(demo, query);
    const page = (pages.get(demo) ?? pages.set(demo, readStoredResults(demo)).get(demo)!)[query];
    // stored-results-<demo>.test.ts proves the pages' entries current.
    if (page && page.fingerprint === fingerprint && page.code === code) return Promise.resolve(asJson(page.result));
    const hit = stored[key];
    if (hit && hit.fingerprint === fingerprint && hit.code === code) {
      fresh.set(key, hit);
      return Promise.resolve(asJson(hit.result));
    }
    trained.push(key);
    return train(demo, query).then((result) => {
      fresh.set(key, { fingerprint, code, result });
      return asJson(result);
    });
  }

  const [sample] = hashedSample(Object.keys(stored), 1);
  if (sample) {
    it(`${name}: the stored run ${sample} trains again to the same result`, async () => {
      const at = sample.indexOf('?');
      const [demo, query] = [sample.slice(0, at) as DemoName, sample.slice(at + 1)];
      const { fingerprint, code } = hashesOf(demo, query);
      const entry = stored[sample]!;
      if (entry.fingerprint !== fingerprint || entry.code !== code) {
        // Stale: trained like any other run that had to be (and counted against the file in CI).
        trained.push(sample);
        fresh.set(sample, { fingerprint, code, result: await train(demo, query) });
        return;
      }
      expect(await train(demo, query)).toEqual(entry.result);
    }, 600_000);
  }

  afterAll(() => {
    const prune = process.env.RUNS_PRUNE === '1' && !process.env.CI;
    if (!trained.length && !prune) return;
    const names = [...new Set(trained)];
    if (process.env.CI) {
      throw new Error(
        `${names.length} run(s) were not stored in tests/unit/runs/${name}.json.gz, or were stale, and were trained here: ${names.join(', ')}. ` +
          'Run the unit tests outside CI (npm run test:unit), which writes the file, and commit it.',
      );
    }
    // Runs this file no longer reads are kept unless RUNS_PRUNE=1 (a filtered run reads few).
    const keep = prune ? {} : stored;
    const next = { ...keep, ...Object.fromEntries(fresh) };
    mkdirSync(dirname(file), { recursive: true });
    const json = `${JSON.stringify(Object.fromEntries(Object.keys(next).sort().map((k) => [k, next[k]])))}\n`;
    writeFileSync(file, gzipSync(json, { level: 9 }));
    console.log(`tests/unit/runs/${name}.json.gz written: ${names.length} run(s) trained, ${fresh.size} in all`);
  });

  return {
    run<R>(demo: DemoName, query: string): Promise<R> {
      const key = `${demo}?${query}`;
      let p = pending.get(key);
      if (!p) pending.set(key, (p = lookup(demo, query)));
      return p as Promise<R>;
    },
  };
}
