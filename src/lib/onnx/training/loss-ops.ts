import type { Tape } from './tape';

/**
 * Half the summed squared error, L = ½ Σ (ŷ − y)²: the loss of a single regression output as
 * textbooks write it, whose gradient is the plain residual, dŶ = ŷ − y. Checked against finite
 * differences in tests/unit/activation-ops.test.ts.
 */
export function halfSquaredError(t: Tape, prediction: string, target: string): string {
  const { g } = t;
  const [diff] = g.node('Sub', [prediction, target]);
  const [sq] = g.node('Mul', [diff!, diff!]);
  const [sum] = g.node('ReduceSum', [sq!], { keepdims: 0 });
  const half = g.constant(g.fresh('half'), [], [0.5]);
  const [loss] = g.node('Mul', [sum!, half]);
  return t.record(loss!, (dL) => [[prediction, g.node('Mul', [diff!, dL])[0]!]]);
}
