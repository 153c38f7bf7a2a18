import { describe, expect, it } from 'vitest';
import { runTrainingJob } from '../../src/lib/demos/common/run-demo';
import type { TrainingJob } from '../../src/lib/demos/common/demo-logic';
import { applyMask, matmul, meanSquaredError } from '../../src/lib/onnx/training/dense-ops';
import { adamBiasCorrections, type OptimizerConfig } from '../../src/lib/onnx/training/optimizers';
import { buildTrainingGraph, stateName } from '../../src/lib/onnx/training/unrolled-training';
import { runInNode } from '../../src/lib/ort/node-runner';

// Least squares on 3 rows, 2 weights, a fixed mask per step: small enough to follow by hand.
const X = [1, 2, 3, -1, 0.5, 1];
const Y = [1, 0, 2];
const masks = (steps: number) => Float32Array.from({ length: steps * 6 }, (_, i) => ((i * 7) % 5 === 0 ? 0 : 1.25));

function job(opt: OptimizerConfig, stepsPerCall: number, totalSteps: number, lr: number): TrainingJob {
  const build = (steps: number) =>
    buildTrainingGraph({
      name: 'tiny',
      params: [{ name: 'w', shape: [2, 1] }],
      perStep: [{ name: 'mask', shape: [3, 2] }],
      fixed: [
        { name: 'x', shape: [3, 2] },
        { name: 'y', shape: [3, 1] },
      ],
      optimizer: opt,
      steps,
      loss: ({ tape, params, step, fixed }) => meanSquaredError(tape, matmul(tape, applyMask(tape, fixed['x']!, step['mask']!), params['w']!, { a: false }), fixed['y']!, 3),
    });
  const signature = build(1).signature;
  const all = masks(totalSteps);
  const initial: TrainingJob['initial'] = { w: { data: Float32Array.of(0.1, -0.2), dims: [2, 1] } };
  for (const name of Object.keys(signature.state)) if (name !== 'w') initial[name] = { data: new Float32Array(2), dims: [2, 1] };
  return {
    kind: 'train',
    spec: (steps) => ({ key: `tiny-${opt.kind}-wd${opt.weightDecay ?? 0}-${steps}`, build: () => build(steps).bytes }),
    stepsPerCall,
    totalSteps,
    initial,
    state: signature.state,
    streams: signature.streams,
    feeds(first, steps) {
      const feeds: ReturnType<TrainingJob['feeds']> = {
        mask: { data: all.slice(first * 6, (first + steps) * 6), dims: [steps, 3, 2] },
        x: { data: Float32Array.from(X), dims: [3, 2] },
        y: { data: Float32Array.from(Y), dims: [3, 1] },
        lr: { data: Float32Array.of(lr), dims: [1] },
      };
      if (opt.kind === 'adam') {
        const bc = adamBiasCorrections(opt, first + 1, steps);
        feeds['bc1'] = { data: bc.first, dims: [steps] };
        feeds['bc2'] = { data: bc.second, dims: [steps] };
      }
      return feeds;
    },
  };
}

/** The same training written out in float64 JavaScript, optimizer by optimizer. */
function reference(opt: OptimizerConfig, steps: number, lr: number) {
  const all = masks(steps);
  let w = [0.1, -0.2];
  let m = [0, 0];
  let v = [0, 0];
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    const wd = opt.weightDecay ?? 0;
    const g = [wd * w[0]!, wd * w[1]!];
    let loss = 0;
    for (let r = 0; r < 3; r++) {
      const a = [X[2 * r]! * all[t * 6 + 2 * r]!, X[2 * r + 1]! * all[t * 6 + 2 * r + 1]!];
      const err = a[0]! * w[0]! + a[1]! * w[1]! - Y[r]!;
      loss += (err * err) / 3;
      g[0]! += (2 / 3) * err * a[0]!;
      g[1]! += (2 / 3) * err * a[1]!;
    }
    losses.push(loss);
    if (opt.kind === 'sgd') w = w.map((wi, i) => wi - lr * g[i]!);
    else if (opt.kind === 'momentum') {
      v = v.map((vi, i) => opt.momentum * vi + g[i]!);
      w = w.map((wi, i) => wi - lr * v[i]!);
    } else {
      m = m.map((mi, i) => opt.beta1 * mi + (1 - opt.beta1) * g[i]!);
      v = v.map((vi, i) => opt.beta2 * vi + (1 - opt.beta2) * g[i]! ** 2);
      const c1 = 1 - opt.beta1 ** (t + 1);
      const c2 = 1 - opt.beta2 ** (t + 1);
      w = w.map((wi, i) => wi - (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + opt.eps));
    }
  }
  return { w, m, v, losses };
}

const optimizers: OptimizerConfig[] = [{ kind: 'sgd' }, { kind: 'momentum', momentum: 0.9 }, { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 }];
// Large enough to move the weights visibly in 30 steps.
const withDecay: OptimizerConfig[] = [
  { kind: 'sgd', weightDecay: 0.5 },
  { kind: 'momentum', momentum: 0.9, weightDecay: 0.5 },
];

describe('optimizers in the unrolled training graph', () => {
  it.each(optimizers.map((o) => [o.kind, o] as const))('%s matches the update rule written out in JavaScript', async (_, opt) => {
    const out = await runTrainingJob(job(opt, 10, 30, 0.05), runInNode);
    const ref = reference(opt, 30, 0.05);
    Array.from(out['w']!.data).forEach((v, i) => expect(v).toBeCloseTo(ref.w[i]!, 4));
    Array.from(out['losses']!.data).forEach((v, i) => expect(v).toBeCloseTo(ref.losses[i]!, 4));
    if (opt.kind === 'adam') Array.from(out[stateName('w', 'm')]!.data).forEach((v, i) => expect(v).toBeCloseTo(ref.m[i]!, 5));
  });

  it.each(withDecay.map((o) => [o.kind, o] as const))('%s with weight decay adds λ·w to the gradient, as PyTorch does', async (_, opt) => {
    const out = await runTrainingJob(job(opt, 10, 30, 0.05), runInNode);
    const ref = reference(opt, 30, 0.05);
    const plain = reference({ ...opt, weightDecay: 0 }, 30, 0.05);
    Array.from(out['w']!.data).forEach((v, i) => expect(v).toBeCloseTo(ref.w[i]!, 4));
    // The decay really changes the answer: it pulls the weights towards 0.
    expect(Math.hypot(...ref.w)).toBeLessThan(Math.hypot(...plain.w) - 0.01);
  });

  it('unrolling is exact: 3 calls of 10 steps, 30 calls of 1 step and 4 calls of 8 (+6) steps agree', async () => {
    const opt = optimizers[2]!;
    const a = await runTrainingJob(job(opt, 10, 30, 0.05), runInNode);
    const b = await runTrainingJob(job(opt, 1, 30, 0.05), runInNode);
    const c = await runTrainingJob(job(opt, 8, 30, 0.05), runInNode);
    for (const other of [b, c]) {
      Array.from(other['w']!.data).forEach((v, i) => expect(v).toBeCloseTo(a['w']!.data[i]!, 5));
      expect(other['losses']!.data.length).toBe(30);
    }
  });
});
