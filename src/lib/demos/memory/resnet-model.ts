import { addConv } from '../../onnx/conv';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { addMaxPool } from '../../onnx/pool';

/**
 * torchvision's ResNets (the v1.5 layout torchvision ships: in a bottleneck block the stride sits
 * on the 3×3 convolution). Basic blocks are two 3×3 convolutions; bottleneck blocks are
 * 1×1 → 3×3 → 1×1 with four times as many output channels as the 3×3 has.
 */
export const RESNETS = {
  resnet18: { block: 'basic', blocks: [2, 2, 2, 2] },
  resnet34: { block: 'basic', blocks: [3, 4, 6, 3] },
  resnet50: { block: 'bottleneck', blocks: [3, 4, 6, 3] },
  resnet101: { block: 'bottleneck', blocks: [3, 4, 23, 3] },
  resnet152: { block: 'bottleneck', blocks: [3, 8, 36, 3] },
} as const;

export type ResNetArch = keyof typeof RESNETS;
export const RESNET_ARCHS = Object.keys(RESNETS) as ResNetArch[];

export interface ResNetOptions {
  arch: ResNetArch;
  classes: number;
  /** Side of the square RGB input. */
  input: number;
  batch: number;
  /**
   * The probe: the stem and only the first block of stages 1 and 2 (a stride-1 and a stride-2
   * block, each with its projection where torchvision has one), no head, and every tensor an
   * output, so onnxruntime reports the shape it actually computed for each. Small enough to run
   * with real weights in a browser.
   */
  probe?: boolean;
}

/** Parameter names end like torchvision's state_dict keys; these two are buffers, not trained. */
export const BUFFER_SUFFIXES = ['.running_mean', '.running_var'] as const;
export const PARAM_SUFFIXES = ['.weight', '.bias'] as const;
export const IMAGE = 'x';

const STAGE_WIDTHS = [64, 128, 256, 512] as const;

/** Declares a module's parameters as typed graph inputs: shapes without a single stored weight. */
class ResNetGraph {
  readonly g: GraphBuilder;
  /** Every parameter and buffer, with its dims, in the order declared. */
  readonly declared: { name: string; dims: number[] }[] = [];
  /** Node outputs in order, for the probe. */
  readonly tensors: string[] = [];

  constructor(name: string) {
    this.g = new GraphBuilder(name);
  }

  private param(name: string, dims: number[]): string {
    this.declared.push({ name, dims });
    return this.g.input(name, dims);
  }

  private track(name: string): string {
    this.tensors.push(name);
    return name;
  }

  conv(x: string, module: string, cin: number, cout: number, k: number, stride: number): string {
    const w = this.param(`${module}.weight`, [cout, cin, k, k]);
    const p = Math.floor(k / 2);
    return this.track(addConv(this.g, [x, w], { kernelShape: [k, k], strides: [stride, stride], pads: [p, p, p, p] }, module));
  }

  bn(x: string, module: string, c: number): string {
    const names = ['weight', 'bias', ...BUFFER_SUFFIXES.map((s) => s.slice(1))].map((n) => this.param(`${module}.${n}`, [c]));
    return this.track(this.g.node('BatchNormalization', [x, ...names], { epsilon: 1e-5 }, [module])[0]!);
  }

  op(opType: string, inputs: string[], name: string, attributes: Record<string, number | number[]> = {}): string {
    return this.track(this.g.node(opType, inputs, attributes, [name])[0]!);
  }

