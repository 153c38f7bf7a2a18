// Runs of the lenet demo for the claims tests: a state the pages show is stored (and
// stored-results-lenet.test.ts trains it again to prove it current), any other is trained here,
// once per query and test file.
import { parseDemoProps } from '../../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../../src/lib/demos/common/run-demo';
import type { LenetResult } from '../../../src/lib/demos/lenet/lenet-logic';
import { lenetNodeLogic } from '../../../src/lib/demos/lenet/lenet-node';
import { readStoredResults } from '../../../src/lib/demos/result-cache/stored-results';
import { runInNode } from '../../../src/lib/ort/node-runner';

const stored = readStoredResults('lenet');
const runs = new Map<string, Promise<LenetResult>>();

/** The query of `state` on `seed` (0, the default, is left out). */
export const withSeed = (state: string, seed: number) => [state, seed ? `seed=${seed}` : ''].filter(Boolean).join('&');

export function lenetRun(state: string, seed = 0): Promise<LenetResult> {
  const q = withSeed(state, seed);
  if (stored[q]) return Promise.resolve(stored[q]!.result as unknown as LenetResult);
  let r = runs.get(q);
  if (!r) runs.set(q, (r = runDemo(lenetNodeLogic, parseDemoProps(lenetNodeLogic.schema, q, q), runInNode)));
  return r;
}

/** The default seed and the two others every claim is checked on. */
export const SEEDS = [0, 1, 2] as const;
export const LONG = 300_000;
export const gap = (r: LenetResult) => r.final.trainAcc - r.final.valAcc;
