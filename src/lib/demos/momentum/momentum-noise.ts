import { seededRng } from '../../random/seeded-rng';

/**
 * The gradient noise of a run, [steps, 2] step-major: entry (k, i) is noise · z with z the
 * (2k + i)-th standard normal of `seed`. Drawn once per run and fed to both forms, so step k of
 * Form I and step k of Form II see the same stochastic gradient (as float32).
 */
export function gradientNoise(seed: number, steps: number, noise: number): Float32Array {
  const out = new Float32Array(steps * 2);
  if (noise === 0) return out;
  const rng = seededRng(seed);
  for (let i = 0; i < out.length; i++) out[i] = noise * rng.normal();
  return out;
}
