// The check of one demo's stored build-time results, one test file per demo so that the two
// vitest workers share the retraining (together it was the longest file by far).
import { expect, it } from 'vitest';
import { parseDemoProps } from '../../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../../src/lib/demos/common/run-demo';
import { demos, isDemoName } from '../../../src/lib/demos/registry';
import { pageStates } from '../../../src/lib/demos/result-cache/page-states';
import { planFingerprint } from '../../../src/lib/demos/result-cache/plan-fingerprint';
import { readStoredResults } from '../../../src/lib/demos/result-cache/stored-results';
import { runInNode } from '../../../src/lib/ort/node-runner';

export function checkStoredResults(demo: string): void {
  if (!isDemoName(demo)) throw new Error(`${demo} is not a demo`);
  const logic = demos[demo];
  const stored = readStoredResults(demo);
  const states = [...pageStates(demo).keys()];

  it(`${demo}: every state a page shows is stored, computed from the code as it is now`, () => {
    for (const query of states) {
      expect(stored[query], `${demo}?${query} is not stored`).toBeDefined();
      expect(stored[query]!.fingerprint, `${demo}?${query} is stale`).toBe(planFingerprint(logic, parseDemoProps(logic.schema, query, query)));
    }
    expect(Object.keys(stored).sort(), 'entries no page uses').toEqual([...states].sort());
  });

  // The fingerprint covers models and inputs; training again also covers `finish` and the runtime.
  it.each(states)(`${demo}?%s: training again gives the stored result exactly`, async (query) => {
    const again = await runDemo(logic, parseDemoProps(logic.schema, query, query), runInNode);
    expect(JSON.parse(JSON.stringify(again))).toEqual(stored[query]!.result);
  }, 300_000);
}
