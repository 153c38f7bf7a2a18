import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import type { Activation } from '../mlp-backprop/activations';
import { addMlpBackward, addMlpForward, addMlpGradientOutputs, addMlpInputs } from '../mlp-backprop/mlp-graph';

/**
 * Problem 2's graph: the forward pass and the backward recursion of mlp-graph.ts started from
 * ∂y_L/∂y_L = 1, so its dA_i, db_i are ∂y_L/∂A_i and ∂y_L/∂b_i; the hidden pre-activations
 * ỹ₁ … ỹ_{L−1} come out too, for the histogram and the mean slope per layer.
 */
export function vanishingModel(sizes: readonly number[], act: Activation): ModelSpec {
  return {
    key: `vanishing-${act}-l${sizes.length - 1}-w${sizes[0]}`,
    build() {
      const g = new GraphBuilder('vanishing');
      addMlpInputs(g, sizes);
      const L = sizes.length - 1;
      const fwd = addMlpForward(g, sizes, act);
      g.node('Identity', [fwd.y[L]!], {}, ['out']);
      addMlpBackward(g, sizes, act, fwd, g.constant('one', [1, 1], [1]));
      g.output('out', [1, 1]);
      for (let l = 1; l < L; l++) g.output(`pre${l}`, [sizes[l]!, 1]);
      addMlpGradientOutputs(g, sizes);
      return g.toBytes();
    },
  };
}
