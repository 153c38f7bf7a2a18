import type { Backend, BackendRequest } from '../demos/common/demo-schema';
import type { ModelSpec, Outputs, ProgressFn } from '../onnx/model-spec';
import type { ModelJob } from '../demos/common/demo-logic';
import { modelUrl } from './model-url';
import { SessionRunner, type Ort } from './session-runner';
import { checkWebGpu } from './webgpu-adapter';

const runtimes = new Map<Backend, Promise<Ort>>();

/** Fetches only the build the chosen backend needs, once, on first use. */
function loadOrt(backend: Backend): Promise<Ort> {
  let p = runtimes.get(backend);
  if (!p) {
    p = (backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm')).then((m) => {
      const ort = m as unknown as Ort;
      // GitHub Pages cannot send the headers that threads need; one thread avoids a worker that fails.
      ort.env.wasm.numThreads = 1;
      return ort;
    });
    p.catch(() => runtimes.delete(backend));
    runtimes.set(backend, p);
  }
  return p;
}

/**
 * Published models are fetched from the site; any other configuration (a reader's own kernel
 * size) is built in the browser by the same code that wrote the files.
 */
function modelLoader(published: ReadonlySet<string>, notes: string[]) {
  return async (spec: ModelSpec): Promise<Uint8Array> => {
    if (!published.has(spec.key)) return spec.build();
    const url = modelUrl(spec.key);
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      notes.push(`model ${spec.key}.onnx could not be fetched (${e instanceof Error ? e.message : e}); built it in the browser instead`);
      return spec.build();
    }
  };
}

const runners = new Map<Backend, SessionRunner>();

async function runnerFor(backend: Backend, published: ReadonlySet<string>, notes: string[]): Promise<SessionRunner> {
  let r = runners.get(backend);
  if (!r) {
    r = new SessionRunner(await loadOrt(backend), backend, modelLoader(published, notes));
    runners.set(backend, r);
  }
  return r;
}

export interface BrowserRun {
  outputs: Outputs[];
  backend: Backend;
  /** Why the backend differs from the request, or anything else the reader should know. */
  notes: string[];
}

/**
 * Runs a batch of models on the requested backend: `webgpu` uses WebGPU whenever an adapter is
 * returned and the session works; `auto` does too unless the adapter is a software fallback.
 * Otherwise WASM, and every reason for falling back is reported.
 */
export async function runInBrowser(
  request: BackendRequest,
  jobs: ModelJob[],
  published: ReadonlySet<string>,
  onProgress?: ProgressFn,
): Promise<BrowserRun> {
  const runAll = async (runner: SessionRunner): Promise<Outputs[]> => {
    const outputs: Outputs[] = [];
    for (const [i, job] of jobs.entries()) {
      const progress = onProgress && ((f: number) => onProgress((i + f) / jobs.length));
      outputs.push(job.kind === 'train' ? await runner.train(job, progress) : await runner.run(job.spec, job.feeds));
    }
    return outputs;
  };
  const notes: string[] = [];
  if (request !== 'wasm') {
    const gpu = await checkWebGpu();
    if (gpu.usable && gpu.software && request === 'auto') {
      notes.push('WebGPU here is a software fallback without a GPU, slower than WASM, so auto ran on WASM (add backend=webgpu to use it anyway)');
    } else if (gpu.usable) {
      try {
        const runner = await runnerFor('webgpu', published, notes);
        return { outputs: await runAll(runner), backend: 'webgpu', notes };
      } catch (e) {
        notes.push(`WebGPU failed (${e instanceof Error ? e.message : String(e)}); ran on WASM instead`);
      }
    } else if (request === 'webgpu') {
      notes.push(`WebGPU was asked for, but ${gpu.reason}; ran on WASM instead`);
    }
  }
  return { outputs: await runAll(await runnerFor('wasm', published, notes)), backend: 'wasm', notes };
}
