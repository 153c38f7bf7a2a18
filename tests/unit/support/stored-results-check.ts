// The check of one demo's stored build-time results, one test file per demo so that the two
// vitest workers share the retraining.
//
// Every entry must be current: the models and inputs it was trained on (planFingerprint) and the
// code beyond them (codeFingerprint) are still those of the work tree. Training every entry again
// on every run grew to minutes per demo, so a sample trains again here: the default state and the
// RETRAINED states the hash of their query picks (stable from run to run, and no choice of ours).
// Together with the hashes that proves the runtime still gives these results on this machine.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { parseDemoProps } from '../../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../../src/lib/demos/common/run-demo';
import { demos, isDemoName } from '../../../src/lib/demos/registry';
import { codeFingerprint } from '../../../src/lib/demos/result-cache/code-fingerprint';
import { pageStates } from '../../../src/lib/demos/result-cache/page-states';
import { planFingerprint } from '../../../src/lib/demos/result-cache/plan-fingerprint';
import { readStoredResults } from '../../../src/lib/demos/result-cache/stored-results';
import { runInNode } from '../../../src/lib/ort/node-runner';

/** States trained again besides the default one. */
const RETRAINED = 1;

/** `count` of `keys`, picked by the hash of each key: the same on every run, spread over them. */
export function hashedSample(keys: readonly string[], count: number): string[] {
  const hash = (k: string) => createHash('sha256').update(k).digest('hex');
  return [...keys].sort((a, b) => hash(a).localeCompare(hash(b))).slice(0, count);
}

export function checkStoredResults(demo: string): void {
  if (!isDemoName(demo)) throw new Error(`${demo} is not a demo`);
  const logic = demos[demo];
  const stored = readStoredResults(demo);
  const states = [...pageStates(demo).keys()];
  const code = codeFingerprint(demo);

  it(`${demo}: every state a page shows is stored, computed from the models, inputs and code as they are now (else: npm run results -- ${demo})`, () => {
    for (const query of states) {
      expect(stored[query], `${demo}?${query} is not stored`).toBeDefined();
      expect(stored[query]!.fingerprint, `${demo}?${query}: its models or inputs changed`).toBe(planFingerprint(logic, parseDemoProps(logic.schema, query, query)));
      expect(stored[query]!.code, `${demo}?${query}: its code changed`).toBe(code);
    }
    expect(Object.keys(stored).sort(), 'entries no page uses').toEqual([...states].sort());
  });

  const sample = ['', ...hashedSample(states.filter((q) => q !== ''), RETRAINED)];
  it.each(sample)(`${demo}?%s: training again gives the stored result exactly`, async (query) => {
    const again = await runDemo(logic, parseDemoProps(logic.schema, query, query), runInNode);
    expect(JSON.parse(JSON.stringify(again))).toEqual(stored[query]!.result);
  }, 300_000);
}
