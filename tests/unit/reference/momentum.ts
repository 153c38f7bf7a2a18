// The two forms of momentum SGD on f(θ) = ½ θᵀAθ − bᵀθ, written out in float64 as the homework
// states them, without any of the demo's code, to check the ONNX graphs against. Only the random
// generator is the site's: the demo promises the noise of `seed`, so the reference draws it too.
import { seededRng } from '../../../src/lib/random/seeded-rng';

export type Vec = [number, number];

export interface QuadraticRun {
  A: number[][];
  b: number[];
  theta0: number[];
  alpha: number;
  beta: number;
  steps: number;
}

/** noise · z for each gradient entry, z the seed's standard normals in order (step k: entries 2k, 2k + 1), as float32. */
export function noiseOf(seed: number, steps: number, noise: number): Vec[] {
  if (noise === 0) return Array.from({ length: steps }, () => [0, 0] as Vec);
  const rng = seededRng(seed);
  return Array.from({ length: steps }, () => [Math.fround(noise * rng.normal()), Math.fround(noise * rng.normal())] as Vec);
}

export const gradient = (s: Pick<QuadraticRun, 'A' | 'b'>, t: Vec, xi: Vec): Vec => [
  s.A[0]![0]! * t[0] + s.A[0]![1]! * t[1] - s.b[0]! + xi[0],
  s.A[1]![0]! * t[0] + s.A[1]![1]! * t[1] - s.b[1]! + xi[1],
];

/** Form I: θ^{k+1} = θ^k − α g^k + β(θ^k − θ^{k−1}), θ^{−1} = θ^0. Returns θ^0 … θ^steps and the g^k used. */
export function heavyBall64(s: QuadraticRun, noise: Vec[]): { theta: Vec[]; grads: Vec[] } {
  let prev: Vec = [s.theta0[0]!, s.theta0[1]!];
  let t: Vec = [...prev];
  const theta: Vec[] = [t];
  const grads: Vec[] = [];
  for (let k = 0; k < s.steps; k++) {
    const g = gradient(s, t, noise[k]!);
    grads.push(g);
    const next: Vec = [t[0] - s.alpha * g[0] + s.beta * (t[0] - prev[0]), t[1] - s.alpha * g[1] + s.beta * (t[1] - prev[1])];
    prev = t;
    t = next;
    theta.push(t);
  }
  return { theta, grads };
}

/** Form II: v^{k+1} = g^k + β v^k, θ^{k+1} = θ^k − α v^{k+1}, v^0 = 0. Returns θ^0 … θ^steps. */
export function velocity64(s: QuadraticRun, noise: Vec[]): Vec[] {
  let t: Vec = [s.theta0[0]!, s.theta0[1]!];
  let v: Vec = [0, 0];
  const theta: Vec[] = [t];
  for (let k = 0; k < s.steps; k++) {
    const g = gradient(s, t, noise[k]!);
    v = [g[0] + s.beta * v[0], g[1] + s.beta * v[1]];
    t = [t[0] - s.alpha * v[0], t[1] - s.alpha * v[1]];
    theta.push(t);
  }
  return theta;
}

export const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
export const largest = (rows: readonly (readonly number[])[]) => Math.max(...rows.map((r) => Math.hypot(r[0]!, r[1]!)));
