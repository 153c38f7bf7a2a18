import { describe, expect, it } from 'vitest';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { mlpBackpropLogic, type MlpBackpropResult } from '../../src/lib/demos/mlp-backprop/mlp-backprop-logic';
import { mlpBackpropNetwork } from '../../src/lib/demos/mlp-backprop/mlp-backprop-network';
import { mlpBackpropSchema } from '../../src/lib/demos/mlp-backprop/mlp-backprop-schema';
import { centralDifferences, lossStep, maxRelativeError } from '../../src/lib/demos/mlp-backprop/mlp-finite-differences';
import { runInNode } from '../../src/lib/ort/node-runner';

type Act = 'sigmoid' | 'tanh' | 'relu';
interface Net {
  A: number[][][];
  b: number[][];
  x: number[];
  Y: number;
}

const runs = new Map<string, Promise<MlpBackpropResult>>();
const compute = (query: string): Promise<MlpBackpropResult> => {
  let r = runs.get(query);
  if (!r) runs.set(query, (r = runDemo(mlpBackpropLogic, parseDemoProps(mlpBackpropSchema, query, query), runInNode)));
  return r;
};

// The reference, written out here on its own: activations, their derivatives, the forward pass and
// the chain rule as products with the Jacobians, all in float64.
const act64: Record<Act, (z: number) => number> = { sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh, relu: (z) => Math.max(z, 0) };
const slope64: Record<Act, (z: number) => number> = {
  sigmoid: (z) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2,
  tanh: (z) => 1 / Math.cosh(z) ** 2,
  relu: (z) => (z > 0 ? 1 : 0),
};

/** ∂L/∂A_ℓ and ∂L/∂b_ℓ of L = ½(y_L − Y)²: δ_L = y_L − Y, δ_ℓ = diag(σ′(ỹ_ℓ)) A_{ℓ+1}ᵀ δ_{ℓ+1}; ∂L/∂b_ℓ = δ_ℓ, ∂L/∂A_ℓ = δ_ℓ y_{ℓ−1}ᵀ. */
function backprop64(net: Net, act: Act) {
  const L = net.A.length;
  const ys: number[][] = [net.x];
  const zs: number[][] = [];
  for (let l = 0; l < L; l++) {
    const z = net.A[l]!.map((row, i) => net.b[l]![i]! + row.reduce((s, a, j) => s + a * ys[l]![j]!, 0));
    zs.push(z);
    ys.push(l === L - 1 ? z : z.map(act64[act]));
  }
  const deltas: number[][] = Array(L);
  deltas[L - 1] = [ys[L]![0]! - net.Y];
  for (let l = L - 2; l >= 0; l--) {
    const next = deltas[l + 1]!;
    deltas[l] = zs[l]!.map((z, i) => slope64[act](z) * net.A[l + 1]!.reduce((s, row, k) => s + row[i]! * next[k]!, 0));
  }
  return {
    loss: 0.5 * (ys[L]![0]! - net.Y) ** 2,
    out: ys[L]![0]!,
    pre: zs,
    db: deltas,
    dA: deltas.map((d, l) => d.map((di) => ys[l]!.map((yj) => di * yj))),
  };
}

/** Plain central differences of the loss, no tricks: (L(θ + h) − L(θ − h))/2h. */
function plainDifferences(net: Net, act: Act, h: number) {
  const loss = (n: Net) => backprop64(n, act).loss;
  const probe = (arr: number[], i: number) => {
    const v = arr[i]!;
    arr[i] = v + h;
    const plus = loss(net);
    arr[i] = v - h;
    const minus = loss(net);
    arr[i] = v;
    return (plus - minus) / (2 * h);
  };
  return { dA: net.A.map((A) => A.map((row) => row.map((_, j) => probe(row, j)))), db: net.b.map((b) => b.map((_, i) => probe(b, i))) };
}

const flat = (g: { dA: number[][][]; db: number[][] }) => [...g.dA.flat(2), ...g.db.flat()];
/** The result's network as the graph saw it: its 9-digit JSON values read back as float32. */
const networkOf = (r: MlpBackpropResult): Net => ({
  A: r.network.A.map((A) => A.map((row) => row.map(Math.fround))),
  b: r.network.b.map((b) => b.map(Math.fround)),
  x: r.network.x.map(Math.fround),
  Y: Math.fround(r.network.Y),
});

