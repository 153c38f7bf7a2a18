import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { countModule, inceptionLogic } from '../../src/lib/demos/inception/inception-logic';
import { inceptionModel } from '../../src/lib/demos/inception/inception-model';
import { inceptionSchema } from '../../src/lib/demos/inception/inception-schema';
import { median } from '../../src/lib/demos/inception/inception-timing';
import { graphCosts } from '../../src/lib/onnx/graph-costs';
import { runInNode } from '../../src/lib/ort/node-runner';

const stateOf = (query: string) => {
  const { state, issues } = parseDemoState(inceptionSchema, query);
  expect(issues).toEqual([]);
  return state;
};
const compute = (query: string) => runDemo(inceptionLogic, stateOf(query), runInNode);

/**
 * The hand count for a K×K convolution with F filters on an H×W×C input, "same" padding, stride 1,
 * bias and an activation: every one of the H·W·F outputs is a dot product of K²C products (zeros of
 * the padding included), summed with K²C − 1 additions, plus one addition for the bias, then one
 * activation.
 */
const conv = (hw: number, k: number, c: number, f: number) => ({ params: k * k * c * f + f, mults: hw * f * k * k * c, adds: hw * f * k * k * c, acts: hw * f });
const total = (convs: ReturnType<typeof conv>[]) => ({
  params: convs.reduce((a, x) => a + x.params, 0),
  mults: convs.reduce((a, x) => a + x.mults, 0),
  adds: convs.reduce((a, x) => a + x.adds, 0),
  acts: convs.reduce((a, x) => a + x.acts, 0),
});

describe('SNU HW5 P5 on 32×32×256 (1×1-128, 3×3-192, 5×5-96, pool; 1×1-64 bottlenecks)', () => {
  // Counted by hand, written out:
  //   naive:      params 256·128+128 = 32 896; 9·256·192+192 = 442 560; 25·256·96+96 = 614 496 → 1 089 952
  //               mults 1024·(128·256 + 192·2304 + 96·6400) = 1024·1 089 536 = 1 115 684 864
  //               activations 1024·(128 + 192 + 96) = 425 984
  //   bottleneck: params 32 896 + 3·(256·64+64) + (9·64·192+192) + (25·64·96+96) = 32 896 + 49 344 + 110 784 + 153 696 = 346 720
  //               mults 1024·(128·256 + 3·64·256 + 192·576 + 96·1600) = 1024·346 112 = 354 418 688
  //               activations 1024·(128 + 64 + 192 + 64 + 96 + 64) = 622 592
  const naive = { params: 1_089_952, mults: 1_115_684_864, acts: 425_984 };
  const bottleneck = { params: 346_720, mults: 354_418_688, acts: 622_592 };
  const s = stateOf('runs=0');

  it('reads the hand counts from the built graphs', () => {
    const n = countModule('naive', s).costs;
    const b = countModule('bottleneck', s).costs;
    expect([n.params, n.mults, n.adds, n.activations]).toEqual([naive.params, naive.mults, naive.mults, naive.acts]);
    expect([b.params, b.mults, b.adds, b.activations]).toEqual([bottleneck.params, bottleneck.mults, bottleneck.mults, bottleneck.acts]);
  });

  it('agrees with the per-convolution formula summed over the branches', () => {
    const hw = 32 * 32;
    const n = total([conv(hw, 1, 256, 128), conv(hw, 3, 256, 192), conv(hw, 5, 256, 96)]);
    const b = total([conv(hw, 1, 256, 128), conv(hw, 1, 256, 64), conv(hw, 3, 64, 192), conv(hw, 1, 256, 64), conv(hw, 5, 64, 96), conv(hw, 1, 256, 64)]);
    expect(n).toEqual({ params: naive.params, mults: naive.mults, adds: naive.mults, acts: naive.acts });
    expect(b).toEqual({ params: bottleneck.params, mults: bottleneck.mults, adds: bottleneck.mults, acts: bottleneck.acts });
  });

  it('the bottleneck is about 3.1 times cheaper in parameters and arithmetic, but evaluates more activations', async () => {
    const r = await compute('runs=0');
    expect(r.ratio.params).toBeCloseTo(1_089_952 / 346_720, 12);
    expect(r.ratio.mults).toBeCloseTo(1_115_684_864 / 354_418_688, 12);
    expect(r.ratio.mults).toBeGreaterThan(3.1);
    expect(r.ratio.activations).toBeCloseTo(425_984 / 622_592, 12);
    expect(r.naive.output).toEqual([32, 32, 128 + 192 + 96 + 256]);
    expect(r.bottleneck.output).toEqual([32, 32, 128 + 192 + 96 + 64]);
    expect(r.naive.ms).toBeNull();
    expect(r.note).toContain('runs=0');
  });

  it('counts the multiplications that land on zero padding: taps outside 32 per axis', () => {
    // Per axis a K-tap window with padding P = ⌊K/2⌋ over n = 32 outputs has n·K taps, of which
    // 2·(1 + 2 + … + P) = P(P+1) fall outside: 3×3 → 96 − 2 = 94 inside, 5×5 → 160 − 6 = 154.
    const pad = (k: number, c: number, f: number) => ((32 * k) ** 2 - (32 * k - (k >> 1) * ((k >> 1) + 1)) ** 2) * c * f;
    const n = countModule('naive', s);
    expect(n.layers.map((l) => l.padMults)).toEqual([0, pad(3, 256, 192), pad(5, 256, 96)]);
    expect(n.costs.padMults).toBe(pad(3, 256, 192) + pad(5, 256, 96));
    const b = countModule('bottleneck', s);
    expect(b.costs.padMults).toBe(pad(3, 64, 192) + pad(5, 64, 96));
  });

  it('lists each convolution with its shapes and counts', () => {
    const b = countModule('bottleneck', s).layers;
    expect(b.map((l) => [l.name, l.k, l.cin, l.cout])).toEqual([
      ['b1_1x1', 1, 256, 128],
      ['b2_reduce', 1, 256, 64],
      ['b2_3x3', 3, 64, 192],
      ['b3_reduce', 1, 256, 64],
      ['b3_5x5', 5, 64, 96],
      ['b4_proj', 1, 256, 64],
    ]);
    expect(b.map((l) => l.params)).toEqual([32_896, 16_448, 110_784, 16_448, 153_696, 16_448]);
    expect(b.every((l) => l.shape[0] === 32 && l.shape[1] === 32)).toBe(true);
  });
});

