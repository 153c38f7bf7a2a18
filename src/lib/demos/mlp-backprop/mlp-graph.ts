import type { GraphBuilder } from '../../onnx/graph-builder';
import { addSaturatingSlope } from '../../onnx/training/activation-ops';
import type { Activation } from './activations';

/**
 * The MLP of SNU HW5 and its backward pass written node by node as the homework's recursion, shared
 * by the mlp-backprop and vanishing demos. Layers count from 1 as in the homework: inputs x, A1, b1,
 * …, AL, bL (see networkFeeds), outputs dA1, db1, …, dAL, dbL.
 */

export interface MlpForward {
  /** pre[ℓ − 1] = ỹ_ℓ = A_ℓ y_{ℓ−1} + b_ℓ, for ℓ = 1 … L. */
  pre: string[];
  /** y[ℓ] for ℓ = 0 … L: y[0] is x, y[L] = ỹ_L (no activation on the last layer). */
  y: string[];
}

export function addMlpInputs(g: GraphBuilder, sizes: readonly number[]): void {
  g.input('x', [sizes[0]!, 1]);
  for (let l = 1; l < sizes.length; l++) {
    g.input(`A${l}`, [sizes[l]!, sizes[l - 1]!]);
    g.input(`b${l}`, [sizes[l]!, 1]);
  }
}

function addActivation(g: GraphBuilder, act: Activation, z: string): string {
  const op = act === 'sigmoid' ? 'Sigmoid' : act === 'tanh' ? 'Tanh' : 'Relu';
  return g.node(op, [z])[0]!;
}

export function addMlpForward(g: GraphBuilder, sizes: readonly number[], act: Activation): MlpForward {
  const L = sizes.length - 1;
  const pre: string[] = [];
  const y = ['x'];
  for (let l = 1; l <= L; l++) {
    const [prod] = g.node('MatMul', [`A${l}`, y[l - 1]!]);
    const [z] = g.node('Add', [prod!, `b${l}`], {}, [`pre${l}`]);
    pre.push(z!);
    y.push(l < L ? addActivation(g, act, z!) : z!);
  }
  return { pre, y };
}

/** σ′(ỹ_ℓ): see addSaturatingSlope for why not y(1 − y); for ReLU the indicator of ỹ > 0 (the subgradient 0 at 0). */
function addSlope(g: GraphBuilder, act: Activation, pre: string): string {
  if (act !== 'relu') return addSaturatingSlope(g, pre, act);
  const zero = g.constant(g.fresh('zero'), [], [0]);
  return g.node('Cast', [g.node('Greater', [pre, zero])[0]!], { to: 1 })[0]!;
}

/**
 * The backward recursion, from the gradient `dyL` of the quantity differentiated with respect to
 * y_L (y_L − Y for the loss ½(y_L − Y)², the constant 1 for y_L itself), layer L down to 1:
 *
 *   db_ℓ = σ′(ỹ_ℓ) ⊙ dy        (no σ′ on layer L)
 *   dA_ℓ = db_ℓ y_{ℓ−1}ᵀ
 *   dy  ← A_ℓᵀ db_ℓ            (the gradient with respect to y_{ℓ−1}; not needed below layer 1)
 *
 * Gradients are column vectors shaped like the parameters, as the starter code keeps them.
 */
export function addMlpBackward(g: GraphBuilder, sizes: readonly number[], act: Activation, fwd: MlpForward, dyL: string): { dA: string[]; db: string[] } {
  const L = sizes.length - 1;
  const dA: string[] = Array<string>(L);
  const db: string[] = Array<string>(L);
  let dy = dyL;
  for (let l = L; l >= 1; l--) {
    const gradB = l < L ? g.node('Mul', [addSlope(g, act, fwd.pre[l - 1]!), dy], {}, [`db${l}`])[0]! : g.node('Identity', [dy], {}, [`db${l}`])[0]!;
    const [yT] = g.node('Transpose', [fwd.y[l - 1]!], { perm: [1, 0] });
    dA[l - 1] = g.node('MatMul', [gradB, yT!], {}, [`dA${l}`])[0]!;
    db[l - 1] = gradB;
    if (l > 1) {
      const [AT] = g.node('Transpose', [`A${l}`], { perm: [1, 0] });
      dy = g.node('MatMul', [AT!, gradB])[0]!;
    }
  }
  return { dA, db };
}

export function addMlpGradientOutputs(g: GraphBuilder, sizes: readonly number[], prefix = ''): void {
  for (let l = 1; l < sizes.length; l++) {
    g.output(`${prefix}dA${l}`, [sizes[l]!, sizes[l - 1]!]);
    g.output(`${prefix}db${l}`, [sizes[l]!, 1]);
  }
}
