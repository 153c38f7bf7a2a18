import { describe, expect, it } from 'vitest';
import type { InferenceJob } from '../../src/lib/demos/common/demo-logic';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { centralDifferences, maxRelativeError, outputStep } from '../../src/lib/demos/mlp-backprop/mlp-finite-differences';
import { vanishingLogic, type VanishingResult } from '../../src/lib/demos/vanishing/vanishing-logic';
import { vanishingNetwork } from '../../src/lib/demos/vanishing/vanishing-network';
import { vanishingSchema } from '../../src/lib/demos/vanishing/vanishing-schema';
import { runInNode } from '../../src/lib/ort/node-runner';

type Act = 'sigmoid' | 'tanh' | 'relu';
interface Net {
  A: number[][][];
  b: number[][];
  x: number[];
}

const state = (query: string) => parseDemoProps(vanishingSchema, query, query);
const runs = new Map<string, Promise<VanishingResult>>();
/** A page state on a seed (the default seed is 5). */
const compute = (query: string, seed = 5): Promise<VanishingResult> => {
  const q = [query, seed === 5 ? '' : `seed=${seed}`].filter(Boolean).join('&');
  let r = runs.get(q);
  if (!r) runs.set(q, (r = runDemo(vanishingLogic, state(q), runInNode)));
  return r;
};
const SEEDS = [5, 1, 2];

// The reference, on its own: ∂y_L/∂ỹ_i = A_L D_{L−1} A_{L−1} ⋯ A_{i+1} D_i as a row vector, in float64.
const act64: Record<Act, (z: number) => number> = { sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh, relu: (z) => Math.max(z, 0) };
const slope64: Record<Act, (z: number) => number> = {
  sigmoid: (z) => Math.exp(-Math.abs(z)) / (1 + Math.exp(-Math.abs(z))) ** 2,
  tanh: (z) => 1 / Math.cosh(z) ** 2,
  relu: (z) => (z > 0 ? 1 : 0),
};

