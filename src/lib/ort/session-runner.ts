import type * as OrtModule from 'onnxruntime-web';
import type { Feeds, ModelSpec, Outputs, ProgressFn, TensorData } from '../onnx/model-spec';
import type { Backend } from '../demos/common/demo-schema';
import { callPlan, type TrainingJob } from '../demos/common/demo-logic';
import { concatStreams } from '../demos/common/streams';

export type Ort = typeof OrtModule;
type Tensor = OrtModule.Tensor;

/**
 * Runs models on one onnxruntime-web build and one execution provider, keeping one session per
 * model so repeated runs pay the compile cost once.
 */
export class SessionRunner {
  private readonly sessions = new Map<string, Promise<OrtModule.InferenceSession>>();
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * One computation at a time: overlapping runs on onnxruntime-web's WASM backend corrupt each
   * other, and a reader typing into a control starts a new run before the last one ends.
   */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  constructor(
    private readonly ort: Ort,
    readonly backend: Backend,
    private readonly loadBytes: (spec: ModelSpec) => Promise<Uint8Array>,
  ) {}

  /** `onDevice`: outputs WebGPU should leave in GPU memory (training state fed straight back). */
  private session(spec: ModelSpec, onDevice: readonly string[] = []): Promise<OrtModule.InferenceSession> {
    const key = onDevice.length ? `${spec.key}#device` : spec.key;
    let s = this.sessions.get(key);
    if (!s) {
      const options: OrtModule.InferenceSession.SessionOptions = { executionProviders: [this.backend], graphOptimizationLevel: 'all' };
      if (onDevice.length) options.preferredOutputLocation = Object.fromEntries(onDevice.map((name) => [name, 'gpu-buffer' as const]));
      s = this.loadBytes(spec).then((bytes) => this.ort.InferenceSession.create(bytes, options));
      // A failed create must not poison the cache for a later retry.
      s.catch(() => this.sessions.delete(key));
      this.sessions.set(key, s);
    }
    return s;
  }

  private tensor(t: TensorData): Tensor {
    return new this.ort.Tensor('float32', t.data, t.dims);
  }

  private static async read(tensor: Tensor): Promise<TensorData> {
    // getData() downloads GPU-resident outputs; on the CPU it is a plain view.
    const data = (await tensor.getData()) as Float32Array;
    return { data: Float32Array.from(data), dims: tensor.dims.map(Number) };
  }

  run(spec: ModelSpec, feeds: Feeds): Promise<Outputs> {
    return this.serially(() => this.runNow(spec, feeds));
  }

  private async runNow(spec: ModelSpec, feeds: Feeds): Promise<Outputs> {
    const session = await this.session(spec);
    const inputs: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) inputs[name] = this.tensor(t);
    const results = await session.run(inputs);
    const out: Outputs = {};
    try {
      for (const [name, tensor] of Object.entries(results)) out[name] = await SessionRunner.read(tensor);
    } finally {
      for (const t of Object.values(results)) t.dispose();
      for (const t of Object.values(inputs)) t.dispose();
    }
    return out;
  }

  /**
   * Runs a training job. On WebGPU the parameters and optimizer state stay in GPU memory from
   * one call to the next; only the streams (losses, traces) are read back after each call.
   */
  train(job: TrainingJob, onProgress?: ProgressFn): Promise<Outputs> {
    return this.serially(() => this.trainNow(job, onProgress));
  }

  private async trainNow(job: TrainingJob, onProgress?: ProgressFn): Promise<Outputs> {
    const onDevice = this.backend === 'webgpu' ? Object.values(job.state) : [];
    let state: Record<string, Tensor> = Object.fromEntries(Object.entries(job.initial).map(([n, t]) => [n, this.tensor(t)]));
    const streams: Outputs[] = [];
    let done = 0;
    try {
      for (const steps of callPlan(job)) {
        const session = await this.session(job.spec(steps), onDevice);
        const perCall = Object.fromEntries(Object.entries(job.feeds(done, steps)).map(([n, t]) => [n, this.tensor(t)]));
        const results = await session.run({ ...perCall, ...state });
        for (const t of Object.values(perCall)) t.dispose();
        for (const t of Object.values(state)) t.dispose();
        state = Object.fromEntries(Object.entries(job.state).map(([input, output]) => [input, results[output]!]));
        const call: Outputs = {};
        for (const s of job.streams) {
          call[s] = await SessionRunner.read(results[s]!);
          results[s]!.dispose();
        }
        streams.push(call);
        done += steps;
        onProgress?.(done / job.totalSteps);
        if ((await job.onCall?.(call, done)) === false) break;
      }
      const final: Outputs = {};
      for (const [name, t] of Object.entries(state)) final[name] = await SessionRunner.read(t);
      return { ...concatStreams(streams, job.streams), ...final };
    } finally {
      for (const t of Object.values(state)) t.dispose();
    }
  }

  async release(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(all.map(async (s) => (await s).release()));
  }
}
