import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';

/**
 * Every weight gradient of the experiment in one graph, so a run is one session call.
 *
 * For each image size n: dw = x ⋆ dY (correlation, no padding, stride 1). With the T trials'
 * images as the T channels of one input [1, T, n, n] and their upstream gradients as the T
 * filters [T, 1, m, m] of a Conv with group = T, channel t is correlated only with filter t:
 * output channel t is trial t's dw, a k x k map (n − m + 1 = k). The kernel is dY, so its size
 * m = n − k + 1 is fixed by the graph (every Conv attribute is written out).
 *
 * The worked example: one small image, its dw, and the SGD step w − lr·dw.
 */
export function convGradientModel(sizes: readonly number[], k: number, trials: number, exampleSize: number): ModelSpec {
  return {
    key: `conv-gradient-k${k}-t${trials}-e${exampleSize}-n${sizes.join('-')}`,
    build() {
      const g = new GraphBuilder('conv-gradient');
      sizes.forEach((n, i) => {
        const m = n - k + 1;
        g.input(`x${i}`, [1, trials, n, n]);
        g.input(`dy${i}`, [trials, 1, m, m]);
        addConv(g, [`x${i}`, `dy${i}`], { kernelShape: [m, m], group: trials }, `dw${i}`);
        g.output(`dw${i}`, [1, trials, k, k]);
      });
      const m = exampleSize - k + 1;
      g.input('ex_x', [1, 1, exampleSize, exampleSize]);
      g.input('ex_dy', [1, 1, m, m]);
      g.input('ex_w', [1, 1, k, k]);
      g.input('lr', [1]);
      addConv(g, ['ex_x', 'ex_dy'], { kernelShape: [m, m] }, 'ex_dw');
      const [step] = g.node('Mul', ['lr', 'ex_dw']);
      g.node('Sub', ['ex_w', step!], {}, ['ex_w_next']);
      g.output('ex_dw', [1, 1, k, k]);
      g.output('ex_w_next', [1, 1, k, k]);
      return g.toBytes();
    },
  };
}
