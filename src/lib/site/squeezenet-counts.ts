import { addConv } from '../onnx/conv';
import { graphCosts } from '../onnx/graph-costs';
import { GraphBuilder } from '../onnx/graph-builder';
import { addMaxPool } from '../onnx/pool';

/**
 * Parameters and multiply-adds of SqueezeNet v1.0 and of AlexNet, layer by layer, read from ONNX
 * graphs of the two networks (declared shapes only, no weights) by src/lib/onnx/graph-costs.ts —
 * the same counter the shapes, inception and memory demos use. Duke ECE 661 HW2 Problem 1.9
 * states where these networks keep their parameters and spend their arithmetic.
 *
 * Both take a 227 × 227 RGB image, the crop of the original Caffe releases: it gives the
 * 111 × 111 (SqueezeNet) and 55 × 55 (AlexNet) first maps of the papers' tables.
 */

export interface LayerCount {
  /** "conv1", "fire2", "maxpool4", "fc6", … */
  name: string;
  /** Output height, width, channels, as the SqueezeNet paper's Table 1 writes them. */
  output: [number, number, number];
  params: number;
  /** Multiplications of the layer's convolutions or fully connected product (= multiply-adds). */
  macs: number;
  /** A fire module's three convolutions; absent for other layers. */
  fire?: { squeeze: number; expand1: number; expand3: number; params: { squeeze: number; expand1: number; expand3: number } };
  /** Parameters in filters wider than 1 × 1 (3 × 3, 5 × 5, …), biases of those filters included. */
  wideParams: number;
}

export interface NetworkCounts {
  layers: LayerCount[];
  params: number;
  macs: number;
  /** Parameters of fully connected layers. */
  fcParams: number;
  /** Parameters and multiply-adds of the layers whose output is at each spatial size, largest first, with their shares of the whole. */
  bySize: { size: number; params: number; macs: number; paramsShare: number; macsShare: number }[];
}

/** One fire module: squeeze 1 × 1 to s channels, then 1 × 1 and 3 × 3 expands, concatenated. */
export interface FireSpec {
  squeeze: number;
  expand1: number;
  expand3: number;
}

/** Table 1 of the SqueezeNet paper (Iandola et al., 2016): fire2 … fire9. */
export const SQUEEZENET_FIRES: readonly FireSpec[] = [
  { squeeze: 16, expand1: 64, expand3: 64 },
  { squeeze: 16, expand1: 64, expand3: 64 },
  { squeeze: 32, expand1: 128, expand3: 128 },
  { squeeze: 32, expand1: 128, expand3: 128 },
  { squeeze: 48, expand1: 192, expand3: 192 },
  { squeeze: 48, expand1: 192, expand3: 192 },
  { squeeze: 64, expand1: 256, expand3: 256 },
  { squeeze: 64, expand1: 256, expand3: 256 },
];

/**
 * The modules after which SqueezeNet v1.0 max-pools (3 × 3, stride 2): conv1, fire4 and fire8 —
 * "late" downsampling. Moving them is how the page shows that where a network downsamples changes
 * its arithmetic but not its parameters.
 */
export const SQUEEZENET_POOLS = ['conv1', 'fire4', 'fire8'] as const;

const IMAGE = 'x';
const SIDE = 227;

class CountedGraph {
  readonly g: GraphBuilder;
  /** The layer each conv / Gemm output belongs to, and whether its kernel is wider than 1 × 1. */
  readonly layerOf = new Map<string, { layer: string; wide: boolean }>();
  private weights = 0;

  constructor(name: string) {
    this.g = new GraphBuilder(name);
    this.g.input(IMAGE, [1, 3, SIDE, SIDE]);
  }

  private param(dims: number[]): string {
    return this.g.input(`p${this.weights++}`, dims);
  }

