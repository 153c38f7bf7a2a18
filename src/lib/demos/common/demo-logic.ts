import type { Feeds, ModelSpec, Outputs } from '../../onnx/model-spec';
import type { DemoSchema, FullState } from './demo-schema';

export interface ModelJob {
  spec: ModelSpec;
  feeds: Feeds;
}

/**
 * A demo's computation split around the runtime: `plan` says which models to run on which
 * inputs, `finish` turns their outputs into the documented result. Both are pure, so Node (build
 * time, tests) and the browser run exactly the same logic.
 */
export interface DemoLogic<S, R> {
  schema: DemoSchema<S>;
  plan(state: FullState<S>): ModelJob[];
  finish(state: FullState<S>, outputs: Outputs[]): R;
}

/** Rows of a rank-4 NCHW output with N = C = 1. */
export function toRows(data: Float32Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols), cleanZero));
}

/** JSON and the page show 0, never -0. */
export function cleanZero(v: number): number {
  return v === 0 ? 0 : v;
}
