import type { Feeds, ModelSpec, Outputs } from '../../onnx/model-spec';
import type { DemoSchema, FullState } from './demo-schema';

/** One model, run once. */
export interface InferenceJob {
  kind?: 'infer';
  spec: ModelSpec;
  feeds: Feeds;
}

/**
 * A training run: a graph of K unrolled steps called repeatedly, its state (parameters, optimizer
 * state) looped from outputs back to inputs. The runner concatenates each stream output over the
 * calls and returns it together with the final state, keyed by the state's input names.
 */
export interface TrainingJob {
  kind: 'train';
  /** The graph for a call of `stepsPerCall` steps, and for the shorter last call if any. */
  spec(steps: number): ModelSpec;
  stepsPerCall: number;
  totalSteps: number;
  /** Initial parameters and optimizer state. */
  initial: Feeds;
  /** state input name -> output name carrying its next value. */
  state: Record<string, string>;
  /** Outputs concatenated over calls (losses, traces). */
  streams: string[];
  /** Inputs of a call covering steps [firstStep, firstStep + steps); called in order. */
  feeds(firstStep: number, steps: number): Feeds;
  /**
   * Called after each call with that call's stream outputs and the steps done so far, so a view
   * can draw a long run as it goes; the run waits for a returned promise (time for the browser to
   * paint: a WASM run never yields to it otherwise), and false ends it there (a newer run
   * replaced it).
   */
  onCall?(streams: Outputs, stepsDone: number): boolean | void | Promise<boolean | void>;
}

export type ModelJob = InferenceJob | TrainingJob;

export function callPlan(job: TrainingJob): number[] {
  const calls = Array<number>(Math.floor(job.totalSteps / job.stepsPerCall)).fill(job.stepsPerCall);
  if (job.totalSteps % job.stepsPerCall) calls.push(job.totalSteps % job.stepsPerCall);
  return calls;
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