  conv(x: string, layer: string, output: string, cin: number, cout: number, k: number, o: { stride?: number; pad?: number; group?: number } = {}): string {
    const stride = o.stride ?? 1;
    const pad = o.pad ?? 0;
    const group = o.group ?? 1;
    const w = this.param([cout, cin / group, k, k]);
    const b = this.param([cout]);
    this.layerOf.set(output, { layer, wide: k > 1 });
    const y = addConv(this.g, [x, w, b], { kernelShape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad], group }, output);
    return this.g.node('Relu', [y])[0]!;
  }

  pool(x: string, name: string): string {
    return addMaxPool(this.g, x, { kernelShape: [3, 3], strides: [2, 2], pads: [0, 0, 0, 0] }, name);
  }

  fc(x: string, layer: string, cin: number, cout: number, relu: boolean): string {
    const w = this.param([cin, cout]);
    const b = this.param([cout]);
    this.layerOf.set(layer, { layer, wide: false });
    const [y] = this.g.node('Gemm', [x, w, b], {}, [layer]);
    return relu ? this.g.node('Relu', [y!])[0]! : y!;
  }
}

function fire(n: CountedGraph, x: string, name: string, cin: number, f: FireSpec): { out: string; channels: number } {
  const s = n.conv(x, name, `${name}.squeeze1x1`, cin, f.squeeze, 1);
  const e1 = n.conv(s, name, `${name}.expand1x1`, f.squeeze, f.expand1, 1);
  const e3 = n.conv(s, name, `${name}.expand3x3`, f.squeeze, f.expand3, 3, { pad: 1 });
  const [out] = n.g.node('Concat', [e1, e3], { axis: 1 }, [name]);
  return { out: out!, channels: f.expand1 + f.expand3 };
}

/** SqueezeNet v1.0 as an ONNX graph; `pools` names the layers a max pool follows. */
export function squeezeNetGraph(pools: readonly string[] = SQUEEZENET_POOLS): CountedGraph {
  const n = new CountedGraph('squeezenet-v1.0');
  let x = n.conv(IMAGE, 'conv1', 'conv1', 3, 96, 7, { stride: 2 });
  let channels = 96;
  const after = (layer: string) => {
    if (pools.includes(layer)) x = n.pool(x, `maxpool${layer.replace(/\D/g, '')}`);
  };
  after('conv1');
  SQUEEZENET_FIRES.forEach((f, i) => {
    const name = `fire${i + 2}`;
    const r = fire(n, x, name, channels, f);
    x = r.out;
    channels = r.channels;
    after(name);
  });
  // conv10 maps to the 1000 classes; global average pooling replaces fully connected layers.
  x = n.conv(x, 'conv10', 'conv10', channels, 1000, 1);
  n.g.output(n.g.node('GlobalAveragePool', [x], {}, ['avgpool10'])[0]!, [1, 1000, 1, 1]);
  return n;
}

/** AlexNet as the Caffe reference model has it: two groups in conv2, conv4, conv5 (no LRN, which has no parameters). */
export function alexNetGraph(): CountedGraph {
  const n = new CountedGraph('alexnet');
  let x = n.pool(n.conv(IMAGE, 'conv1', 'conv1', 3, 96, 11, { stride: 4 }), 'pool1');
  x = n.pool(n.conv(x, 'conv2', 'conv2', 96, 256, 5, { pad: 2, group: 2 }), 'pool2');
  x = n.conv(x, 'conv3', 'conv3', 256, 384, 3, { pad: 1 });
  x = n.conv(x, 'conv4', 'conv4', 384, 384, 3, { pad: 1, group: 2 });
  x = n.pool(n.conv(x, 'conv5', 'conv5', 384, 256, 3, { pad: 1, group: 2 }), 'pool5');
  x = n.g.node('Flatten', [x], { axis: 1 })[0]!;
  x = n.fc(x, 'fc6', 256 * 6 * 6, 4096, true);
  x = n.fc(x, 'fc7', 4096, 4096, true);
  n.g.output(n.fc(x, 'fc8', 4096, 1000, false), [1, 1000]);
  return n;
}

