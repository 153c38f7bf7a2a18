import { mlpRng } from './mlp-rng';
import { drawMatrix, drawVector, layerSizes, type MlpNetwork } from './mlp-network';

/** Problem 1's network and target: every entry of x, Y, A_ℓ and b_ℓ uniform on [0, 1), as the starter code draws them. */
export interface MlpBackpropNetwork extends MlpNetwork {
  Y: number;
}

const SALT = 0x6d6c7031;

/** Drawn in the order x, Y, then A₁, b₁, A₂, b₂, … (each matrix row by row). */
export function mlpBackpropNetwork(seed: number, layers: number, width: number): MlpBackpropNetwork {
  const rng = mlpRng(seed, SALT);
  const sizes = layerSizes(layers, width);
  const u = () => rng.uniform();
  const x = drawVector(sizes[0]!, u);
  const Y = Math.fround(u());
  const A: number[][][] = [];
  const b: number[][] = [];
  for (let l = 1; l < sizes.length; l++) {
    A.push(drawMatrix(sizes[l]!, sizes[l - 1]!, u));
    b.push(drawVector(sizes[l]!, u));
  }
  return { A, b, x, Y };
}
