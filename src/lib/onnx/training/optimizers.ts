import type { GraphBuilder } from '../graph-builder';

/**
 * `weightDecay` λ adds λ·p to every gradient before the update (PyTorch's weight_decay: an L2
 * penalty λ‖p‖²/2). `l1` λ₁ adds λ₁·sign(p), the gradient of the penalty λ₁‖p‖₁ (sign(0) = 0, the
 * subgradient autograd takes at 0).
 */
export type OptimizerConfig = (
  | { kind: 'sgd' }
  | { kind: 'momentum'; momentum: number }
  | { kind: 'adam'; beta1: number; beta2: number; eps: number }
) & { weightDecay?: number; l1?: number };

/** Adam as PyTorch defaults it. */
export const ADAM_DEFAULTS = { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** Names of the per-parameter state tensors an optimizer carries between steps. */
export function stateSlots(o: OptimizerConfig): string[] {
  return o.kind === 'sgd' ? [] : o.kind === 'momentum' ? ['v'] : ['m', 'v'];
}

export interface UpdateInputs {
  param: string;
  grad: string;
  /** State tensors by slot name ("m", "v"). */
  state: Record<string, string>;
  /** Learning rate, a [1] tensor. */
  lr: string;
  /** Adam only: 1 − β₁ᵗ and 1 − β₂ᵗ for this step, [1] tensors. */
  biasCorrection?: { first: string; second: string };
}

/**
 * Emits one optimizer step; returns the new parameter and state names.
 * SGD: p ← p − η g. Momentum (PyTorch form): v ← μv + g, p ← p − η v.
 * Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − η (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 */
export function emitUpdate(g: GraphBuilder, o: OptimizerConfig, u: UpdateInputs): { param: string; state: Record<string, string> } {
  const c = (v: number) => g.constant(g.fresh('c'), [], [v]);
  const mul = (a: string, b: string) => g.node('Mul', [a, b])[0]!;
  const add = (a: string, b: string) => g.node('Add', [a, b])[0]!;
  const sub = (a: string, b: string) => g.node('Sub', [a, b])[0]!;
  const div = (a: string, b: string) => g.node('Div', [a, b])[0]!;
  if (o.weightDecay) u = { ...u, grad: add(u.grad, mul(c(o.weightDecay), u.param)) };
  if (o.l1) {
    // sign(p) from two comparisons: Sign has no kernel in every execution provider; these do.
    const zero = c(0);
    const positive = g.node('Cast', [g.node('Greater', [u.param, zero])[0]!], { to: 1 })[0]!;
    const negative = g.node('Cast', [g.node('Less', [u.param, zero])[0]!], { to: 1 })[0]!;
    u = { ...u, grad: add(u.grad, mul(c(o.l1), sub(positive, negative))) };
  }
  if (o.kind === 'sgd') return { param: sub(u.param, mul(u.lr, u.grad)), state: {} };
  if (o.kind === 'momentum') {
    const v = add(mul(c(o.momentum), u.state['v']!), u.grad);
    return { param: sub(u.param, mul(u.lr, v)), state: { v } };
  }
  if (!u.biasCorrection) throw new Error('Adam needs the bias corrections of each step');
  const m = add(mul(c(o.beta1), u.state['m']!), mul(c(1 - o.beta1), u.grad));
  const v = add(mul(c(o.beta2), u.state['v']!), mul(c(1 - o.beta2), mul(u.grad, u.grad)));
  const mHat = div(m, u.biasCorrection.first);
  const vHat = div(v, u.biasCorrection.second);
  const [root] = g.node('Sqrt', [vHat]);
  const step = div(mHat, add(root!, c(o.eps)));
  return { param: sub(u.param, mul(u.lr, step)), state: { m, v } };
}

/** 1 − βᵗ for steps t = first … first + count − 1, fed to an unrolled Adam graph. */
export function adamBiasCorrections(o: { beta1: number; beta2: number }, firstStep: number, count: number) {
  const first = new Float32Array(count);
  const second = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    first[i] = 1 - o.beta1 ** (firstStep + i);
    second[i] = 1 - o.beta2 ** (firstStep + i);
  }
  return { first, second };
}
