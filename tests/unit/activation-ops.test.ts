import { describe, expect, it } from 'vitest';
import { addSaturatingSlope, sigmoid, tanh } from '../../src/lib/onnx/training/activation-ops';
import { GraphBuilder } from '../../src/lib/onnx/graph-builder';
import { runInNode } from '../../src/lib/ort/node-runner';
import { halfSquaredError } from '../../src/lib/onnx/training/loss-ops';
import { gradCheck, values } from './support/grad-check';

function expectClose(a: Record<string, number[]>, n: Record<string, number[]>, tol = 2e-2) {
  for (const name of Object.keys(n)) {
    expect(a[name]!.length).toBe(n[name]!.length);
    a[name]!.forEach((v, i) => expect(Math.abs(v - n[name]![i]!), `${name}[${i}]: analytic ${v}, numeric ${n[name]![i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(n[name]![i]!))));
  }
}

describe('activation and loss backward rules agree with finite differences', () => {
  it('sigmoid: dX = dY ⊙ σ(x)(1 − σ(x))', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => sigmoid(t, x['x']!), [4, 3], [{ name: 'x', dims: [4, 3], data: values(12, 21).map((v) => 3 * v) }]);
    expectClose(analytic, numeric, 5e-3);
  });

  it('tanh: dX = dY ⊙ (1 − tanh²x)', async () => {
    const { analytic, numeric } = await gradCheck((t, x) => tanh(t, x['x']!), [2, 5], [{ name: 'x', dims: [2, 5], data: values(10, 22).map((v) => 2 * v) }]);
    expectClose(analytic, numeric, 5e-3);
  });

  it('half squared error: dŶ = ŷ − y', async () => {
    const p = values(3, 23);
    const y = values(3, 24);
    const { analytic, numeric } = await gradCheck((t, x) => halfSquaredError(t, x['p']!, x['y']!), [], [
      { name: 'p', dims: [3, 1], data: p },
      { name: 'y', dims: [3, 1], data: y, wrt: false },
    ]);
    expectClose(analytic, numeric, 5e-3);
  });
});

describe('slopes in the tails, in float32', () => {
  const Z = [-40, -20, -10, -3, 0, 0.5, 3, 10, 20, 40];
  async function run() {
    const g = new GraphBuilder('tails');
    g.input('z', [Z.length]);
    g.node('Identity', [addSaturatingSlope(g, 'z', 'sigmoid')], {}, ['ds']);
    g.node('Identity', [addSaturatingSlope(g, 'z', 'tanh')], {}, ['dt']);
    g.node('Sigmoid', ['z'], {}, ['s']);
    for (const o of ['ds', 'dt', 's']) g.output(o, [Z.length]);
    return runInNode({ key: 'tails', build: () => g.toBytes() }, { z: { data: Float32Array.from(Z), dims: [Z.length] } });
  }

  it('σ′ and tanh′ keep six digits out to |z| = 40, where y(1 − y) and 1 − y² would be 0', async () => {
    const out = await run();
    Z.forEach((z, i) => {
      // σ′ = σ(z)σ(−z) = 1/(2 + e^z + e^(−z)), the form that float64 can evaluate at z = 40 too.
      expect(Math.abs(out['ds']!.data[i]! * (2 + Math.exp(z) + Math.exp(-z)) - 1), `σ′(${z})`).toBeLessThan(1e-6);
      expect(Math.abs(out['dt']!.data[i]! * Math.cosh(z) ** 2 - 1), `tanh′(${z})`).toBeLessThan(1e-6);
    });
  });

  it('onnxruntime\'s own Sigmoid (WASM) is accurate only in absolute terms: σ(−20) comes out 0', async () => {
    const out = await run();
    expect(out['s']!.data[Z.indexOf(-20)]).toBe(0);
    expect(Math.abs(out['s']!.data[Z.indexOf(-3)]! - 1 / (1 + Math.exp(3)))).toBeLessThan(1e-7);
  });
});
