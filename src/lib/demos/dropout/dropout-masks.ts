import type { SeededRng } from '../../random/seeded-rng';

/**
 * Dropout masks for `steps` steps of `rows` × `features` inputs: each entry dropped with
 * probability p; kept entries carry `keptValue` (1/(1 − p) for inverted dropout, else 1). Drawn
 * in a fixed order from one stream, so a seed gives the same masks on every backend.
 */
export function drawMasks(rng: SeededRng, steps: number, rows: number, features: number, p: number, keptValue: number): Float32Array {
  const masks = new Float32Array(steps * rows * features);
  if (p === 0) return masks.fill(keptValue);
  for (let i = 0; i < masks.length; i++) masks[i] = rng.uniform() < p ? 0 : keptValue;
  return masks;
}
