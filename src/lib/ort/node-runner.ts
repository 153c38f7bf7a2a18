import type { ProgressFn, RunModel } from '../onnx/model-spec';
import type { ModelJob } from '../demos/common/demo-logic';
import type { Outputs } from '../onnx/model-spec';
import { SessionRunner, type Ort } from './session-runner';

let runner: Promise<SessionRunner> | undefined;

/**
 * The same runtime in Node (build-time results, unit tests): onnxruntime-web's Node entry runs
 * the WASM backend, and models are built in memory rather than fetched.
 */
export function nodeRunner(): Promise<SessionRunner> {
  runner ??= import('onnxruntime-web').then((ort) => {
    (ort as Ort).env.wasm.numThreads = 1;
    return new SessionRunner(ort as Ort, 'wasm', async (spec) => spec.build());
  });
  return runner;
}

export const runInNode: RunModel = async (spec, feeds) => (await nodeRunner()).run(spec, feeds);

/** Runs any job in Node (training loops keep their state as CPU tensors). */
export async function runJobInNode(job: ModelJob, onProgress?: ProgressFn): Promise<Outputs> {
  const runner = await nodeRunner();
  return job.kind === 'train' ? runner.train(job, onProgress) : runner.run(job.spec, job.feeds);
}
