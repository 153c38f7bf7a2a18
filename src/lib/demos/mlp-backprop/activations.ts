/** The hidden-layer activations both MLP demos offer, and their float64 forms for checks in JS. */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export function activate(act: Activation, z: number): number {
  if (act === 'sigmoid') return 1 / (1 + Math.exp(-z));
  if (act === 'tanh') return Math.tanh(z);
  return z > 0 ? z : 0;
}

/** σ′(z); ReLU takes the subgradient 0 at z = 0, as frameworks (and the graphs here) do. */
export function slope(act: Activation, z: number): number {
  if (act === 'sigmoid') {
    const s = 1 / (1 + Math.exp(-z));
    return s * (1 - s);
  }
  if (act === 'tanh') return 1 - Math.tanh(z) ** 2;
  return z > 0 ? 1 : 0;
}

/** The largest value of σ′: 1/4 for the sigmoid, 1 for tanh and ReLU. */
export function peakSlope(act: Activation): number {
  return act === 'sigmoid' ? 0.25 : 1;
}
