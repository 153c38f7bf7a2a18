import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { tallyModel } from '../../src/lib/demos/memory/memory-count';
import { memoryLogic, tallyState, type MemoryResult } from '../../src/lib/demos/memory/memory-logic';
import { memorySchema, type MemoryParams } from '../../src/lib/demos/memory/memory-schema';
import { buildResNet, RESNETS, resnetSpec, type ResNetArch } from '../../src/lib/demos/memory/resnet-model';
import { onnx } from '../../src/lib/onnx/onnx-proto';
import { runInNode } from '../../src/lib/ort/node-runner';

const state = (query: string) => {
  const { state: s, issues } = parseDemoState(memorySchema, query);
  expect(issues).toEqual([]);
  return s;
};
const params = (arch: ResNetArch, classes = 1000, input = 224, batch = 1): MemoryParams => ({ arch, classes, input, batch, opt: 'sgd', dtype: 'fp32' });

/** torchvision's published parameter counts for 1000 classes (its model documentation). */
const TORCHVISION = { resnet18: 11_689_512, resnet34: 21_797_672, resnet50: 25_557_032, resnet101: 44_549_160, resnet152: 60_192_808 };

/**
 * An independent count of a ResNet, block by block, in float64 from the architecture's
 * description (not from the graph): parameters, and the elements that the backward pass needs
 * (each convolution's input, each batch norm's input, each ReLU's output, the max pool's input,
 * the classifier's input), each tensor once.
 */
function handCount(arch: ResNetArch, classes: number, side: number) {
  const out = (n: number, k: number, s: number, p: number) => Math.floor((n + 2 * p - k) / s) + 1;
  const bn = (c: number) => 2 * c;
  let params = 3 * 64 * 49 + bn(64);
  let h = out(side, 7, 2, 3);
  // image; conv1's output (bn1's input); the ReLU's output (the max pool's input)
  let kept = 3 * side * side + 2 * 64 * h * h;
  h = out(h, 3, 2, 1);
  kept += 64 * h * h; // the max pool's output, the first block's input
  let c = 64;
  const { block, blocks } = RESNETS[arch];
  blocks.forEach((count, stage) => {
    const w = 64 * 2 ** stage;
    for (let b = 0; b < count; b++) {
      const stride = stage > 0 && b === 0 ? 2 : 1;
      const hIn = h;
      h = out(hIn, 3, stride, 1);
      if (block === 'basic') {
        params += 9 * c * w + bn(w) + 9 * w * w + bn(w);
        // conv1 out, relu1 out, conv2 out, block out (the block input was counted before)
        kept += 4 * w * h * h;
        if (stride !== 1 || c !== w) {
          params += c * w + bn(w);
          kept += w * h * h;
        }
        c = w;
      } else {
        const cout = 4 * w;
        params += c * w + bn(w) + 9 * w * w + bn(w) + w * cout + bn(cout);
        // conv1 out and relu1 out at the input size; conv2 out, relu2 out (w channels) and conv3 out, block out (4w) at the output size
        kept += 2 * w * hIn * hIn + 2 * w * h * h + 2 * cout * h * h;
        if (stride !== 1 || c !== cout) {
          params += c * cout + bn(cout);
          kept += cout * h * h;
        }
        c = cout;
      }
    }
  });
  params += c * classes + classes;
  kept += c; // the flattened pool, the classifier's input
  return { params, kept };
}

describe('ResNets built as ONNX graphs', () => {
  it('have torchvision\'s published parameter counts for 1000 classes, read from the built graphs', () => {
    for (const [arch, count] of Object.entries(TORCHVISION)) {
      expect(tallyState(params(arch as ResNetArch)).params, arch).toBe(count);
    }
  });

  it('agree with a count by hand from the block layouts, parameters and kept activations, for odd sizes and classes too', () => {
    for (const arch of Object.keys(RESNETS) as ResNetArch[]) {
      for (const [classes, side] of [
        [1000, 224],
        [10, 97],
        [7, 32],
      ] as const) {
        const t = tallyState(params(arch, classes, side));
        expect({ params: t.params, kept: t.kept }, `${arch} ${classes} classes ${side}px`).toEqual(handCount(arch, classes, side));
      }
    }
  });

  it('ResNet-18 at 224 keeps 5,143,552 numbers per image, summed stage by stage on the page', () => {
    // x 3·224² + conv1 and relu 2·64·112² + pool 64·56² + layer1 8·64·56² + layer2 9·128·28² + layer3 9·256·14² + layer4 9·512·7² + fc input 512
    const byHand = 3 * 224 ** 2 + 2 * 64 * 112 ** 2 + 64 * 56 ** 2 + 8 * 64 * 56 ** 2 + 9 * 128 * 28 ** 2 + 9 * 256 * 14 ** 2 + 9 * 512 * 7 ** 2 + 512;
    expect(byHand).toBe(5_143_552);
    expect(tallyState(params('resnet18')).kept).toBe(byHand);
  });

  it('hold no weights: every parameter is a typed input, and a ResNet-152 encodes in under 200 kB', () => {
    const bytes = resnetSpec({ arch: 'resnet152', classes: 1000, input: 224, batch: 8 }).build();
    expect(bytes.length).toBeLessThan(200_000);
    const model = onnx.ModelProto.decode(bytes);
    expect(model.graph!.initializer ?? []).toEqual([]);
    expect(model.graph!.input!.find((i) => i.name === 'layer4.2.conv3.weight')!.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue))).toEqual([2048, 512, 1, 1]);
  });

  it('keep activations exactly proportional to the batch, each graph built and counted at its own batch', () => {
    for (const arch of ['resnet18', 'resnet152'] as const) {
      const one = tallyState(params(arch, 10, 224, 1));
      for (const batch of [3, 8, 64]) {
        const t = tallyState(params(arch, 10, 224, batch));
        expect(t.kept, `${arch} batch ${batch}`).toBe(batch * one.kept);
        expect(t.params).toBe(one.params);
      }
    }
  });

  it('infer every tensor\'s shape as onnxruntime computes it, for a whole ResNet-18 and ResNet-50 at odd input sizes', async () => {
    for (const [arch, side] of [
      ['resnet18', 40],
      ['resnet50', 33],
    ] as const) {
      const o = { arch, classes: 7, input: side, batch: 2 };
      const bytes = resnetSpec(o).build();
      const inferred = tallyModel(bytes).shapes;
      // Every node output becomes a graph output, so onnxruntime reports the shape it computed.
      const model = onnx.ModelProto.decode(bytes);
      const names = model.graph!.node!.map((n) => n.output![0]!);
      model.graph!.output = names.map((name) => ({ name, type: { tensorType: { elemType: 1 } } }));
      const probe = onnx.ModelProto.encode(model).finish();
      const feeds = Object.fromEntries(
        model.graph!.input!.map((i) => {
          const dims = i.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue));
          return [i.name!, { data: new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(i.name!.endsWith('running_var') ? 1 : 0.01), dims }];
        }),
      );
      const out = await runInNode({ key: `memory-test-${arch}-${side}`, build: () => probe }, feeds);
      for (const name of names) expect(out[name]!.dims, `${arch} ${name}`).toEqual(inferred.get(name));
    }
  }, 60_000);
});