  maxPool(x: string, name: string): string {
    return this.track(addMaxPool(this.g, x, { kernelShape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, name));
  }

  fc(x: string, cin: number, classes: number): string {
    const w = this.param('fc.weight', [classes, cin]);
    const b = this.param('fc.bias', [classes]);
    // y = x·Wᵀ + b with W stored [out, in], as torch.nn.Linear stores it.
    return this.op('Gemm', [x, w, b], 'fc', { transB: 1 });
  }
}

function basicBlock(r: ResNetGraph, x: string, at: string, cin: number, width: number, stride: number): { out: string; channels: number } {
  let y = r.op('Relu', [r.bn(r.conv(x, `${at}.conv1`, cin, width, 3, stride), `${at}.bn1`, width)], `${at}.relu1`);
  y = r.bn(r.conv(y, `${at}.conv2`, width, width, 3, 1), `${at}.bn2`, width);
  const identity = stride !== 1 || cin !== width ? r.bn(r.conv(x, `${at}.downsample.0`, cin, width, 1, stride), `${at}.downsample.1`, width) : x;
  return { out: r.op('Relu', [r.op('Add', [y, identity], `${at}.add`)], `${at}.out`), channels: width };
}

function bottleneckBlock(r: ResNetGraph, x: string, at: string, cin: number, width: number, stride: number): { out: string; channels: number } {
  const cout = 4 * width;
  let y = r.op('Relu', [r.bn(r.conv(x, `${at}.conv1`, cin, width, 1, 1), `${at}.bn1`, width)], `${at}.relu1`);
  y = r.op('Relu', [r.bn(r.conv(y, `${at}.conv2`, width, width, 3, stride), `${at}.bn2`, width)], `${at}.relu2`);
  y = r.bn(r.conv(y, `${at}.conv3`, width, cout, 1, 1), `${at}.bn3`, cout);
  const identity = stride !== 1 || cin !== cout ? r.bn(r.conv(x, `${at}.downsample.0`, cin, cout, 1, stride), `${at}.downsample.1`, cout) : x;
  return { out: r.op('Relu', [r.op('Add', [y, identity], `${at}.add`)], `${at}.out`), channels: cout };
}

/** Builds the graph; parameters are inputs with declared dims, so the bytes hold no weights. */
export function buildResNet(o: ResNetOptions): ResNetGraph {
  const layout = RESNETS[o.arch];
  const r = new ResNetGraph(`${o.arch}${o.probe ? '-probe' : ''}`);
  r.g.input(IMAGE, [o.batch, 3, o.input, o.input]);
  let x = r.maxPool(r.op('Relu', [r.bn(r.conv(IMAGE, 'conv1', 3, 64, 7, 2), 'bn1', 64)], 'relu'), 'maxpool');
  let channels = 64;
  const block = layout.block === 'basic' ? basicBlock : bottleneckBlock;
  const stages = o.probe ? 2 : 4;
  for (let s = 0; s < stages; s++) {
    const count = o.probe ? 1 : layout.blocks[s]!;
    for (let b = 0; b < count; b++) {
      const next = block(r, x, `layer${s + 1}.${b}`, channels, STAGE_WIDTHS[s]!, s > 0 && b === 0 ? 2 : 1);
      x = next.out;
      channels = next.channels;
    }
  }
  if (o.probe) {
    for (const t of r.tensors) r.g.output(t, [`${t}_n`, `${t}_c`, `${t}_h`, `${t}_w`]);
    return r;
  }
  const pooled = r.op('GlobalAveragePool', [x], 'avgpool');
  const flat = r.op('Flatten', [pooled], 'flatten', { axis: 1 });
  r.g.output(r.fc(flat, channels, o.classes), [o.batch, o.classes]);
  return r;
}

export function resnetKey(o: ResNetOptions): string {
  return o.probe ? `memory-probe-${o.arch}-i${o.input}` : `memory-${o.arch}-c${o.classes}-i${o.input}-b${o.batch}`;
}

export function resnetSpec(o: ResNetOptions): ModelSpec {
  return { key: resnetKey(o), build: () => buildResNet(o).g.toBytes() };
}

/** The probe's parameters and buffers with their dims (the feeds it needs besides the image). */
export function probeParameters(o: Omit<ResNetOptions, 'probe'>): { name: string; dims: number[] }[] {
  return buildResNet({ ...o, probe: true }).declared;
}
