import type * as OrtModule from 'onnxruntime-web';
import type { Feeds, ModelSpec, Outputs } from '../onnx/model-spec';
import type { Backend } from '../demos/common/demo-schema';

export type Ort = typeof OrtModule;

/**
 * Runs models on one onnxruntime-web build and one execution provider, keeping one session per
 * model so repeated runs pay the compile cost once.
 */
export class SessionRunner {
  private readonly sessions = new Map<string, Promise<OrtModule.InferenceSession>>();

  constructor(
    private readonly ort: Ort,
    readonly backend: Backend,
    private readonly loadBytes: (spec: ModelSpec) => Promise<Uint8Array>,
  ) {}

  private session(spec: ModelSpec): Promise<OrtModule.InferenceSession> {
    let s = this.sessions.get(spec.key);
    if (!s) {
      s = this.loadBytes(spec).then((bytes) =>
        this.ort.InferenceSession.create(bytes, { executionProviders: [this.backend], graphOptimizationLevel: 'all' }),
      );
      // A failed create must not poison the cache for a later retry.
      s.catch(() => this.sessions.delete(spec.key));
      this.sessions.set(spec.key, s);
    }
    return s;
  }

  async run(spec: ModelSpec, feeds: Feeds): Promise<Outputs> {
    const session = await this.session(spec);
    const inputs: Record<string, OrtModule.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) inputs[name] = new this.ort.Tensor('float32', t.data, t.dims);
    const results = await session.run(inputs);
    const out: Outputs = {};
    try {
      for (const [name, tensor] of Object.entries(results)) {
        // getData() downloads GPU-resident outputs; on the CPU it is a plain view.
        const data = (await tensor.getData()) as Float32Array;
        out[name] = { data: Float32Array.from(data), dims: tensor.dims.map(Number) };
      }
    } finally {
      for (const t of Object.values(results)) t.dispose();
      for (const t of Object.values(inputs)) t.dispose();
    }
    return out;
  }

  async release(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(all.map(async (s) => (await s).release()));
  }
}