describe('the memory demo', () => {
  let defaults: MemoryResult;
  it('counts the notebook\'s ResNet-152 (10 classes, 224 px, batch 8) and checks the probe\'s shapes against onnxruntime', async () => {
    defaults = await runDemo(memoryLogic, state(''), runInNode);
    // 60,192,808 − 2048·990 − 990: the classifier shrinks from 1000 outputs to 10.
    expect(defaults.params).toBe(60_192_808 - 2048 * 990 - 990);
    expect(defaults.bytes.weights).toBe(defaults.params * 4);
    expect(defaults.bytes.grads).toBe(defaults.params * 4);
    expect(defaults.bytes.optimizer).toBe(0);
    expect(defaults.perImage).toBe(handCount('resnet152', 10, 224).kept);
    expect(defaults.bytes.activations).toBe(8 * defaults.perImage * 4);
    expect(defaults.mb.total).toBe(defaults.bytes.total / 2 ** 20);
    expect(defaults.bytes.total).toBe(defaults.bytes.weights + defaults.bytes.grads + defaults.bytes.activations);
    // stem, 3 + 8 + 36 + 3 blocks, head
    expect(defaults.layers.map((l) => l.name)).toEqual(['stem', ...[3, 8, 36, 3].flatMap((n, s) => Array.from({ length: n }, (_, b) => `layer${s + 1}.${b}`)), 'head']);
    expect(defaults.layers.reduce((a, l) => a + l.params, 0)).toBe(defaults.params);
    expect(defaults.layers.reduce((a, l) => a + l.activations, 0)).toBe(defaults.bytes.activations);
    expect(defaults.layers.at(-2)!.shape).toEqual([2048, 7, 7]);
    // stem (4 tensors) and two bottleneck blocks with projections (12 each)
    expect(defaults.checked).toBe(28);
  }, 30_000);

  it('adds one copy of the parameters for momentum and two for Adam; fp16 halves every term', async () => {
    const p = defaults.params * 4;
    expect(defaults.optimizers.map((o) => o.optimizer)).toEqual([0, p, 2 * p]);
    expect(defaults.optimizers.map((o) => o.total - defaults.bytes.total)).toEqual([0, p, 2 * p]);
    const half = await runDemo(memoryLogic, state('dtype=fp16&opt=adam'), runInNode);
    expect(half.bytes).toEqual({
      weights: p / 2,
      grads: p / 2,
      optimizer: p,
      activations: defaults.bytes.activations / 2,
      total: p / 2 + p / 2 + p + defaults.bytes.activations / 2,
    });
  }, 30_000);

  it('sweeps the notebook\'s batch sizes: the batch-free part stays, activations grow in proportion', () => {
    expect(defaults.sweep.map((p) => p.batch)).toEqual([1, 4, 8, 16, 64, 256]);
    const perImage = defaults.sweep[0]!.activations;
    for (const p of defaults.sweep) {
      expect(p.activations).toBe(p.batch * perImage);
      expect(p.weights + p.grads + p.optimizer).toBe(defaults.bytes.weights + defaults.bytes.grads);
    }
  });

  it('rejects bad parameters with a message and uses the defaults', () => {
    const { state: s, issues } = parseDemoState(memorySchema, 'arch=vgg99&batch=0&opt=lion');
    expect(issues.map((i) => i.message)).toEqual([
      'arch must be one of "resnet18", "resnet34", "resnet50", "resnet101", "resnet152" (got "vgg99"); using resnet152.',
      'batch must be an integer from 1 to 4096 (got "0"); using 8.',
      'opt must be one of "sgd", "momentum", "adam" (got "lion"); using sgd.',
    ]);
    expect(s).toMatchObject({ arch: 'resnet152', batch: 8, opt: 'sgd' });
  });

  it('runs a probe of the stem and two blocks, small enough for a browser', () => {
    const probe = buildResNet({ arch: 'resnet152', classes: 10, input: 224, batch: 1, probe: true });
    const weights = probe.declared.reduce((n, d) => n + d.dims.reduce((a, b) => a * b, 1), 0);
    expect(weights).toBeLessThan(600_000);
    expect(probe.tensors.slice(0, 4)).toEqual(['conv1', 'bn1', 'relu', 'maxpool']);
  });
});
