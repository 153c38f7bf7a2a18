import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { sigmoid, tanh } from '../../onnx/training/activation-ops';
import { addBias, matmul, relu } from '../../onnx/training/dense-ops';
import { halfSquaredError } from '../../onnx/training/loss-ops';
import { Tape } from '../../onnx/training/tape';
import type { Activation } from './activations';
import { addMlpBackward, addMlpForward, addMlpGradientOutputs, addMlpInputs } from './mlp-graph';
import { layerSizes } from './mlp-network';

/**
 * The same gradients a second way, by the training tape (src/lib/onnx/training): the network in
 * the tape's row layout (a batch of one row, y_ℓᵀ = σ(y_{ℓ−1}ᵀ A_ℓᵀ + b_ℓᵀ)), differentiated by
 * replaying the ops' own backward rules. Outputs tape_dA1, tape_db1, … shaped like A_ℓ and b_ℓ.
 */
function addTapeGradients(g: GraphBuilder, sizes: readonly number[], act: Activation): void {
  const L = sizes.length - 1;
  const t = new Tape(g);
  const shape = (name: string, dims: number[]) => g.constantInt64(g.fresh(name), [dims.length], dims);
  let h = g.node('Reshape', ['x', shape('row', [1, sizes[0]!])])[0]!;
  const weights: string[] = [];
  const biases: string[] = [];
  for (let l = 1; l <= L; l++) {
    const AT = g.node('Transpose', [`A${l}`], { perm: [1, 0] }, [`tape_AT${l}`])[0]!;
    const bias = g.node('Reshape', [`b${l}`, shape('vec', [sizes[l]!])], {}, [`tape_b${l}`])[0]!;
    weights.push(AT);
    biases.push(bias);
    const z = addBias(t, matmul(t, h, AT, { a: l > 1, b: true }), bias);
    h = l < L ? (act === 'sigmoid' ? sigmoid(t, z) : act === 'tanh' ? tanh(t, z) : relu(t, z)) : z;
  }
  const grads = t.backward(halfSquaredError(t, h, 'Y'), [...weights, ...biases]);
  for (let l = 1; l <= L; l++) {
    g.node('Transpose', [grads.get(weights[l - 1]!)!], { perm: [1, 0] }, [`tape_dA${l}`]);
    g.node('Reshape', [grads.get(biases[l - 1]!)!, shape('col', [sizes[l]!, 1])], {}, [`tape_db${l}`]);
  }
}

/**
 * Problem 1's graph: the forward pass, the loss ½(y_L − Y)², the backward recursion from
 * dy = y_L − Y (mlp-graph.ts), and the tape's gradients for comparison, in one session call.
 */
export function mlpBackpropModel(layers: number, width: number, act: Activation): ModelSpec {
  const sizes = layerSizes(layers, width);
  return {
    key: `mlp-backprop-${act}-l${layers}-w${width}`,
    build() {
      const g = new GraphBuilder('mlp-backprop');
      addMlpInputs(g, sizes);
      g.input('Y', [1, 1]);
      const fwd = addMlpForward(g, sizes, act);
      const out = g.node('Identity', [fwd.y[sizes.length - 1]!], {}, ['out'])[0]!;
      const [diff] = g.node('Sub', [out, 'Y']);
      const [sq] = g.node('Mul', [diff!, diff!]);
      const [sum] = g.node('ReduceSum', [sq!], { keepdims: 0 });
      g.node('Mul', [sum!, g.constant('half', [], [0.5])], {}, ['loss']);
      addMlpBackward(g, sizes, act, fwd, diff!);
      addTapeGradients(g, sizes, act);
      g.output('loss', []);
      g.output('out', [1, 1]);
      addMlpGradientOutputs(g, sizes);
      addMlpGradientOutputs(g, sizes, 'tape_');
      return g.toBytes();
    },
  };
}