/** Reads every count from the encoded graph, then groups the nodes into the papers' layers. */
export function countNetwork(n: CountedGraph): NetworkCounts {
  const costs = graphCosts(n.g.toBytes());
  const nodeOutput = new Map(costs.nodes.map((c) => [c.name, c.output]));
  const paramsOf = new Map<string, number>();
  for (const t of costs.paramTensors) {
    const out = nodeOutput.get(t.node)!;
    paramsOf.set(out, (paramsOf.get(out) ?? 0) + t.dims.reduce((a, b) => a * b, 1));
  }
  const layers: LayerCount[] = [];
  const row = (name: string) => {
    let r = layers.find((l) => l.name === name);
    if (!r) layers.push((r = { name, output: [0, 0, 0], params: 0, macs: 0, wideParams: 0 }));
    return r;
  };
  for (const node of costs.nodes) {
    const owner = n.layerOf.get(node.output);
    const named = owner?.layer ?? (['MaxPool', 'Concat', 'GlobalAveragePool'].includes(node.opType) ? node.output : null);
    if (!named) continue;
    const r = row(named);
    const params = paramsOf.get(node.output) ?? 0;
    r.params += params;
    r.macs += node.mults;
    if (owner?.wide) r.wideParams += params;
    // A fire module's row takes its shape from the concatenation, written last.
    const s = node.shape;
    r.output = s.length === 4 ? [s[2]!, s[3]!, s[1]!] : [1, 1, s[1]!];
    if (owner && node.output.startsWith(`${named}.`)) {
      const part = node.output.slice(named.length + 1) as 'squeeze1x1' | 'expand1x1' | 'expand3x3';
      const key = part === 'squeeze1x1' ? 'squeeze' : part === 'expand1x1' ? 'expand1' : 'expand3';
      r.fire ??= { squeeze: 0, expand1: 0, expand3: 0, params: { squeeze: 0, expand1: 0, expand3: 0 } };
      r.fire[key] = s[1]!;
      r.fire.params[key] = params;
    }
  }
  const sizes = [...new Set(layers.filter((l) => l.params > 0).map((l) => l.output[0]))].sort((a, b) => b - a);
  const macs = layers.reduce((a, l) => a + l.macs, 0);
  return {
    layers,
    params: costs.params,
    macs,
    fcParams: layers.filter((l) => l.name.startsWith('fc')).reduce((a, l) => a + l.params, 0),
    bySize: sizes.map((size) => {
      const at = layers.filter((l) => l.params > 0 && l.output[0] === size);
      const p = at.reduce((a, l) => a + l.params, 0);
      const m = at.reduce((a, l) => a + l.macs, 0);
      return { size, params: p, macs: m, paramsShare: p / costs.params, macsShare: m / macs };
    }),
  };
}

export interface SqueezeNetComparison {
  squeezenet: NetworkCounts;
  /** The same modules with every max pool early (after conv1, fire2, fire3). */
  earlyPools: NetworkCounts;
  alexnet: NetworkCounts;
  ratio: {
    /** AlexNet's parameters over SqueezeNet's. */
    params: number;
    /** SqueezeNet's multiply-adds over AlexNet's. */
    macs: number;
    /** Share of AlexNet's parameters in its three fully connected layers. */
    alexnetFcShare: number;
    /** Share of SqueezeNet's parameters in 1 × 1 filters (squeeze, 1 × 1 expand, conv10). */
    squeezenetOneByOneShare: number;
    /** Share of SqueezeNet's multiply-adds in the layers after its last max pool (13 × 13 maps). */
    squeezenetLastStageMacs: number;
    /** Late over early downsampling: multiply-adds (parameters are equal). */
    latePoolMacs: number;
  };
}

let cached: SqueezeNetComparison | undefined;

export function squeezeNetComparison(): SqueezeNetComparison {
  if (cached) return cached;
  const squeezenet = countNetwork(squeezeNetGraph());
  const earlyPools = countNetwork(squeezeNetGraph(['conv1', 'fire2', 'fire3']));
  const alexnet = countNetwork(alexNetGraph());
  const last = squeezenet.bySize[squeezenet.bySize.length - 1]!;
  cached = {
    squeezenet,
    earlyPools,
    alexnet,
    ratio: {
      params: alexnet.params / squeezenet.params,
      macs: squeezenet.macs / alexnet.macs,
      alexnetFcShare: alexnet.fcParams / alexnet.params,
      squeezenetOneByOneShare: 1 - squeezenet.layers.reduce((a, l) => a + l.wideParams, 0) / squeezenet.params,
      squeezenetLastStageMacs: last.macs / squeezenet.macs,
      latePoolMacs: squeezenet.macs / earlyPools.macs,
    },
  };
  return cached;
}
