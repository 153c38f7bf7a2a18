import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { batchNormTrain } from '../../onnx/training/batchnorm-ops';
import { Tape } from '../../onnx/training/tape';

/**
 * The closed form of ∂L/∂X written node by node from X, μ and σ² (not from X̂, as the tape's rule
 * is), with or without the factor (X_ij − μ_j) on its last term:
 *
 *   dX_ij = γ_j/√(σ_j² + ε) · ( dy_ij − (1/m) Σ_k dy_kj − [X_ij − μ_j] · Σ_k dy_kj (X_kj − μ_j) / (m(σ_j² + ε)) ).
 *
 * `withFactor: false` is the official solution's eq. (34), which leaves the bracket out.
 */
function closedForm(g: GraphBuilder, m: number, eps: number, withFactor: boolean): string {
  const c = (v: number) => g.constant(g.fresh('c'), [], [v]);
  const col = (op: string, v: string) => g.node(op, [v], { axes: [0], keepdims: 1 })[0]!;
  const colSum = (v: string) => g.node('ReduceSum', [v, g.constantInt64(g.fresh('axes'), [1], [0])], { keepdims: 1 })[0]!;
  const mu = col('ReduceMean', 'x');
  const [dev] = g.node('Sub', ['x', mu]);
  const variance = col('ReduceMean', g.node('Mul', [dev!, dev!])[0]!);
  const [shifted] = g.node('Add', [variance, c(eps)]);
  const [scale] = g.node('Div', ['gamma_row', g.node('Sqrt', [shifted!])[0]!]);
  const [meanDy] = g.node('Div', [colSum('dy'), c(m)]);
  const [weighted] = g.node('Div', [colSum(g.node('Mul', ['dy', dev!])[0]!), g.node('Mul', [shifted!, c(m)])[0]!]);
  const last = withFactor ? g.node('Mul', [dev!, weighted!])[0]! : weighted!;
  const [inner] = g.node('Sub', [g.node('Sub', ['dy', meanDy!])[0]!, last]);
  return g.node('Mul', [scale!, inner!])[0]!;
}

/**
 * One graph for the whole comparison: batch norm's forward pass and the tape's backward pass
 * from the upstream gradient dy (the scalar L = Σ Y ⊙ dy has ∂L/∂Y = dy), then the closed form
 * and the dropped-factor formula, computed independently of the tape from the same inputs.
 */
export function batchnormGradModel(m: number, d: number, eps: number): ModelSpec {
  return {
    key: `batchnorm-grad-${m}x${d}-eps${eps}`,
    build() {
      const g = new GraphBuilder('batchnorm-grad');
      g.input('x', [m, d]);
      g.input('dy', [m, d]);
      g.input('gamma', [d]);
      g.input('beta', [d]);
      const t = new Tape(g);
      const bn = batchNormTrain(t, 'x', 'gamma', 'beta', [m, d], eps);
      const [loss] = g.node('ReduceSum', [g.node('Mul', [bn.y, 'dy'])[0]!], { keepdims: 0 });
      t.record(loss!, (dL) => [[bn.y, g.node('Mul', ['dy', dL])[0]!]]);
      const grads = t.backward(loss!, ['x', 'gamma', 'beta']);
      const emit = (name: string, from: string, dims: number[]) => {
        g.node('Identity', [from], {}, [name]);
        g.output(name, dims);
      };
      emit('y', bn.y, [m, d]);
      emit('mean', bn.mean, [d]);
      emit('variance', bn.variance, [d]);
      emit('dx', grads.get('x')!, [m, d]);
      emit('dgamma', grads.get('gamma')!, [d]);
      emit('dbeta', grads.get('beta')!, [d]);
      g.node('Reshape', ['gamma', g.constantInt64('row_shape', [2], [1, d])], {}, ['gamma_row']);
      emit('dx_closed', closedForm(g, m, eps, true), [m, d]);
      emit('dx_dropped', closedForm(g, m, eps, false), [m, d]);
      return g.toBytes();
    },
  };
}