describe('other channel counts and the run', () => {
  it('counts a small module by the same formula and times it when run', async () => {
    const r = await compute('input=6,5,3&c1=2&c3=4&c5=3&r3=2&r5=1&proj=2&runs=2');
    const hw = 30;
    const n = total([conv(hw, 1, 3, 2), conv(hw, 3, 3, 4), conv(hw, 5, 3, 3)]);
    const b = total([conv(hw, 1, 3, 2), conv(hw, 1, 3, 2), conv(hw, 3, 2, 4), conv(hw, 1, 3, 1), conv(hw, 5, 1, 3), conv(hw, 1, 3, 2)]);
    expect([r.naive.params, r.naive.mults, r.naive.adds, r.naive.activations]).toEqual([n.params, n.mults, n.adds, n.acts]);
    expect([r.bottleneck.params, r.bottleneck.mults, r.bottleneck.adds, r.bottleneck.activations]).toEqual([b.params, b.mults, b.adds, b.acts]);
    expect(r.naive.output).toEqual([6, 5, 2 + 4 + 3 + 3]);
    expect(r.naive.msRuns).toHaveLength(2);
    expect(r.naive.ms).toBeGreaterThan(0);
    expect(r.ratio.ms).toBeGreaterThan(0);
    expect(r.note).toBeNull();
  });

  it('infers the same shapes from the graph as onnxruntime returns for every tensor', async () => {
    const s = stateOf('input=7,9,4&c1=3&c3=5&c5=2&r3=2&r5=3&proj=1');
    for (const kind of ['naive', 'bottleneck'] as const) {
      const spec = inceptionModel(kind, s);
      const costs = graphCosts(spec.build());
      const feeds = Object.fromEntries(
        Object.entries(costs.shapes)
          .filter(([name]) => name === 'x' || name.endsWith('_w') || name.endsWith('_b'))
          .map(([name, dims]) => [name, { data: new Float32Array(dims.reduce((a, d) => a * d, 1)).fill(0.5), dims }]),
      );
      const out = await runInNode(spec, feeds);
      expect(out['y']!.dims).toEqual(costs.shapes['y']);
    }
  });

  it('does not run states too large to time, but still counts them', async () => {
    const r = await compute('input=128,128,1024&c1=1024&c3=1024&c5=1024');
    expect(r.note).toContain('counted only');
    expect(r.naive.ms).toBeNull();
    expect(r.naive.params).toBe(1024 * 1024 + 1024 + 9 * 1024 * 1024 + 1024 + 25 * 1024 * 1024 + 1024);
    expect(inceptionLogic.plan(stateOf('input=128,128,1024&c1=1024&c3=1024&c5=1024'))).toEqual([]);
  });

  it('a bad parameter is named and its default used', () => {
    const { state, issues } = parseDemoState(inceptionSchema, 'c3=0&input=32,32&runs=99');
    expect(issues.map((i) => i.param).sort()).toEqual(['c3', 'input', 'runs']);
    expect(issues.find((i) => i.param === 'c3')!.message).toContain('an integer from 1 to 1024');
    expect([state.c3, state.input, state.runs]).toEqual([192, [32, 32, 256], 5]);
  });

  it('takes the median of the timed runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
