import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { addMaxPool } from '../../onnx/pool';
import type { InceptionParams } from './inception-schema';

export type ModuleKind = 'naive' | 'bottleneck';

/** One convolution of a module: a K×K kernel with `same` padding, C → F channels. */
export interface ConvSpec {
  /** Graph names of its weight and bias inputs are `${name}_w` and `${name}_b`. */
  name: string;
  k: number;
  cin: number;
  cout: number;
  /** What it reads: the module input, the pool, or another convolution. */
  from: string;
}

/** Output name of the module: the four branches concatenated along channels. */
export const MODULE_OUTPUT = 'y';

/**
 * The convolutions of a module, in branch order (1×1, 3×3, 5×5, pool). The naive module's fourth
 * branch is the 3×3 max pool itself; the bottleneck module reduces the channels with 1×1
 * convolutions before the 3×3 and 5×5 and projects the pooled input with one after the pool.
 */
export function moduleConvs(kind: ModuleKind, s: Pick<InceptionParams, 'input' | 'c1' | 'c3' | 'c5' | 'r3' | 'r5' | 'proj'>): ConvSpec[] {
  const c = s.input[2];
  if (kind === 'naive') {
    return [
      { name: 'b1_1x1', k: 1, cin: c, cout: s.c1, from: 'x' },
      { name: 'b2_3x3', k: 3, cin: c, cout: s.c3, from: 'x' },
      { name: 'b3_5x5', k: 5, cin: c, cout: s.c5, from: 'x' },
    ];
  }
  return [
    { name: 'b1_1x1', k: 1, cin: c, cout: s.c1, from: 'x' },
    { name: 'b2_reduce', k: 1, cin: c, cout: s.r3, from: 'x' },
    { name: 'b2_3x3', k: 3, cin: s.r3, cout: s.c3, from: 'b2_reduce' },
    { name: 'b3_reduce', k: 1, cin: c, cout: s.r5, from: 'x' },
    { name: 'b3_5x5', k: 5, cin: s.r5, cout: s.c5, from: 'b3_reduce' },
    { name: 'b4_proj', k: 1, cin: c, cout: s.proj, from: 'pool' },
  ];
}

export const weightName = (conv: string) => `${conv}_w`;
export const biasName = (conv: string) => `${conv}_b`;

/**
 * One inception module, NCHW, batch 1, weights and biases as graph inputs (so no weights ship
 * with the page, and one file serves every seed). Every convolution has a bias and is followed by
 * a ReLU; every convolution and the max pool keep H × W (stride 1, padding ⌊K/2⌋).
 */
export function inceptionModel(kind: ModuleKind, s: Pick<InceptionParams, 'input' | 'c1' | 'c3' | 'c5' | 'r3' | 'r5' | 'proj'>): ModelSpec {
  const [h, w, c] = s.input;
  const convs = moduleConvs(kind, s);
  const channels = kind === 'naive' ? `${s.c1}-${s.c3}-${s.c5}` : `${s.c1}-${s.r3}-${s.c3}-${s.r5}-${s.c5}-${s.proj}`;
  return {
    key: `inception-${kind}-${h}x${w}x${c}-${channels}`,
    build() {
      const g = new GraphBuilder(`inception-${kind}`);
      g.input('x', [1, c, h, w]);
      addMaxPool(g, 'x', { kernelShape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] }, 'pool');
      const outputs = new Map<string, string>();
      for (const conv of convs) {
        g.input(weightName(conv.name), [conv.cout, conv.cin, conv.k, conv.k]);
        g.input(biasName(conv.name), [conv.cout]);
        const src = conv.from === 'x' || conv.from === 'pool' ? conv.from : outputs.get(conv.from)!;
        const p = Math.floor(conv.k / 2);
        const z = addConv(g, [src, weightName(conv.name), biasName(conv.name)], { kernelShape: [conv.k, conv.k], strides: [1, 1], pads: [p, p, p, p] }, `${conv.name}_z`);
        const [a] = g.node('Relu', [z], {}, [`${conv.name}_relu`]);
        outputs.set(conv.name, a!);
      }
      const branches = kind === 'naive' ? [outputs.get('b1_1x1')!, outputs.get('b2_3x3')!, outputs.get('b3_5x5')!, 'pool'] : [outputs.get('b1_1x1')!, outputs.get('b2_3x3')!, outputs.get('b3_5x5')!, outputs.get('b4_proj')!];
      g.node('Concat', branches, { axis: 1 }, [MODULE_OUTPUT]);
      // Left symbolic: the counts infer the shape from the nodes, and a run reports its own.
      g.output(MODULE_OUTPUT, ['n', 'channels', 'height', 'width']);
      return g.toBytes();
    },
  };
}
