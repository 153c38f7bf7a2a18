// Runs of the lenet demo for the claims tests: the pages' stored results, else the test file's
// run cache, else trained (support/run-cache.ts).
import type { LenetResult } from '../../../src/lib/demos/lenet/lenet-logic';
import { runCache } from './run-cache';

/** The query of `state` on `seed` (0, the default, is left out). */
export const withSeed = (state: string, seed: number) => [state, seed ? `seed=${seed}` : ''].filter(Boolean).join('&');

/** `lenetRun(state, seed)` for one test file. */
export function lenetRuns(file: string): (state: string, seed?: number) => Promise<LenetResult> {
  const cache = runCache(file);
  return (state, seed = 0) => cache.run<LenetResult>('lenet', withSeed(state, seed));
}

/** The default seed and the two others every claim is checked on. */
export const SEEDS = [0, 1, 2] as const;
export const LONG = 300_000;
export const gap = (r: LenetResult) => r.final.trainAcc - r.final.valAcc;
