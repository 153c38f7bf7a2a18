// Trains every page state of the demos whose runs are too long for each build and stores the
// results in src/data/results/<demo>.json (the build reuses an entry while its fingerprint holds).
// Usage: npm run results [-- demo ...]; entries that are still current (models, inputs and code)
// are kept as they are.
import { parseDemoProps } from '../src/lib/demos/common/demo-schema';
import { runDemo } from '../src/lib/demos/common/run-demo';
import { demos, isDemoName } from '../src/lib/demos/registry';
import { pageStates } from '../src/lib/demos/result-cache/page-states';
import { codeFingerprint } from '../src/lib/demos/result-cache/code-fingerprint';
import { planFingerprint } from '../src/lib/demos/result-cache/plan-fingerprint';
import { readStoredResults, STORED_DEMOS, writeStoredResults, type StoredResults } from '../src/lib/demos/result-cache/stored-results';
import { runInNode } from '../src/lib/ort/node-runner';

const asked = process.argv.slice(2);
for (const demo of asked.length ? asked : STORED_DEMOS) {
  if (!isDemoName(demo)) throw new Error(`no demo named ${demo}`);
  const logic = demos[demo];
  const old = readStoredResults(demo);
  const next: StoredResults = {};
  for (const [query, pages] of pageStates(demo)) {
    const state = parseDemoProps(logic.schema, query, `${demo}?${query} (${pages.join(', ')})`);
    const fingerprint = planFingerprint(logic, state);
    const code = codeFingerprint(demo);
    if (old[query]?.fingerprint === fingerprint && old[query]?.code === code) {
      next[query] = old[query]!;
      continue;
    }
    const t0 = performance.now();
    next[query] = { fingerprint, code, result: (await runDemo(logic, state, runInNode)) as Record<string, unknown> };
    console.log(`${demo}?${query}: trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  writeStoredResults(demo, next);
  console.log(`wrote src/data/results/${demo}.json (${Object.keys(next).length} states)`);
}
