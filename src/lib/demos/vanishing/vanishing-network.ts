import type { Activation } from '../mlp-backprop/activations';
import { mlpRng } from '../mlp-backprop/mlp-rng';
import { drawMatrix, drawVector, layerSizes, type MlpNetwork } from '../mlp-backprop/mlp-network';
import type { VanishingParams } from './vanishing-schema';

/** PyTorch's torch.nn.init.calculate_gain for each activation. */
export const GAIN: Record<Activation, number> = { sigmoid: 1, tanh: 5 / 3, relu: Math.SQRT2 };

/** Whether layer j (from 1) gets the weight factor and the shift. */
export const isChosen = (s: Pick<VanishingParams, 'at'>, j: number): boolean => s.at.length === 0 || s.at.includes(j);

const SALT = 0x76616e31;

/**
 * x ~ N(0, 1) entrywise; A_j ~ N(0, (gain·c_j)²/n_{j−1}) entrywise with c_j = wscale on the chosen
 * layers and 1 elsewhere; b_j = bshift on the chosen layers and 0 elsewhere. Drawn in the order x,
 * A₁, A₂, … (row by row), so one seed gives the same standard normals whatever wscale is.
 */
export function vanishingNetwork(s: VanishingParams & { seed: number }): MlpNetwork {
  const rng = mlpRng(s.seed, SALT);
  const sizes = layerSizes(s.depth, s.width);
  const x = drawVector(sizes[0]!, () => rng.normal());
  const A: number[][][] = [];
  const b: number[][] = [];
  for (let j = 1; j < sizes.length; j++) {
    const chosen = isChosen(s, j);
    const std = (GAIN[s.act] * (chosen ? s.wscale : 1)) / Math.sqrt(sizes[j - 1]!);
    A.push(drawMatrix(sizes[j]!, sizes[j - 1]!, () => std * rng.normal()));
    b.push(Array<number>(sizes[j]!).fill(chosen ? Math.fround(s.bshift) : 0));
  }
  return { A, b, x };
}
