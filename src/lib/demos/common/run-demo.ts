import type { Outputs, ProgressFn, RunModel } from '../../onnx/model-spec';
import type { DemoLogic, ModelJob, TrainingJob } from './demo-logic';
import { callPlan } from './demo-logic';
import type { FullState } from './demo-schema';
import { concatStreams } from './streams';

/**
 * Runs a training job through a plain `run` function, copying the state back each call. The
 * browser has a faster path that keeps the state on the GPU (src/lib/ort/browser-runner.ts).
 */
export async function runTrainingJob(job: TrainingJob, run: RunModel, onProgress?: ProgressFn): Promise<Outputs> {
  let state = { ...job.initial };
  const streams: Outputs[] = [];
  let done = 0;
  for (const steps of callPlan(job)) {
    const out = await run(job.spec(steps), { ...job.feeds(done, steps), ...state });
    state = Object.fromEntries(Object.entries(job.state).map(([input, output]) => [input, out[output]!]));
    const call = Object.fromEntries(job.streams.map((s) => [s, out[s]!]));
    streams.push(call);
    done += steps;
    onProgress?.(done / job.totalSteps);
    if ((await job.onCall?.(call, done)) === false) break;
  }
  return { ...concatStreams(streams, job.streams), ...state };
}

export async function runJob(job: ModelJob, run: RunModel, onProgress?: ProgressFn): Promise<Outputs> {
  return job.kind === 'train' ? runTrainingJob(job, run, onProgress) : run(job.spec, job.feeds);
}

/** Plans, runs every model job in order, and finishes: the whole computation of one state. */
export async function runDemo<S, R>(logic: DemoLogic<S, R>, state: FullState<S>, run: RunModel, onProgress?: ProgressFn): Promise<R> {
  const jobs = logic.plan(state);
  const outputs: Outputs[] = [];
  for (const [i, job] of jobs.entries()) outputs.push(await runJob(job, run, onProgress && ((f) => onProgress((i + f) / jobs.length))));
  return logic.finish(state, outputs);
}