const STATES: [string, Act][] = [
  ['', 'sigmoid'],
  ['act=tanh', 'tanh'],
  ['act=relu', 'relu'],
  ['layers=12&width=16', 'sigmoid'],
  ['layers=1', 'sigmoid'],
  ['layers=3&width=2&act=tanh&seed=7', 'tanh'],
  ['layers=8&width=8&act=tanh&seed=1', 'tanh'],
];

describe('the backward recursion as an ONNX graph (Problem 1)', () => {
  it.each(STATES)('%s: dA_ℓ and db_ℓ equal an independent float64 backprop to float32 precision', async (query, act) => {
    const r = await compute(query);
    const ref = backprop64(networkOf(r), act);
    expect(r.dA).toHaveLength(ref.dA.length);
    r.dA.forEach((dA, l) => {
      expect(dA.length).toBe(ref.dA[l]!.length);
      expect(dA[0]!.length).toBe(ref.dA[l]![0]!.length);
    });
    expect(maxRelativeError(flat(r), flat(ref))).toBeLessThan(1e-5);
    expect(Math.abs(r.loss / ref.loss - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.output / ref.out - 1)).toBeLessThan(1e-6);
  });

  it('the default network: plain central differences in float64 agree with the graph', async () => {
    const r = await compute('');
    // Gradients here are at least 1e-5; with h = 1e-4 a plain difference is good to ~1e-11 absolute.
    const fd = plainDifferences(networkOf(r), 'sigmoid', 1e-4);
    expect(maxRelativeError(flat(r), flat(fd))).toBeLessThan(1e-5);
  });

  it('plain differences lose to cancellation what the carried-forward ones keep (12 layers of width 16)', async () => {
    const net = networkOf(await compute('layers=12&width=16'));
    const exact = flat(backprop64(net, 'sigmoid'));
    const plain = flat(plainDifferences(net, 'sigmoid', 1e-5));
    const carried = flat(centralDifferences(net, 'sigmoid', lossStep(net.Y)));
    // An absolute error of order 1e-10, against first-layer gradients near 1e-27.
    const absolute = Math.max(...plain.map((v, i) => Math.abs(v - exact[i]!)));
    expect(absolute).toBeGreaterThan(1e-12);
    expect(absolute).toBeLessThan(1e-8);
    // For the deepest entries the loss does not move at all: the plain difference is 0, no digit right.
    expect(maxRelativeError(plain, exact)).toBeGreaterThanOrEqual(0.99);
    expect(maxRelativeError(carried, exact)).toBeLessThan(1e-9);
  });

  it.each(STATES)('%s: the page\'s finite differences (carried forward) match the exact float64 gradients to 1e-9', async (query, act) => {
    const r = await compute(query);
    const net = networkOf(r);
    const fd = centralDifferences(net, act, lossStep(net.Y));
    expect(maxRelativeError(flat(fd), flat(backprop64(net, act)))).toBeLessThan(1e-9);
  });

  it.each(STATES)('%s: maxRelError is the largest |g − r|/max(|r|, 1e-30) against those differences, and small', async (query, act) => {
    const r = await compute(query);
    const net = networkOf(r);
    const fd = centralDifferences(net, act, lossStep(net.Y));
    expect(r.maxRelError).toBeCloseTo(maxRelativeError(flat(r), flat(fd)), 12);
    expect(r.maxRelError).toBe(Math.max(...r.errors.flatMap((e) => [e.dA, e.db])));
    expect(r.maxRelError).toBeLessThan(1e-5);
    expect(r.tapeMaxRelError).toBeLessThan(1e-5);
    expect(r.errors.map((e) => e.layer)).toEqual(r.dA.map((_, i) => i + 1));
  });

  it('the tape differentiates the same network: its gradients, read from the graph, match the float64 backprop', async () => {
    const s = parseDemoProps(mlpBackpropSchema, 'act=tanh&layers=4&width=3&seed=3', 'test');
    const [job] = mlpBackpropLogic.plan(s);
    const out = await runInNode((job as { spec: Parameters<typeof runInNode>[0] }).spec, (job as { feeds: Parameters<typeof runInNode>[1] }).feeds);
    const net = mlpBackpropNetwork(3, 4, 3);
    const ref = backprop64(net, 'tanh');
    for (let l = 1; l <= 4; l++) {
      expect(maxRelativeError(Array.from(out[`tape_dA${l}`]!.data), ref.dA[l - 1]!.flat())).toBeLessThan(1e-5);
      expect(maxRelativeError(Array.from(out[`tape_db${l}`]!.data), ref.db[l - 1]!)).toBeLessThan(1e-5);
    }
  });
});

