import type { TrainingJob } from '../common/demo-logic';
import type { Feeds, ModelSpec } from '../../onnx/model-spec';
import { MODULE_OUTPUT } from './inception-model';

/**
 * Wall-clock times of repeated runs of one model. The runner has no timing hook, so the runs are a
 * "training" job without state: the same graph called 1 + `runs` times, the clock read after each
 * call (its output read back, so WebGPU has finished). The first call pays for the session and is
 * the warm-up; the times are the gaps between the later calls.
 */
export interface Stopwatch {
  stamps: number[];
}

export function timedRuns(spec: ModelSpec, feeds: Feeds, runs: number, watch: Stopwatch): TrainingJob {
  return {
    kind: 'train',
    spec: () => spec,
    stepsPerCall: 1,
    totalSteps: 1 + runs,
    initial: {},
    state: {},
    streams: [MODULE_OUTPUT],
    feeds: () => feeds,
    onCall() {
      watch.stamps.push(performance.now());
    },
  };
}

/** Times of the runs after the warm-up, in ms. */
export function runTimes(watch: Stopwatch): number[] {
  return watch.stamps.slice(1).map((t, i) => t - watch.stamps[i]!);
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
