import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { batchNormTrain } from '../../onnx/training/batchnorm-ops';
import { Tape } from '../../onnx/training/tape';

/**
 * Sample statistics of an [n, d] batch, all biased (1/n, the normalisation batch norm itself
 * uses): mean [d], covariance [d, d], standard deviations [d] and correlations [d, d].
 */
function addStats(g: GraphBuilder, v: string, n: number, d: number, prefix: string): void {
  const [mean] = g.node('ReduceMean', [v], { axes: [0], keepdims: 1 });
  const [dev] = g.node('Sub', [v, mean!]);
  const [devT] = g.node('Transpose', [dev!], { perm: [1, 0] });
  const [cov] = g.node('Div', [g.node('MatMul', [devT!, dev!])[0]!, g.constant(g.fresh('count'), [], [n])], {}, [`${prefix}_cov`]);
  const [variance] = g.node('ReduceMean', [g.node('Mul', [dev!, dev!])[0]!], { axes: [0], keepdims: 1 });
  const [std] = g.node('Sqrt', [variance!]);
  const [outer] = g.node('MatMul', [g.node('Transpose', [std!], { perm: [1, 0] })[0]!, std!]);
  g.node('Div', [cov!, outer!], {}, [`${prefix}_corr`]);
  const flat = g.constantInt64(g.fresh('flat'), [1], [d]);
  g.node('Reshape', [mean!, flat], {}, [`${prefix}_mean`]);
  g.node('Reshape', [std!, flat], {}, [`${prefix}_std`]);
  g.output(`${prefix}_mean`, [d]);
  g.output(`${prefix}_cov`, [d, d]);
  g.output(`${prefix}_std`, [d]);
  g.output(`${prefix}_corr`, [d, d]);
}

/**
 * Training-mode batch norm of one batch (the op the training demos use, its backward left
 * unused) and the statistics of the batch before and after, in one session call.
 */
export function batchnormModel(n: number, d: number, eps: number): ModelSpec {
  return {
    key: `batchnorm-n${n}-d${d}-eps${eps}`,
    build() {
      const g = new GraphBuilder('batchnorm');
      g.input('x', [n, d]);
      g.input('gamma', [d]);
      g.input('beta', [d]);
      const bn = batchNormTrain(new Tape(g), 'x', 'gamma', 'beta', [n, d], eps);
      g.node('Identity', [bn.y], {}, ['y']);
      g.output('y', [n, d]);
      addStats(g, 'x', n, d, 'before');
      addStats(g, 'y', n, d, 'after');
      return g.toBytes();
    },
  };
}