function outputGradients64(net: Net, act: Act) {
  const L = net.A.length;
  const ys: number[][] = [net.x];
  const zs: number[][] = [];
  for (let l = 0; l < L; l++) {
    const z = net.A[l]!.map((row, i) => net.b[l]![i]! + row.reduce((s, a, j) => s + a * ys[l]![j]!, 0));
    zs.push(z);
    ys.push(l === L - 1 ? z : z.map(act64[act]));
  }
  const g: number[][] = Array(L);
  g[L - 1] = [1];
  for (let i = L - 2; i >= 0; i--) {
    // g_i = g_{i+1} A_{i+1} D_i
    const row = net.A[i + 1]![0]!.map((_, q) => net.A[i + 1]!.reduce((s, r, p) => s + g[i + 1]![p]! * r[q]!, 0));
    g[i] = row.map((v, q) => v * slope64[act](zs[i]![q]!));
  }
  return { out: ys[L]![0]!, db: g, dA: g.map((gi, i) => gi.map((v) => ys[i]!.map((y) => v * y))), pre: zs };
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const gradB = (r: VanishingResult) => r.layers.map((l) => l.gradB!);

async function graphGradients(query: string) {
  const s = state(query);
  const job = vanishingLogic.plan(s)[0] as InferenceJob;
  const out = await runInNode(job.spec, job.feeds);
  return {
    s,
    net: vanishingNetwork(s),
    dA: Array.from({ length: s.depth }, (_, i) => Array.from(out[`dA${i + 1}`]!.data)),
    db: Array.from({ length: s.depth }, (_, i) => Array.from(out[`db${i + 1}`]!.data)),
  };
}

describe('∂y_L/∂A_i and ∂y_L/∂b_i from the ONNX graph', () => {
  // Float32 error grows with depth; and onnxruntime's Sigmoid and Tanh are accurate to ~1e-7 in
  // absolute terms only, so a unit in a tail (y near 0, or ±1) carries a larger relative error
  // into dA = db yᵀ and into the next pre-activation, whose slope ~e^(−|ỹ|) amplifies it.
  it.each([
    ['', 'sigmoid', 1e-4],
    ['act=tanh&bshift=3', 'tanh', 5e-4],
    ['act=relu&at=3,7&wscale=0.2', 'relu', 1e-4],
    ['depth=4&width=3&act=tanh&seed=9', 'tanh', 1e-5],
    ['depth=6&width=5&bshift=-2&at=2', 'sigmoid', 1e-4],
  ] as [string, Act, number][])('%s: every entry equals an independent float64 backprop of y_L', async (query, act, tol) => {
    const { net, dA, db } = await graphGradients(query);
    const ref = outputGradients64(net, act);
    expect(maxRelativeError(db.flat(), ref.db.flat())).toBeLessThan(tol);
    expect(maxRelativeError(dA.flat(), ref.dA.flat(2))).toBeLessThan(tol);
  });

  it.each(['sigmoid', 'tanh', 'relu'] as Act[])('%s, 5 layers of width 3: central differences of y_L agree with the graph', async (act) => {
    const { net, dA, db } = await graphGradients(`depth=5&width=3&act=${act}&seed=4&bshift=0.5&at=2`);
    const fd = centralDifferences(net, act, outputStep);
    expect(maxRelativeError(db.flat(), fd.db.flat())).toBeLessThan(1e-5);
    expect(maxRelativeError(dA.flat(), fd.dA.flat(2))).toBeLessThan(1e-5);
    // …and plain central differences with no tricks agree with the float64 reference itself.
    const ref = outputGradients64(net, act);
    const h = 1e-5;
    const b0 = net.b[1]!;
    const before = b0[0]!;
    b0[0] = before + h;
    const plus = outputGradients64(net, act).out;
    b0[0] = before - h;
    const minus = outputGradients64(net, act).out;
    b0[0] = before;
    expect((plus - minus) / (2 * h)).toBeCloseTo(ref.db[1]![0]!, 8);
  });

  it('the result\'s norms are the norms of those gradients, and ∂y_L/∂b_L = 1', async () => {
    const r = await compute('');
    const ref = outputGradients64(vanishingNetwork(state('')), 'sigmoid');
    r.layers.forEach((l, i) => {
      expect(l.layer).toBe(i + 1);
      expect(Math.abs(l.gradB! / norm(ref.db[i]!) - 1)).toBeLessThan(1e-4);
      expect(Math.abs(l.gradA! / norm(ref.dA[i]!.flat()) - 1)).toBeLessThan(1e-4);
    });
    expect(r.layers[19]!.gradB).toBe(1);
    expect(r.perLayer).toBeCloseTo(r.layers[0]!.gradB! ** (1 / 19), 12);
    expect(Math.abs(r.output / ref.out - 1)).toBeLessThan(1e-5);
  });
});

describe('the network and the histogram in the result', () => {
  it('weights have standard deviation gain·wscale/√width in the chosen layers and 1·gain/√width elsewhere; biases are bshift or 0', () => {
    const s = state('act=tanh&width=64&depth=4&at=2&wscale=0.5&bshift=2');
    const net = vanishingNetwork(s);
    const std = (m: number[][]) => Math.sqrt(m.flat().reduce((a, v) => a + v * v, 0) / m.flat().length);
    expect(std(net.A[0]!) / ((5 / 3) / 8)).toBeCloseTo(1, 1);
    expect(std(net.A[1]!) / ((0.5 * 5) / 3 / 8)).toBeCloseTo(1, 1);
    expect(net.b[1]!.every((v) => v === 2)).toBe(true);
    expect([...net.b[0]!, ...net.b[2]!].every((v) => v === 0)).toBe(true);
  });

  it('the network is included up to 10,000 parameters and left out beyond', async () => {
    const small = await compute('depth=20&width=22');
    expect(small.parameters).toBe(19 * (22 * 22 + 22) + 23);
    expect(small.network).not.toBeNull();
    expect(small.network!.A.flat(2).map(Math.fround)).toEqual(vanishingNetwork(state('depth=20&width=22')).A.flat(2));
    const big = await compute('depth=20&width=23');
    expect(big.parameters).toBe(19 * (23 * 23 + 23) + 24);
    expect(big.network).toBeNull();
  });

  it('the histogram counts every hidden pre-activation once, and those of the chosen layers', async () => {
    const r = await compute('act=tanh&at=10&bshift=8');
    expect(r.histogram.reduce((a, b) => a + b.count, 0)).toBe(19 * 16);
    expect(r.histogram.reduce((a, b) => a + b.chosen, 0)).toBe(16);
    const plain = await compute('');
    expect(plain.histogram.reduce((a, b) => a + b.chosen, 0)).toBe(19 * 16);
  });
});

describe('what the Problem 2 page says, on seeds 5, 1 and 2', () => {
  it.each(SEEDS)('seed %i, sigmoid: every layer shrinks ‖∂y_L/∂b_i‖ by a factor between 2.5 and 6.5; slopes never exceed 1/4', async (seed) => {
    const r = await compute('', seed);
    const b = gradB(r);
    for (let i = 0; i < b.length - 1; i++) {
      const factor = b[i + 1]! / b[i]!;
      expect(factor, `layer ${i + 1}`).toBeGreaterThan(2.5);
      expect(factor, `layer ${i + 1}`).toBeLessThan(6.5);
    }
    expect(b[0]).toBeLessThan(1e-11);
    for (const l of r.layers.slice(0, -1)) expect(l.meanSlope).toBeLessThanOrEqual(0.25);
  });

  it.each(SEEDS)('seed %i, tanh with nothing switched on: the gradients keep their size (all between 0.1 and 10)', async (seed) => {
    for (const v of gradB(await compute('act=tanh', seed))) {
      expect(v).toBeGreaterThan(0.1);
      expect(v).toBeLessThan(10);
    }
  });

  it.each(SEEDS)('seed %i, sigmoid, A₁₀ × 0.01: layers 1–9 a hundred times smaller, layers 10–20 within 15 percent', async (seed) => {
    const base = gradB(await compute('', seed));
    const small = gradB(await compute('at=10&wscale=0.01', seed));
    small.forEach((v, i) => {
      const ratio = v / base[i]!;
      if (i < 9) {
        expect(ratio, `layer ${i + 1}`).toBeGreaterThan(0.008);
        expect(ratio, `layer ${i + 1}`).toBeLessThan(0.0125);
      } else expect(Math.abs(ratio - 1), `layer ${i + 1}`).toBeLessThan(0.15);
    });
  });

  it.each(SEEDS)('seed %i, ReLU, A₁₀ × 0.01: exactly a hundredth below layer 10, unchanged from layer 10 up', async (seed) => {
    const base = gradB(await compute('act=relu', seed));
    const small = gradB(await compute('act=relu&at=10&wscale=0.01', seed));
    small.forEach((v, i) => expect(Math.abs(v / base[i]! - (i < 9 ? 0.01 : 1)) / (i < 9 ? 0.01 : 1), `layer ${i + 1}`).toBeLessThan(1e-4));
  });

  it.each(SEEDS)('seed %i, tanh, every matrix × 0.3: about 0.5 per layer', async (seed) => {
    const r = await compute('act=tanh&wscale=0.3', seed);
    expect(r.perLayer).toBeGreaterThan(0.4);
    expect(r.perLayer).toBeLessThan(0.6);
  });

  it.each(SEEDS)('seed %i, tanh, A₁₀ × 0.01: the layers above compensate; layer 1 is nowhere near a hundred times smaller', async (seed) => {
    const base = gradB(await compute('act=tanh', seed));
    const small = gradB(await compute('act=tanh&at=10&wscale=0.01', seed));
    expect(small[9]).toBeGreaterThan(30);
    expect(small[0]! / base[0]!).toBeGreaterThan(0.1);
  });

  it.each(SEEDS)('seed %i, tanh, bias 8 on layer 10: layers 1–10 drop by more than 10⁴, layers 11–20 keep their order', async (seed) => {
    const base = gradB(await compute('act=tanh', seed));
    const shifted = gradB(await compute('act=tanh&at=10&bshift=8', seed));
    shifted.forEach((v, i) => {
      const ratio = v / base[i]!;
      if (i < 10) expect(ratio, `layer ${i + 1}`).toBeLessThan(1e-4);
      else {
        expect(ratio, `layer ${i + 1}`).toBeGreaterThan(0.2);
        expect(ratio, `layer ${i + 1}`).toBeLessThan(5);
      }
    });
  });

  it.each(SEEDS)('seed %i, tanh, bias 8 on layer 10: its pre-activations form a bump around 8 in the histogram', async (seed) => {
    const r = await compute('act=tanh&at=10&bshift=8', seed);
    const chosen = r.histogram.filter((b) => b.chosen > 0);
    expect(Math.min(...chosen.map((b) => b.x0))).toBeGreaterThan(2);
    const mean = chosen.reduce((a, b) => a + b.chosen * (b.x0 + b.x1) / 2, 0) / 16;
    expect(mean).toBeGreaterThan(7);
    expect(mean).toBeLessThan(9);
  });

  it.each(SEEDS)('seed %i, tanh, bias 3 everywhere: most units saturate and ‖∂y_L/∂b_1‖ < 10⁻⁹', async (seed) => {
    const r = await compute('act=tanh&bshift=3', seed);
    expect(r.saturated).toBeGreaterThan(0.6);
    expect(gradB(r)[0]).toBeLessThan(1e-9);
  });

  it.each(SEEDS)('seed %i, sigmoid, bias 8 on layer 10: a further drop of about a thousand from layer 10 down', async (seed) => {
    const base = gradB(await compute('', seed));
    const shifted = gradB(await compute('at=10&bshift=8', seed));
    for (const i of [0, 4, 9]) {
      const ratio = shifted[i]! / base[i]!;
      expect(ratio, `layer ${i + 1}`).toBeGreaterThan(3e-4);
      expect(ratio, `layer ${i + 1}`).toBeLessThan(3e-3);
    }
  });

  it.each(SEEDS)('seed %i, ReLU: bias 3 keeps the gradients (0.1 to 10), bias −3 makes them exactly 0; in the plain network about half the units are active and layer 1 is within 20 of the top', async (seed) => {
    for (const v of gradB(await compute('act=relu&bshift=3', seed))) {
      expect(v).toBeGreaterThan(0.1);
      expect(v).toBeLessThan(10);
    }
    const dead = await compute('act=relu&bshift=-3', seed);
    expect(dead.layers.slice(0, -1).every((l) => l.gradA === 0 && l.gradB === 0)).toBe(true);
    expect(dead.saturated).toBe(1);
    const plain = await compute('act=relu', seed);
    expect(plain.saturated).toBeGreaterThan(0.4);
    expect(plain.saturated).toBeLessThan(0.6);
    const b = gradB(plain);
    expect(b[0]).toBeGreaterThan(1 / 20);
    for (let i = 0; i < b.length - 1; i++) {
      expect(b[i]! / b[i + 1]!).toBeGreaterThan(1 / 3);
      expect(b[i]! / b[i + 1]!).toBeLessThan(3);
    }
  });
});

describe('vanishing parameters', () => {
  it('bad values are reported and fall back to their defaults', () => {
    const { state: s, issues } = parseDemoState(vanishingSchema, 'depth=0&width=65&act=gelu&wscale=-1&bshift=abc&at=1,x');
    expect(issues.map((i) => i.param)).toEqual(['depth', 'width', 'act', 'wscale', 'bshift', 'at']);
    expect(issues[0]!.message).toBe('depth must be an integer from 2 to 50 (got "0"); using 20.');
    expect(s).toMatchObject({ depth: 20, width: 16, act: 'sigmoid', wscale: 1, bshift: 0, at: [] });
  });

  it('at naming a layer beyond the depth is refused: every layer is used', () => {
    const { state: s, issues } = parseDemoState(vanishingSchema, 'depth=8&at=3,12');
    expect(s.at).toEqual([]);
    expect(issues[0]!.message).toBe('at names layer 12, but the network has 8 layers; using the default at.');
  });

  it('a bad parameter in a page fails the build', () => {
    expect(() => parseDemoProps(vanishingSchema, 'depth=1', '<Vanishing>')).toThrow('depth must be an integer from 2 to 50');
    expect(() => parseDemoProps(vanishingSchema, 'layers=3', '<Vanishing>')).toThrow('unknown vanishing parameter(s) layers');
  });
});
