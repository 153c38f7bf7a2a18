import type { Matrix } from '../common/matrix-text';
import { activate, type Activation } from './activations';
import type { MlpNetwork } from './mlp-network';

/** The forward pass in float64: pre[ℓ − 1] = ỹ_ℓ, y[ℓ] for ℓ = 0 … L (y[0] = x). */
export function forward64(net: MlpNetwork, act: Activation): { pre: number[][]; y: number[][] } {
  const L = net.A.length;
  const pre: number[][] = [];
  const y = [net.x];
  for (let l = 0; l < L; l++) {
    const z = net.A[l]!.map((row, i) => row.reduce((s, a, j) => s + a * y[l]![j]!, net.b[l]![i]!));
    pre.push(z);
    y.push(l < L - 1 ? z.map((v) => activate(act, v)) : z);
  }
  return { pre, y };
}

/**
 * σ(z + d) − σ(z) in closed form, so that none of its digits cancel however small d is:
 * σ(z + d) − σ(z) = σ(z + d)·σ(−z)·(1 − e^(−d)) for the sigmoid, sinh d /(cosh(z + d) cosh z) for tanh.
 */
export function activationStep(act: Activation, z: number, d: number): number {
  if (d === 0) return 0;
  if (act === 'sigmoid') return activate('sigmoid', z + d) * activate('sigmoid', -z) * -Math.expm1(-d);
  if (act === 'tanh') return Math.sinh(d) / (Math.cosh(z + d) * Math.cosh(z));
  return z > 0 && z + d > 0 ? d : Math.max(z + d, 0) - Math.max(z, 0);
}

/**
 * Step of the central differences. With the differences exact (below), what is left is the
 * truncation error h²·f‴/6, about 10⁻¹⁰ of f′ here, far below float32's ~10⁻⁷.
 */
export const FD_STEP = 1e-5;

/** The change f(θ + δ) − f(θ) of the differentiated quantity, given y_L − Y at θ and the change δ of y_L. */
export type OuterStep = (yL: number, delta: number) => number;

/** ½(y_L − Y)² changes by δ·(y_L − Y + δ/2). */
export const lossStep = (Y: number): OuterStep => (yL, delta) => delta * (yL - Y + delta / 2);
/** y_L itself. */
export const outputStep: OuterStep = (_yL, delta) => delta;

/**
 * ∂f/∂A_ℓ and ∂f/∂b_ℓ by central differences (f(θ + h) − f(θ − h))/2h, one entry at a time, in
 * float64. A plain f(θ + h) − f(θ − h) loses every digit that f and its change share: with
 * ℓ ≈ 10, h = 10⁻⁴ and float64 that is an absolute error near 10⁻¹¹, as large as the gradients of a
 * deep layer. So the change is carried forward instead of the values: a perturbed entry of layer k
 * moves ỹ_k by d (or d·y_{k−1,j}), each later layer moves by A Δy and by activationStep, and f by
 * `outer`; every step is exact algebra, evaluated without cancellation.
 */
export function centralDifferences(net: MlpNetwork, act: Activation, outer: OuterStep, h = FD_STEP): { dA: Matrix[]; db: number[][] } {
  const L = net.A.length;
  const { pre, y } = forward64(net, act);
  const yL = y[L]![0]!;
  /** The change of y_L when ỹ_k (layer index k from 0) moves by `start`. */
  const propagate = (k: number, start: number[]): number => {
    let dz = start;
    let dy: number[] = [];
    for (let l = k; l < L; l++) {
      if (l > k) dz = net.A[l]!.map((row) => row.reduce((s, a, j) => s + a * dy[j]!, 0));
      dy = l < L - 1 ? dz.map((v, i) => activationStep(act, pre[l]![i]!, v)) : dz;
    }
    return dy[0]!;
  };
  const derivative = (k: number, row: number, scale: number): number => {
    const step = (d: number) => {
      const start = Array<number>(net.A[k]!.length).fill(0);
      start[row] = d * scale;
      return outer(yL, propagate(k, start));
    };
    return (step(h) - step(-h)) / (2 * h);
  };
  return {
    dA: net.A.map((A, k) => A.map((r, i) => r.map((_, j) => derivative(k, i, y[k]![j]!)))),
    db: net.b.map((b, k) => b.map((_, i) => derivative(k, i, 1))),
  };
}

/**
 * Denominator floor of the relative error: an entry of the reference smaller than this is compared
 * in absolute terms, so an exact 0 (a dead ReLU, a float32 underflow) does not divide by 0.
 */
export const REL_ERROR_FLOOR = 1e-30;

/** max over entries of |g − r| / max(|r|, floor): the error of `g` relative to the reference `r`. */
export function maxRelativeError(g: readonly number[], r: readonly number[], floor = REL_ERROR_FLOOR): number {
  if (g.length !== r.length) throw new Error(`maxRelativeError: ${g.length} entries against ${r.length}`);
  let worst = 0;
  for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i]! - r[i]!) / Math.max(Math.abs(r[i]!), floor));
  return worst;
}
