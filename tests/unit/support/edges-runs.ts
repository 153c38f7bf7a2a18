// Runs of the edges demo for the tests of the HW4 Problem 4 page: the default seed's states are
// the pages' stored results, other seeds are read from the test file's run cache or trained
// (support/run-cache.ts).
import { parseDemoProps } from '../../../src/lib/demos/common/demo-schema';
import { edgeData, edgesLogic, type EdgeModelResult, type EdgesResult } from '../../../src/lib/demos/edges/edges-logic';
import { PIXELS, SIDE } from '../../../src/lib/demos/edges/edge-images';
import { runCache } from './run-cache';

/** `edgesRun(query, seed)` for one test file: a page state (`query`) on `seed` (default 7). */
export function edgesRuns(file: string): (query: string, seed?: number) => Promise<EdgesResult> {
  const cache = runCache(file);
  return (query, seed = 7) => cache.run<EdgesResult>('edges', seed === 7 ? query : [query, `seed=${seed}`].filter(Boolean).join('&'));
}

export const modelOf = (r: { models: { name: string }[] }, name: string) => r.models.find((m) => m.name === name)! as EdgeModelResult;

/**
 * How a k×k filter is oriented: the share of its variance carried by its row means (horizontal
 * stripes: constant along each row) and by its column means (vertical stripes).
 */
export function orientation(f: number[][]): { rows: number; cols: number } {
  const k = f.length;
  const all = f.flat();
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const total = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
  const rowMeans = f.map((row) => row.reduce((a, b) => a + b, 0) / k);
  const colMeans = f[0]!.map((_, c) => f.reduce((a, row) => a + row[c]!, 0) / k);
  const share = (means: number[]) => means.reduce((a, b) => a + (b - mean) ** 2, 0) / means.length / total;
  return { rows: share(rowMeans), cols: share(colMeans) };
}

/** Filters of a CNN whose row (or column) means carry more than half of their variance. */
export function stripes(filters: number[][][]): { horizontal: number; vertical: number } {
  const o = filters.map(orientation);
  return { horizontal: o.filter((x) => x.rows > 0.5).length, vertical: o.filter((x) => x.cols > 0.5).length };
}

function valSet(query: string, seed: number) {
  const state = parseDemoProps(edgesLogic.schema, [query, `seed=${seed}`].filter(Boolean).join('&'), query);
  return edgeData(state, state.per_class).val;
}

/** The true classes of a state's validation images, in the order of `valPredictions`. */
export const valLabels = (query: string, seed: number): number[] => Array.from(valSet(query, seed).labels);

/** Where the band of a horizontal or vertical validation image starts and ends (rows or columns). */
export function bandOf(query: string, seed: number, index: number): { first: number; last: number } {
  const val = valSet(query, seed);
  const img = val.images.subarray(index * PIXELS, (index + 1) * PIXELS);
  const background = Math.min(...img);
  const label = val.labels[index]!;
  const lit = Array.from({ length: SIDE }, (_, i) => i).filter((i) => (label === 0 ? img[i * SIDE]! : img[i]!) > background);
  return { first: lit[0]!, last: lit.at(-1)! };
}
