import type { Outputs, TensorData } from '../../onnx/model-spec';

/** Joins the per-call stream outputs of a training run along their first axis. */
export function concatStreams(calls: Outputs[], names: readonly string[]): Outputs {
  const out: Outputs = {};
  for (const name of names) {
    const parts: TensorData[] = calls.map((c) => c[name]!);
    const data = new Float32Array(parts.reduce((n, p) => n + p.data.length, 0));
    let offset = 0;
    for (const p of parts) {
      data.set(p.data, offset);
      offset += p.data.length;
    }
    const first = parts[0]!.dims;
    out[name] = { data, dims: [parts.reduce((n, p) => n + p.dims[0]!, 0), ...first.slice(1)] };
  }
  return out;
}
