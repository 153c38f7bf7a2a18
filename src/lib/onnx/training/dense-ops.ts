import type { Tape } from './tape';

/**
 * Forward ops with hand-derived backward rules, for 2-D tensors [batch, features]. Every rule is
 * checked against finite differences in tests/unit/training-ops.test.ts.
 */

/** y = a·b for matrices. dA = dY·bᵀ, dB = aᵀ·dY. */
export function matmul(t: Tape, a: string, b: string, needs: { a?: boolean; b?: boolean } = { a: true, b: true }): string {
  const { g } = t;
  const [y] = g.node('MatMul', [a, b]);
  return t.record(y!, (dY) => {
    const out: [string, string][] = [];
    if (needs.a !== false) {
      const [bT] = g.node('Transpose', [b], { perm: [1, 0] });
      out.push([a, g.node('MatMul', [dY, bT!])[0]!]);
    }
    if (needs.b !== false) {
      const [aT] = g.node('Transpose', [a], { perm: [1, 0] });
      out.push([b, g.node('MatMul', [aT!, dY])[0]!]);
    }
    return out;
  });
}

/** y = x + bias, bias [features] broadcast over the batch. dBias sums dY over the batch. */
export function addBias(t: Tape, x: string, bias: string): string {
  const { g } = t;
  const [y] = g.node('Add', [x, bias]);
  return t.record(y!, (dY) => {
    const axes = g.constantInt64(g.fresh('axes'), [1], [0]);
    const [dB] = g.node('ReduceSum', [dY, axes], { keepdims: 0 });
    return [
      [x, dY],
      [bias, dB!],
    ];
  });
}

/** y = max(x, 0). dX = dY where x > 0, else 0 (the subgradient 0 at x = 0, as frameworks use). */
export function relu(t: Tape, x: string): string {
  const { g } = t;
  const [y] = g.node('Relu', [x]);
  return t.record(y!, (dY) => {
    const zero = g.constant(g.fresh('zero'), [], [0]);
    const [pos] = g.node('Greater', [x, zero]);
    const [mask] = g.node('Cast', [pos!], { to: 1 });
    return [[x, g.node('Mul', [dY, mask!])[0]!]];
  });
}

/**
 * y = x ⊙ mask with a fixed (non-trained) mask: dropout with the mask drawn outside the graph,
 * scale included. dX = dY ⊙ mask.
 */
export function applyMask(t: Tape, x: string, mask: string): string {
  const { g } = t;
  const [y] = g.node('Mul', [x, mask]);
  return t.record(y!, (dY) => [[x, g.node('Mul', [dY, mask])[0]!]]);
}

/** Mean squared error over all `count` entries: L = Σ(ŷ − y)²/count; dŶ = 2(ŷ − y)/count. */
export function meanSquaredError(t: Tape, prediction: string, target: string, count: number): string {
  const { g } = t;
  const [diff] = g.node('Sub', [prediction, target]);
  const [sq] = g.node('Mul', [diff!, diff!]);
  const [loss] = g.node('ReduceMean', [sq!], { keepdims: 0 });
  return t.record(loss!, (dL) => {
    const scale = g.constant(g.fresh('two_over_n'), [], [2 / count]);
    const [s] = g.node('Mul', [dL, scale]);
    return [[prediction, g.node('Mul', [diff!, s!])[0]!]];
  });
}

/**
 * Mean softmax cross-entropy of logits z [batch, classes] against one-hot targets:
 * L = −Σ onehot ⊙ log softmax(z) / batch; dZ = (softmax(z) − onehot)/batch.
 */
export function softmaxCrossEntropy(t: Tape, logits: string, onehot: string, batch: number): string {
  const { g } = t;
  // log softmax written out: LogSoftmax has no WebGPU kernel and would run on the CPU each step.
  const [max] = g.node('ReduceMax', [logits], { axes: [1], keepdims: 1 });
  const [shifted] = g.node('Sub', [logits, max!]);
  const [exp] = g.node('Exp', [shifted!]);
  const [sumExp] = g.node('ReduceSum', [exp!, g.constantInt64(g.fresh('axes'), [1], [1])], { keepdims: 1 });
  const [logSum] = g.node('Log', [sumExp!]);
  const [logp] = g.node('Sub', [shifted!, logSum!]);
  const [picked] = g.node('Mul', [onehot, logp!]);
  const [sum] = g.node('ReduceSum', [picked!], { keepdims: 0 });
  const scale = g.constant(g.fresh('minus_inv_batch'), [], [-1 / batch]);
  const [loss] = g.node('Mul', [sum!, scale]);
  return t.record(loss!, (dL) => {
    const [p] = g.node('Exp', [logp!]);
    const [diff] = g.node('Sub', [p!, onehot]);
    const inv = g.constant(g.fresh('inv_batch'), [], [1 / batch]);
    const [s] = g.node('Mul', [dL, inv]);
    return [[logits, g.node('Mul', [diff!, s!])[0]!]];
  });
}
