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

// onnxruntime-web's WASM backend corrupts runs that overlap (Astro renders a page's components
// concurrently; overlapping runs fail with "unaligned accesses" or empty input names), so runs
// in Node go one at a time.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task);
  queue = next.catch(() => undefined);
  return next;
}

export const runInNode: RunModel = (spec, feeds) => serially(async () => (await nodeRunner()).run(spec, feeds));

/** Runs any job in Node (training loops keep their state as CPU tensors). */
export function runJobInNode(job: ModelJob, onProgress?: ProgressFn): Promise<Outputs> {
  return serially(async () => {
    const runner = await nodeRunner();
    return job.kind === 'train' ? runner.train(job, onProgress) : runner.run(job.spec, job.feeds);
  });
}
