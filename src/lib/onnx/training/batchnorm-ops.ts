import type { GraphBuilder } from '../graph-builder';
import type { Shape4 } from './cnn-ops';
import type { Tape } from './tape';

/**
 * Batch normalization with a hand-derived backward rule, for dense [n, d] inputs (statistics per
 * feature over the batch) and convolutional [n, c, h, w] inputs (per channel, over the batch and
 * every position). Checked against finite differences and a float64 implementation in
 * tests/unit/batchnorm-ops.test.ts.
 */

export type BatchNormShape = [n: number, d: number] | Shape4;

export interface BatchNormTrainOutput {
  y: string;
  /** The batch mean per feature/channel, [C]. */
  mean: string;
  /** The biased batch variance per feature/channel (what normalizes), [C]. */
  variance: string;
}

/** The axes statistics are taken over, the shape γ and β broadcast as, and the count m per feature. */
function layout(shape: BatchNormShape) {
  if (shape.length === 2) return { axes: [0], broadcast: [1, shape[1]], channels: shape[1], count: shape[0] };
  const [n, c, h, w] = shape;
  return { axes: [0, 2, 3], broadcast: [1, c, 1, 1], channels: c, count: n * h * w };
}

/** Elements averaged into each feature's statistics: n for [n, d], n·h·w for [n, c, h, w]. */
export function batchNormCount(shape: BatchNormShape): number {
  return layout(shape).count;
}

/**
 * Training mode: y = γ ⊙ x̂ + β with x̂ = (x − μ)/√(σ² + ε), where μ and σ² (biased, 1/m) are this
 * batch's. With m entries per feature, the backward rule is
 *   dβ = Σ dy,  dγ = Σ dy ⊙ x̂,
 *   dx = (1/√(σ² + ε)) ⊙ (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂)),  dx̂ = γ ⊙ dy,
 * every sum and mean taken per feature over the same entries as the statistics. The last two
 * terms are the paths through μ and σ²: each x moves its own batch's statistics.
 */
export function batchNormTrain(
  t: Tape,
  x: string,
  gamma: string,
  beta: string,
  shape: BatchNormShape,
  eps: number,
  options: { inputGrad?: boolean } = {},
): BatchNormTrainOutput {
  const { g } = t;
  const { axes, broadcast, channels } = layout(shape);
  const keep = (v: string, op: string) => g.node(op, [v], { axes, keepdims: 1 })[0]!;
  const asParam = (v: string) => g.node('Reshape', [v, g.constantInt64(g.fresh('bn_shape'), [broadcast.length], broadcast)])[0]!;
  const perChannel = (v: string) => g.node('Reshape', [v, g.constantInt64(g.fresh('bn_c'), [1], [channels])])[0]!;

  const mean = keep(x, 'ReduceMean');
  const [centred] = g.node('Sub', [x, mean]);
  const variance = keep(g.node('Mul', [centred!, centred!])[0]!, 'ReduceMean');
  const [std] = g.node('Sqrt', [g.node('Add', [variance, g.constant(g.fresh('bn_eps'), [], [eps])])[0]!]);
  const [inv] = g.node('Reciprocal', [std!]);
  const [xHat] = g.node('Mul', [centred!, inv!]);
  const gammaB = asParam(gamma);
  const [y] = g.node('Add', [g.node('Mul', [xHat!, gammaB])[0]!, asParam(beta)]);

  t.record(y!, (dY) => {
    const sumAxes = g.constantInt64(g.fresh('bn_axes'), [axes.length], axes);
    const sum = (v: string) => g.node('ReduceSum', [v, sumAxes], { keepdims: 0 })[0]!;
    const [dyXHat] = g.node('Mul', [dY, xHat!]);
    const out: [string, string][] = [
      [gamma, sum(dyXHat!)],
      [beta, sum(dY)],
    ];
    if (options.inputGrad === false) return out;
    const [dXHat] = g.node('Mul', [dY, gammaB]);
    const meanD = keep(dXHat!, 'ReduceMean');
    const meanDX = keep(g.node('Mul', [dXHat!, xHat!])[0]!, 'ReduceMean');
    const [inner] = g.node('Sub', [g.node('Sub', [dXHat!, meanD])[0]!, g.node('Mul', [xHat!, meanDX])[0]!]);
    out.push([x, g.node('Mul', [inner!, inv!])[0]!]);
    return out;
  });
  return { y: y!, mean: perChannel(mean), variance: perChannel(variance) };
}

/** Inference mode: y = γ ⊙ (x − running mean)/√(running var + ε) + β, no batch statistics. */
export function batchNormInference(
  g: GraphBuilder,
  x: string,
  gamma: string,
  beta: string,
  runningMean: string,
  runningVar: string,
  shape: BatchNormShape,
  eps: number,
): string {
  const { broadcast } = layout(shape);
  const asParam = (v: string) => g.node('Reshape', [v, g.constantInt64(g.fresh('bn_shape'), [broadcast.length], broadcast)])[0]!;
  const [std] = g.node('Sqrt', [g.node('Add', [asParam(runningVar), g.constant(g.fresh('bn_eps'), [], [eps])])[0]!]);
  const [scale] = g.node('Div', [asParam(gamma), std!]);
  const [centred] = g.node('Sub', [x, asParam(runningMean)]);
  return g.node('Add', [g.node('Mul', [centred!, scale!])[0]!, asParam(beta)])[0]!;
}

/**
 * PyTorch's running statistics: r ← (1 − momentum)·r + momentum·s, where the variance fed in is
 * the unbiased one, σ²·m/(m − 1), although the batch is normalized with the biased σ².
 */
export function updateRunningStats(
  g: GraphBuilder,
  running: { mean: string; variance: string },
  batch: { mean: string; variance: string },
  count: number,
  momentum: number,
): { mean: string; variance: string } {
  const c = (v: number) => g.constant(g.fresh('bn_c'), [], [v]);
  const blend = (r: string, s: string) =>
    g.node('Add', [g.node('Mul', [r, c(1 - momentum)])[0]!, g.node('Mul', [s, c(momentum)])[0]!])[0]!;
  const unbiased = g.node('Mul', [batch.variance, c(count / Math.max(1, count - 1))])[0]!;
  return { mean: blend(running.mean, batch.mean), variance: blend(running.variance, unbiased) };
}
