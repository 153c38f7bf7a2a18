import type { SeededRng } from '../../random/seeded-rng';

/**
 * Writes `count` dropout-mask entries into `out` from `offset`: each dropped (0) with probability
 * p, else `keptValue` (1/(1 − p) for inverted dropout, else 1). One raw 32-bit draw per entry, in
 * order, so a seed gives the same masks on every backend however the entries are laid out.
 */
export function fillMask(rng: SeededRng, out: Float32Array, offset: number, count: number, p: number, keptValue: number): void {
  if (p === 0) {
    out.fill(keptValue, offset, offset + count);
    return;
  }
  // uniform() < p, compared on the raw draw (both sides scaled by 2³², exactly).
  const threshold = p * 2 ** 32;
  for (let i = offset, end = offset + count; i < end; i++) out[i] = rng.u32() < threshold ? 0 : keptValue;
}

/** Masks for `steps` steps of `rows` × `features` inputs, step after step. */
export function drawMasks(rng: SeededRng, steps: number, rows: number, features: number, p: number, keptValue: number): Float32Array {
  const masks = new Float32Array(steps * rows * features);
  fillMask(rng, masks, 0, masks.length, p, keptValue);
  return masks;
}