describe('the network of the result', () => {
  it('is the starter code\'s shape, drawn uniformly from [0, 1), and exact as float32', async () => {
    const r = await compute('');
    const n = r.network;
    expect(n.x).toHaveLength(4);
    expect(n.A.map((A) => [A.length, A[0]!.length])).toEqual([[4, 4], [4, 4], [4, 4], [4, 4], [4, 4], [1, 4]]);
    expect(r.parameters).toBe(105);
    const all = [...n.x, n.Y, ...n.A.flat(2), ...n.b.flat()];
    expect(all).toHaveLength(4 + 1 + 105);
    for (const v of all) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    // The JSON's 9 digits read back as exactly the float32 values the graph ran on.
    const drawn = mlpBackpropNetwork(0, 6, 4);
    expect(n.A.flat(2).map(Math.fround)).toEqual(drawn.A.flat(2));
    expect(n.x.map(Math.fround)).toEqual(drawn.x);
    expect(Math.fround(n.Y)).toBe(drawn.Y);
    // Another seed, another network.
    expect((await compute('seed=1')).network.x).not.toEqual(n.x);
  });
});

describe('what the Problem 1 page says', () => {
  it('the first layer\'s gradient is four orders of magnitude below the last layer\'s', async () => {
    const r = await compute('');
    const largest = (m: number[][]) => Math.max(...m.flat().map(Math.abs));
    const ratio = largest(r.dA[0]!) / largest(r.dA[5]!);
    expect(ratio).toBeGreaterThan(1e-5);
    expect(ratio).toBeLessThan(1e-3);
  });

  it('dA_6 = (y_6 − Y) y_5ᵀ, and the hidden pre-activations lie in [1, 3.5] with σ′ in [0.02, 0.2]', async () => {
    const r = await compute('');
    const ref = backprop64(networkOf(r), 'sigmoid');
    const y5 = ref.pre[4]!.map(act64.sigmoid);
    r.dA[5]![0]!.forEach((v, j) => expect(v).toBeCloseTo((ref.out - r.network.Y) * y5[j]!, 5));
    const hidden = ref.pre.slice(0, 5).flat();
    expect(Math.min(...hidden)).toBeGreaterThan(1);
    expect(Math.max(...hidden)).toBeLessThan(3.5);
    expect(Math.min(...hidden.map(slope64.sigmoid))).toBeGreaterThan(0.02);
    expect(Math.max(...hidden.map(slope64.sigmoid))).toBeLessThan(0.2);
  });

  it('with positive weights every ReLU is active, so the ReLU network is linear', async () => {
    const r = await compute('act=relu');
    const ref = backprop64(networkOf(r), 'relu');
    expect(Math.min(...ref.pre.flat())).toBeGreaterThan(0);
  });

  it('the 12-layer network of width 16 has first-layer gradients of order 1e-27', async () => {
    const r = await compute('layers=12&width=16');
    const largest = Math.max(...r.db[0]!.map(Math.abs));
    expect(largest).toBeGreaterThan(1e-28);
    expect(largest).toBeLessThan(1e-26);
  });
});

describe('mlp-backprop parameters', () => {
  it('layers=0 is reported and the default 6 layers are used', () => {
    const { state, issues } = parseDemoState(mlpBackpropSchema, 'layers=0');
    expect(state.layers).toBe(6);
    expect(issues).toEqual([{ param: 'layers', message: 'layers must be an integer from 1 to 12 (got "0"); using 6.' }]);
  });

  it('other bad values: too wide, not an integer, not a number, an unknown activation', () => {
    const { state, issues } = parseDemoState(mlpBackpropSchema, 'width=17&layers=2.5&seed=-1&act=softplus');
    expect(issues.map((i) => i.param)).toEqual(['layers', 'width', 'act', 'seed']);
    expect(state.width).toBe(4);
    expect(state.layers).toBe(6);
    expect(state.act).toBe('sigmoid');
    expect(state.seed).toBe(0);
    expect(parseDemoState(mlpBackpropSchema, 'layers=abc').issues[0]!.message).toContain('(got "abc": not a number)');
  });

  it('a bad parameter in a page fails the build with its message', () => {
    expect(() => parseDemoProps(mlpBackpropSchema, 'layers=0', '<MlpBackprop>')).toThrow('layers must be an integer from 1 to 12');
    expect(() => parseDemoProps(mlpBackpropSchema, 'depth=3', '<MlpBackprop>')).toThrow('unknown mlp-backprop parameter(s) depth');
  });
});
