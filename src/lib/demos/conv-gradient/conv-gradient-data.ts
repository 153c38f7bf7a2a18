import type { Matrix } from '../common/matrix-text';
import { seededRng, type SeededRng } from '../../random/seeded-rng';
import type { ConvGradientParams } from './conv-gradient-schema';
import { exampleSize, gradientSide } from './conv-gradient-theory';

/** A zero-mean draw with standard deviation `std`; the uniform one lives on [−√3·std, √3·std]. */
export function drawer(rng: SeededRng, dist: ConvGradientParams['dist'], std: number): () => number {
  if (dist === 'gaussian') return () => std * rng.normal();
  const half = Math.sqrt(3) * std;
  return () => half * (2 * rng.uniform() - 1);
}

/**
 * Each image size has its own stream, seeded by (seed, n), so the numbers for n = 64 are the
 * same whichever other sizes are swept with it.
 */
export function sizeRng(seed: number, n: number): SeededRng {
  return seededRng((seed ^ Math.imul(n, 0x9e3779b1)) >>> 0);
}

export interface SweepDraws {
  /** trials x n x n, trial-major. */
  x: Float32Array;
  /** trials x m x m, m = n − k + 1. */
  dy: Float32Array;
}

export function sweepDraws(s: ConvGradientParams & { seed: number }, n: number): SweepDraws {
  const rng = sizeRng(s.seed, n);
  const m = gradientSide(n, s.k);
  const x = new Float32Array(s.trials * n * n);
  const dy = new Float32Array(s.trials * m * m);
  const drawX = drawer(rng, s.dist, s.sx);
  const drawG = drawer(rng, s.dist, s.sg);
  for (let i = 0; i < x.length; i++) x[i] = drawX();
  for (let i = 0; i < dy.length; i++) dy[i] = drawG();
  return { x, dy };
}

export interface ExampleDraws {
  x: Matrix;
  dy: Matrix;
  w: Matrix;
}

/** Small integers (and weights in tenths), so every entry of dw can be checked by hand. */
export function exampleDraws(seed: number, k: number): ExampleDraws {
  const rng = seededRng((seed ^ 0x5eed5eed) >>> 0);
  const n = exampleSize(k);
  const m = gradientSide(n, k);
  const square = (side: number, draw: () => number) => Array.from({ length: side }, () => Array.from({ length: side }, draw));
  return {
    x: square(n, () => rng.int(-3, 3)),
    dy: square(m, () => rng.int(-2, 2)),
    w: square(k, () => rng.int(-9, 9) / 10),
  };
}
