import type { GraphBuilder } from '../graph-builder';
import type { Tape } from './tape';

/**
 * Smooth activations with hand-derived backward rules, elementwise on any shape. Checked against
 * finite differences in tests/unit/activation-ops.test.ts.
 */

/**
 * σ′(x) for the sigmoid (k = 1) and tanh′(x) (k = 2), written so that float32 keeps its digits in
 * the tails. With e = exp(−k|x|): σ′(x) = e/(1 + e)² and tanh′(x) = 1 − tanh²x = 4e/(1 + e)². The
 * usual y(1 − y) and 1 − y² cancel when y is near ±1, and ORT's Sigmoid and Tanh kernels are fast
 * approximations accurate in absolute terms only (in ORT 1.30's WASM build σ(−10) is off by
 * 5·10⁻⁴ of itself and σ(−20) comes out 0), so neither may be used where the slope is small; this
 * form has no overflow either.
 */
export function addSaturatingSlope(g: GraphBuilder, x: string, kind: 'sigmoid' | 'tanh'): string {
  const [mag] = g.node('Abs', [kind === 'sigmoid' ? x : g.node('Add', [x, x])[0]!]);
  const [e] = g.node('Exp', [g.node('Neg', [mag!])[0]!]);
  const [onePlus] = g.node('Add', [e!, g.constant(g.fresh('one'), [], [1])]);
  const [ratio] = g.node('Div', [e!, g.node('Mul', [onePlus!, onePlus!])[0]!]);
  return kind === 'sigmoid' ? ratio! : g.node('Mul', [ratio!, g.constant(g.fresh('four'), [], [4])])[0]!;
}

/** y = 1/(1 + e^(−x)). dX = dY ⊙ σ′(x). */
export function sigmoid(t: Tape, x: string): string {
  const { g } = t;
  const [y] = g.node('Sigmoid', [x]);
  return t.record(y!, (dY) => [[x, g.node('Mul', [dY, addSaturatingSlope(g, x, 'sigmoid')])[0]!]]);
}

/** y = tanh x. dX = dY ⊙ (1 − tanh²x). */
export function tanh(t: Tape, x: string): string {
  const { g } = t;
  const [y] = g.node('Tanh', [x]);
  return t.record(y!, (dY) => [[x, g.node('Mul', [dY, addSaturatingSlope(g, x, 'tanh')])[0]!]]);
}

/**
 * Swish (SiLU), y = x·σ(x). dX = dY ⊙ (σ(x) + x·σ′(x)), with σ′ in its accurate form: in the
 * negative tail σ(x) and x·σ′(x) nearly cancel, and y(1 − y) would lose them both.
 */
export function swish(t: Tape, x: string): string {
  const { g } = t;
  const [s] = g.node('Sigmoid', [x]);
  const [y] = g.node('Mul', [x, s!]);
  return t.record(y!, (dY) => {
    const [slope] = g.node('Add', [s!, g.node('Mul', [x, addSaturatingSlope(g, x, 'sigmoid')])[0]!]);
    return [[x, g.node('Mul', [dY, slope!])[0]!]];
  });
}
