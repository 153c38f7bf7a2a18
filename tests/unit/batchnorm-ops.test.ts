import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/lib/onnx/graph-builder';
import { swish } from '../../src/lib/onnx/training/activation-ops';
import { batchNormCount, batchNormInference, batchNormTrain, updateRunningStats, type BatchNormShape } from '../../src/lib/onnx/training/batchnorm-ops';
import { halfSquaredError } from '../../src/lib/onnx/training/loss-ops';
import { emitUpdate, type OptimizerConfig } from '../../src/lib/onnx/training/optimizers';
import { Tape } from '../../src/lib/onnx/training/tape';
import { buildTrainingGraph, nextName, trainingSignature } from '../../src/lib/onnx/training/unrolled-training';
import { runInNode } from '../../src/lib/ort/node-runner';
import { gradCheck, values } from './support/grad-check';

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) {
  expect(a.length, `${what}: length`).toBe(b.length);
  for (let i = 0; i < b.length; i++) {
    expect(Math.abs(a[i]! - b[i]!), `${what}[${i}]: ${a[i]} against ${b[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i]!)));
  }
}

/**
 * A float64 batch norm written the long way: for each channel, list its entries, take their
 * mean and biased variance, normalize. Its backward is the staged form of Ioffe & Szegedy
 * (2015, Algorithm 1's gradients): dσ² and dμ first, then dx — a different route from the
 * op's compact formula.
 */
function reference(shape: BatchNormShape, x: number[], gamma: number[], beta: number[], dy: number[], eps: number) {
  const [n, c] = shape;
  const plane = shape.length === 4 ? shape[2] * shape[3] : 1;
  const index = (i: number, ch: number, k: number) => (i * c + ch) * plane + k;
  const y = new Array<number>(x.length).fill(0);
  const dx = new Array<number>(x.length).fill(0);
  const mean: number[] = [];
  const variance: number[] = [];
  const dgamma: number[] = [];
  const dbeta: number[] = [];
  for (let ch = 0; ch < c; ch++) {
    const at: number[] = [];
    for (let i = 0; i < n; i++) for (let k = 0; k < plane; k++) at.push(index(i, ch, k));
    const m = at.length;
    const mu = at.reduce((s, j) => s + x[j]!, 0) / m;
    const v = at.reduce((s, j) => s + (x[j]! - mu) ** 2, 0) / m;
    mean.push(mu);
    variance.push(v);
    const sd = Math.sqrt(v + eps);
    let dg = 0;
    let db = 0;
    let dVar = 0;
    let dMu = 0;
    for (const j of at) {
      const xh = (x[j]! - mu) / sd;
      y[j] = gamma[ch]! * xh + beta[ch]!;
      dg += dy[j]! * xh;
      db += dy[j]!;
      const dxh = dy[j]! * gamma[ch]!;
      dVar += dxh * (x[j]! - mu) * -0.5 * (v + eps) ** -1.5;
      dMu += -dxh / sd;
    }
    // dμ also has the term dσ²·Σ −2(x − μ)/m, which is zero: the deviations sum to 0.
    for (const j of at) dx[j] = (dy[j]! * gamma[ch]!) / sd + (dVar * 2 * (x[j]! - mu)) / m + dMu / m;
    dgamma.push(dg);
    dbeta.push(db);
  }
  return { y, dx, mean, variance, dgamma, dbeta };
}

async function runTrainMode(shape: BatchNormShape, x: number[], gamma: number[], beta: number[], dy: number[], eps: number) {
  const g = new GraphBuilder('bn-check');
  const c = shape[1];
  const names = { x: g.input('x', shape), gamma: g.input('gamma', [c]), beta: g.input('beta', [c]), dy: g.input('dy', shape) };
  const t = new Tape(g);
  const out = batchNormTrain(t, names.x, names.gamma, names.beta, shape, eps);
  // L = Σ y ⊙ dy, so that dL/dy = dy.
  const [loss] = g.node('ReduceSum', [g.node('Mul', [out.y, names.dy])[0]!], { keepdims: 0 });
  t.record(loss!, (dL) => [[out.y, g.node('Mul', [names.dy, dL])[0]!]]);
  const grads = t.backward(loss!, [names.x, names.gamma, names.beta]);
  const emit = (name: string, from: string, dims: number[]) => {
    g.node('Identity', [from], {}, [name]);
    g.output(name, dims);
  };
  emit('y', out.y, shape);
  emit('mean', out.mean, [c]);
  emit('variance', out.variance, [c]);
  emit('dx', grads.get(names.x)!, shape);
  emit('dgamma', grads.get(names.gamma)!, [c]);
  emit('dbeta', grads.get(names.beta)!, [c]);
  const f = (data: number[], dims: number[]) => ({ data: Float32Array.from(data), dims });
  const res = await runInNode({ key: `bn-check-${shape.join('x')}`, build: () => g.toBytes() }, {
    x: f(x, shape),
    gamma: f(gamma, [c]),
    beta: f(beta, [c]),
    dy: f(dy, shape),
  });
  return Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Array.from(v.data as Float32Array)]));
}

const DENSE: BatchNormShape = [5, 3];
const CONV: BatchNormShape = [2, 3, 2, 3];

describe('batch norm in training mode', () => {
  for (const [label, shape] of [
    ['dense [5, 3]', DENSE],
    ['convolutional [2, 3, 2, 3], per channel', CONV],
  ] as const) {
    it(`${label}: y, the batch statistics and dx, dγ, dβ equal a float64 implementation`, async () => {
      const size = shape.reduce((a, b) => a * b, 1);
      // Columns of different scales and offsets, so that a statistic taken over the wrong axis shows.
      const x = values(size, 41).map((v, i) => 3 * v + (Math.floor(i / (size / shape[0])) % 2) + 0.5 * (i % shape[1]));
      const gamma = [1.5, -0.7, 0.3];
      const beta = [0.2, -1, 2];
      const dy = values(size, 42);
      const eps = 1e-5;
      const got = await runTrainMode(shape, x, gamma, beta, dy, eps);
      const want = reference(shape, x, gamma, beta, dy, eps);
      expectClose(got['y']!, want.y, 1e-5, 'y');
      expectClose(got['mean']!, want.mean, 1e-5, 'mean');
      expectClose(got['variance']!, want.variance, 1e-5, 'variance');
      expectClose(got['dx']!, want.dx, 1e-4, 'dx');
      expectClose(got['dgamma']!, want.dgamma, 1e-5, 'dγ');
      expectClose(got['dbeta']!, want.dbeta, 1e-5, 'dβ');
      // The normalized batch sums its gradient to 0 per channel: shifting every x in a channel
      // by the same amount changes nothing downstream.
      const [n, c] = shape;
      const plane = size / (n * c);
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let i = 0; i < n; i++) for (let k = 0; k < plane; k++) s += got['dx']![(i * c + ch) * plane + k]!;
        expect(Math.abs(s), `Σ dx over channel ${ch}`).toBeLessThan(1e-4);
      }
    });

    it(`${label}: the backward rule agrees with central finite differences`, async () => {
      const size = shape.reduce((a, b) => a * b, 1);
      const c = shape[1];
      const { analytic, numeric } = await gradCheck(
        (t, v) => batchNormTrain(t, v['x']!, v['gamma']!, v['beta']!, shape, 1e-3).y,
        shape as number[],
        [
          { name: 'x', dims: shape as number[], data: values(size, 43).map((v) => 2 * v) },
          { name: 'gamma', dims: [c], data: values(c, 44, 0.3) },
          { name: 'beta', dims: [c], data: values(c, 45) },
        ],
        1e-2,
      );
      for (const name of ['x', 'gamma', 'beta']) expectClose(analytic[name]!, numeric[name]!, 2e-2, `d${name}`);
    });
  }

  it('counts the entries per feature: n for [n, d], n·h·w for [n, c, h, w]', () => {
    expect(batchNormCount(DENSE)).toBe(5);
    expect(batchNormCount(CONV)).toBe(12);
  });
});

describe('batch norm in inference mode and its running statistics', () => {
  it('normalizes with the running statistics and updates them as PyTorch does (unbiased variance in)', async () => {
    const shape: BatchNormShape = [4, 2];
    const eps = 1e-5;
    const momentum = 0.1;
    const g = new GraphBuilder('bn-inference');
    const x = g.input('x', shape);
    const gamma = g.input('gamma', [2]);
    const beta = g.input('beta', [2]);
    const rm = g.input('rm', [2]);
    const rv = g.input('rv', [2]);
    g.node('Identity', [batchNormInference(g, x, gamma, beta, rm, rv, shape, eps)], {}, ['y']);
    g.output('y', shape);
    const batch = batchNormTrain(new Tape(g), x, gamma, beta, shape, eps);
    const next = updateRunningStats(g, { mean: rm, variance: rv }, batch, batchNormCount(shape), momentum);
    g.node('Identity', [next.mean], {}, ['rm2']);
    g.node('Identity', [next.variance], {}, ['rv2']);
    g.output('rm2', [2]);
    g.output('rv2', [2]);
    const X = [1, 10, 2, 20, 4, 40, 9, 90];
    const f = (data: number[], dims: number[]) => ({ data: Float32Array.from(data), dims });
    const out = await runInNode({ key: 'bn-inference', build: () => g.toBytes() }, {
      x: f(X, shape),
      gamma: f([2, 0.5], [2]),
      beta: f([1, -1], [2]),
      rm: f([3, 30], [2]),
      rv: f([4, 100], [2]),
    });
    const y = Array.from(out['y']!.data as Float32Array);
    const wantY = X.map((v, i) => (i % 2 === 0 ? (2 * (v - 3)) / Math.sqrt(4 + eps) + 1 : (0.5 * (v - 30)) / Math.sqrt(100 + eps) - 1));
    expectClose(y, wantY, 1e-5, 'y');
    // Column 0 is 1, 2, 4, 9: mean 4, unbiased variance 38/3; column 1 is ten times that.
    expectClose(Array.from(out['rm2']!.data as Float32Array), [0.9 * 3 + 0.1 * 4, 0.9 * 30 + 0.1 * 40], 1e-6, 'running mean');
    expectClose(Array.from(out['rv2']!.data as Float32Array), [0.9 * 4 + (0.1 * 38) / 3, 0.9 * 100 + (0.1 * 3800) / 3], 1e-6, 'running variance');
  });

  it('an unrolled training graph carries buffers from step to step and out of the call', async () => {
    // Two steps of a 1-feature batch norm whose running mean is a buffer: after step k it is
    // blended with batch k's mean, and `evaluate` sees the final value.
    const spec = {
      name: 'buffers',
      params: [{ name: 'gamma', shape: [1] }, { name: 'beta', shape: [1] }],
      buffers: [{ name: 'rm', shape: [1] }, { name: 'rv', shape: [1] }],
      perStep: [{ name: 'x', shape: [3, 1] }],
      fixed: [],
      optimizer: { kind: 'sgd' } as OptimizerConfig,
      steps: 2,
      loss: (ctx: Parameters<Parameters<typeof buildTrainingGraph>[0]['loss']>[0]) => {
        const out = batchNormTrain(ctx.tape, ctx.step['x']!, ctx.params['gamma']!, ctx.params['beta']!, [3, 1], 1e-5);
        const next = updateRunningStats(ctx.g, { mean: ctx.buffers['rm']!, variance: ctx.buffers['rv']! }, out, 3, 0.5);
        ctx.buffers['rm'] = next.mean;
        ctx.buffers['rv'] = next.variance;
        return halfSquaredError(ctx.tape, out.y, ctx.g.constant(ctx.g.fresh('zeros'), [3, 1], [0, 0, 0]));
      },
      evaluate: ({ g, buffers }: { g: GraphBuilder; buffers: Record<string, string> }) => ({
        rmSeen: { name: g.node('Identity', [buffers['rm']!])[0]!, shape: [1] },
      }),
    };
    const { bytes, signature } = buildTrainingGraph(spec);
    expect(signature.state['rm']).toBe(nextName('rm'));
    expect(trainingSignature(spec, ['rmSeen']).state).toEqual(signature.state);
    const f = (data: number[], dims: number[]) => ({ data: Float32Array.from(data), dims });
    const out = await runInNode({ key: 'buffers', build: () => bytes }, {
      gamma: f([1], [1]),
      beta: f([0], [1]),
      rm: f([0], [1]),
      rv: f([1], [1]),
      lr: f([0.1], [1]),
      x: f([1, 2, 3, 10, 20, 30], [2, 3, 1]),
    });
    // Step 1: 0.5·0 + 0.5·2 = 1; step 2: 0.5·1 + 0.5·20 = 10.5. Variances: 1 then 100 (unbiased).
    expect(out[nextName('rm')]!.data[0]).toBeCloseTo(10.5, 5);
    expect(out[nextName('rv')]!.data[0]).toBeCloseTo(0.5 * (0.5 * 1 + 0.5 * 1) + 0.5 * 100, 4);
    expect(out['rmSeen']!.data[0]).toBeCloseTo(10.5, 5);
  });
});

describe('Swish and the L1/L2 penalties', () => {
  it('swish: y = x·σ(x), and dX = dY ⊙ (σ + x·σ′) agrees with finite differences', async () => {
    const x = values(12, 51).map((v) => 4 * v);
    const { analytic, numeric } = await gradCheck((t, v) => swish(t, v['x']!), [3, 4], [{ name: 'x', dims: [3, 4], data: x }]);
    expectClose(analytic['x']!, numeric['x']!, 5e-3, 'dx');
    const g = new GraphBuilder('swish');
    g.input('x', [12]);
    g.node('Identity', [swish(new Tape(g), 'x')], {}, ['y']);
    g.output('y', [12]);
    const out = await runInNode({ key: 'swish', build: () => g.toBytes() }, { x: { data: Float32Array.from(x), dims: [12] } });
    expectClose(Array.from(out['y']!.data as Float32Array), x.map((v) => v / (1 + Math.exp(-v))), 1e-5, 'y');
  });

  it('one SGD step with weight decay λ₂ and L1 λ₁: p − η(g + λ₂p + λ₁·sign p), sign 0 = 0', async () => {
    const g = new GraphBuilder('penalties');
    const o: OptimizerConfig = { kind: 'sgd', weightDecay: 0.1, l1: 0.01 };
    g.input('p', [4]);
    g.input('grad', [4]);
    g.input('lr', [1]);
    const next = emitUpdate(g, o, { param: 'p', grad: 'grad', state: {}, lr: 'lr' });
    g.node('Identity', [next.param], {}, ['next']);
    g.output('next', [4]);
    const p = [2, -3, 0, 0.5];
    const grad = [1, 1, 1, -1];
    const f = (data: number[], dims: number[]) => ({ data: Float32Array.from(data), dims });
    const out = await runInNode({ key: 'penalties', build: () => g.toBytes() }, { p: f(p, [4]), grad: f(grad, [4]), lr: f([0.5], [1]) });
    const want = p.map((v, i) => v - 0.5 * (grad[i]! + 0.1 * v + 0.01 * Math.sign(v)));
    expectClose(Array.from(out['next']!.data as Float32Array), want, 1e-6, 'next');
  });
});
