/** A model the site can run: a stable key (its file name) and the code that builds it. */
export interface ModelSpec {
  /** File stem under `public/models/`, unique per graph: "conv2d-k3x3-s1". */
  key: string;
  build(): Uint8Array;
}

export interface TensorData {
  data: Float32Array;
  dims: number[];
}

export type Feeds = Record<string, TensorData>;
export type Outputs = Record<string, TensorData>;

/** Runs a model on plain arrays; the demos' logic receives one and never sees onnxruntime. */
export type RunModel = (spec: ModelSpec, feeds: Feeds) => Promise<Outputs>;

/** Reports progress of long runs (training) as a fraction in [0, 1]. */
export type ProgressFn = (fraction: number) => void;
