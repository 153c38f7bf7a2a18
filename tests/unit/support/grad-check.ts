import { GraphBuilder } from '../../../src/lib/onnx/graph-builder';
import type { TensorData } from '../../../src/lib/onnx/model-spec';
import { Tape } from '../../../src/lib/onnx/training/tape';
import { runInNode } from '../../../src/lib/ort/node-runner';
import { seededRng } from '../../../src/lib/random/seeded-rng';

export interface CheckInput {
  name: string;
  dims: number[];
  data: number[];
  /** Differentiate with respect to it (false for masks and labels). */
  wrt?: boolean;
}

let counter = 0;

/**
 * Checks an op's hand-written backward rule against central finite differences of its own ONNX
 * forward pass. The scalar probed is L = Σ y ⊙ R for a fixed random R, so every entry of the
 * Jacobian-vector product is exercised, not only a sum.
 */
export async function gradCheck(
  forward: (t: Tape, inputs: Record<string, string>) => string,
  outputDims: number[],
  inputs: CheckInput[],
  eps = 1e-2,
): Promise<{ analytic: Record<string, number[]>; numeric: Record<string, number[]> }> {
  const rng = seededRng(99);
  const rSize = outputDims.reduce((a, b) => a * b, 1);
  // Weights of magnitude 0.5–1.5 with random signs: a weight near 0 would hide an entry's error
  // (xoroshiro's first draw from a small seed is ~0, which once made every scalar check vacuous).
  const R = Array.from({ length: rSize }, () => {
    const u = rng.uniform() * 2 - 1;
    return u + (u < 0 ? -0.5 : 0.5);
  });
  const build = (withGrad: boolean) => {
    const g = new GraphBuilder('check');
    const names: Record<string, string> = {};
    for (const i of inputs) names[i.name] = g.input(i.name, i.dims);
    const t = new Tape(g);
    const y = forward(t, names);
    const r = g.constant('R', outputDims, R);
    const [prod] = g.node('Mul', [y, r]);
    const [loss] = g.node('ReduceSum', [prod!], { keepdims: 0 }, ['loss']);
    t.record(loss!, (dL) => [[y, g.node('Mul', [r, dL])[0]!]]);
    g.output('loss', []);
    if (withGrad) {
      const wanted = inputs.filter((i) => i.wrt !== false).map((i) => names[i.name]!);
      const grads = t.backward(loss!, wanted);
      for (const i of inputs.filter((x) => x.wrt !== false)) {
        g.node('Identity', [grads.get(names[i.name]!)!], {}, [`d_${i.name}`]);
        g.output(`d_${i.name}`, i.dims);
      }
    }
    return g.toBytes();
  };
  const id = counter++;
  const gradSpec = { key: `gradcheck-${id}-g`, build: () => build(true) };
  const fwdSpec = { key: `gradcheck-${id}-f`, build: () => build(false) };
  const feeds = (override?: { name: string; index: number; delta: number }) =>
    Object.fromEntries(
      inputs.map((i) => {
        const data = Float32Array.from(i.data);
        if (override?.name === i.name) data[override.index]! += override.delta;
        return [i.name, { data, dims: i.dims } satisfies TensorData];
      }),
    );
  const out = await runInNode(gradSpec, feeds());
  const analytic: Record<string, number[]> = {};
  const numeric: Record<string, number[]> = {};
  for (const i of inputs.filter((x) => x.wrt !== false)) {
    analytic[i.name] = Array.from(out[`d_${i.name}`]!.data);
    numeric[i.name] = [];
    for (let k = 0; k < i.data.length; k++) {
      const plus = (await runInNode(fwdSpec, feeds({ name: i.name, index: k, delta: eps })))['loss']!.data[0]!;
      const minus = (await runInNode(fwdSpec, feeds({ name: i.name, index: k, delta: -eps })))['loss']!.data[0]!;
      numeric[i.name]!.push((plus - minus) / (2 * eps));
    }
  }
  return { analytic, numeric };
}

/** Fills a tensor with seeded values in [−1, 1), kept away from 0 where kinks would bite. */
export function values(n: number, seed: number, awayFromZero = 0): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => {
    const v = rng.uniform() * 2 - 1;
    return Math.abs(v) < awayFromZero ? v + Math.sign(v || 1) * awayFromZero : v;
  });
}
