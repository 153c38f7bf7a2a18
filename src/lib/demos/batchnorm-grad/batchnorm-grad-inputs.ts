import type { FullState } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { mlpRng } from '../mlp-backprop/mlp-rng';
import type { BatchnormGradParams } from './batchnorm-grad-schema';

/** What the graph runs on: every parameter resolved, entries rounded to float32 as the graph sees them. */
export interface BatchnormGradInputs {
  x: Matrix;
  dy: Matrix;
  gamma: number[];
  beta: number[];
  eps: number;
}

const SALT = 0x626e6772;

/**
 * Integers from −3 to 3, row by row. A draw in which some column is constant is drawn again (up
 * to a few times): with a constant dy the backward pass sends nothing to that column, which hides
 * every term of the formula.
 */
export function drawDy(seed: number, rows: number, cols: number): Matrix {
  // Mixed seed: nearby seeds of the plain generator start with nearly equal draws.
  const rng = mlpRng(seed, SALT);
  let dy: Matrix = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    dy = Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.int(-3, 3)));
    const constant = Array.from({ length: cols }, (_, j) => dy.every((r) => r[j] === dy[0]![j])).some(Boolean);
    if (!constant) break;
  }
  return dy;
}

const f32 = (m: Matrix) => m.map((r) => r.map(Math.fround));

export function batchnormGradInputs(s: FullState<BatchnormGradParams>): BatchnormGradInputs {
  const n = s.x.length;
  const d = s.x[0]!.length;
  return {
    x: f32(s.x),
    dy: f32(s.dy.length ? s.dy : drawDy(s.seed, n, d)),
    gamma: (s.gamma.length ? s.gamma : Array<number>(d).fill(1)).map(Math.fround),
    beta: (s.beta.length ? s.beta : Array<number>(d).fill(0)).map(Math.fround),
    eps: Math.fround(s.eps),
  };
}
