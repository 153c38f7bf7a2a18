import type { Tape } from './tape';

/**
 * Ops over a leading "model" axis B: B independent models trained side by side in one graph, so
 * that every node serves all of them (the per-node cost of a small model is mostly overhead).
 * Checked against finite differences in tests/unit/training-ops.test.ts.
 */

/** y[b] = a[b]·w[b] for [B, m, k] × [B, k, n]. dA = dY·wᵀ, dW = aᵀ·dY, per model. */
export function batchedMatmul(t: Tape, a: string, w: string, needs: { a?: boolean; w?: boolean } = { a: true, w: true }): string {
  const { g } = t;
  const [y] = g.node('MatMul', [a, w]);
  return t.record(y!, (dY) => {
    const out: [string, string][] = [];
    if (needs.a !== false) out.push([a, g.node('MatMul', [dY, g.node('Transpose', [w], { perm: [0, 2, 1] })[0]!])[0]!]);
    if (needs.w !== false) out.push([w, g.node('MatMul', [g.node('Transpose', [a], { perm: [0, 2, 1] })[0]!, dY])[0]!]);
    return out;
  });
}

/**
 * Mean squared error of each model over its `rows` predictions [B, rows, 1] against one target
 * [rows, 1]: returns the sum over models of the per-model means (a scalar whose gradient for model
 * b is model b's own), and the per-model means [B] for reporting. dPred = 2(pred − y)/rows.
 */
export function meanSquaredErrorPerModel(t: Tape, prediction: string, target: string, rows: number): { total: string; perModel: string } {
  const { g } = t;
  const [diff] = g.node('Sub', [prediction, target]);
  const [sq] = g.node('Mul', [diff!, diff!]);
  const [perModel] = g.node('ReduceMean', [sq!], { axes: [1, 2], keepdims: 0 });
  const [total] = g.node('ReduceSum', [perModel!], { keepdims: 0 });
  t.record(total!, (dL) => {
    const [s] = g.node('Mul', [dL, g.constant(g.fresh('two_over_rows'), [], [2 / rows])]);
    return [[prediction, g.node('Mul', [diff!, s!])[0]!]];
  });
  return { total: total!, perModel: perModel! };
}
