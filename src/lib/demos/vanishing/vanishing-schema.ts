import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam, listParam, numberParam } from '../common/param-kinds';
import { ACTIVATIONS, type Activation } from '../mlp-backprop/activations';

export interface VanishingParams {
  /** L: weight matrices A₁ … A_L; layers 1 … L − 1 are followed by the activation. */
  depth: number;
  width: number;
  act: Activation;
  /** Factor on the initial weights of the layers in `at`. */
  wscale: number;
  /** Bias of the layers in `at`: a shift of their pre-activations. */
  bshift: number;
  /** Layers that get `wscale` and `bshift`; empty for every layer. */
  at: number[];
}

export const MAX_DEPTH = 50;

export const vanishingSchema = defineDemo<VanishingParams>({
  name: 'vanishing',
  title: 'Vanishing gradients in a deep MLP',
  summary: 'The size of ∂y_L/∂A_i and ∂y_L/∂b_i layer by layer, on a log scale, with a small weight matrix or saturated units switched on where you choose.',
  defaultSeed: 5,
  controls: ['depth', 'width', 'act', 'wscale', 'bshift', 'at', 'seed'],
  params: {
    depth: intParam({ name: 'depth', default: 20, min: 2, max: MAX_DEPTH, description: 'Number of layers L (weight matrices A₁ … A_L); the last layer is linear with one output y_L.' }),
    width: intParam({ name: 'width', default: 16, min: 1, max: 64, description: 'Size of the input x and of every hidden layer.' }),
    act: enumParam({ name: 'act', default: 'sigmoid', values: ACTIVATIONS, description: 'Activation σ after layers 1 … L − 1: `sigmoid`, `tanh` or `relu`.' }),
    wscale: numberParam({
      name: 'wscale',
      default: 1,
      min: 0,
      max: 10,
      description: 'Factor on the weights of the layers in `at`. Weights are Gaussian with standard deviation gain/√(fan-in) times this factor (gain 1 for sigmoid, 5/3 for tanh, √2 for ReLU, as PyTorch\'s calculate_gain).',
    }),
    bshift: numberParam({ name: 'bshift', default: 0, min: -20, max: 20, description: 'Bias of every unit of the layers in `at` (all other biases are 0): shifts their pre-activations ỹ into the flat tails of σ.' }),
    at: listParam({
      name: 'at',
      default: [],
      min: 1,
      max: MAX_DEPTH,
      maxLength: MAX_DEPTH,
      integer: true,
      allowEmpty: true,
      description: 'Layers j that get `wscale` and `bshift`, comma-separated; empty for every layer.',
    }),
  },
  check(s) {
    const beyond = s.at.filter((j) => j > s.depth);
    if (beyond.length) return { reset: ['at'], message: `at names layer ${beyond[0]}, but the network has ${s.depth} layers` };
    return null;
  },
});
