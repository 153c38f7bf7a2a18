import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam } from '../common/param-kinds';
import { ACTIVATIONS, type Activation } from './activations';

export interface MlpBackpropParams {
  /** L: the number of weight matrices A₁ … A_L; the last layer has no activation. */
  layers: number;
  /** n₀ = n₁ = … = n_{L−1}; n_L = 1. */
  width: number;
  act: Activation;
}

export const mlpBackpropSchema = defineDemo<MlpBackpropParams>({
  name: 'mlp-backprop',
  title: 'Backpropagation through an MLP, layer by layer',
  summary: 'The backward recursion of a small sigmoid MLP as an ONNX graph, checked against the training tape and float64 finite differences, gradient by gradient.',
  defaultSeed: 0,
  controls: ['layers', 'width', 'act', 'seed'],
  params: {
    layers: intParam({ name: 'layers', default: 6, min: 1, max: 12, description: 'Number of layers L, i.e. of weight matrices A₁ … A_L; every layer but the last is followed by the activation.' }),
    width: intParam({ name: 'width', default: 4, min: 1, max: 16, description: 'Size n₀ of the input x and of every hidden layer; the output y_L is a single number.' }),
    act: enumParam({
      name: 'act',
      default: 'sigmoid',
      values: ACTIVATIONS,
      description: 'Activation σ after layers 1 … L − 1: `sigmoid` (the homework\'s), `tanh` or `relu`.',
    }),
  },
});
