import { describe, expect, it } from 'vitest';
import type { InferenceJob } from '../../src/lib/demos/common/demo-logic';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { parseLayers } from '../../src/lib/demos/shapes/layer-grammar';
import { notRunReason, planOf, shapesLogic } from '../../src/lib/demos/shapes/shapes-logic';
import { shapesModel } from '../../src/lib/demos/shapes/shapes-model';
import { shapesSchema, HOMEWORK_INPUT } from '../../src/lib/demos/shapes/shapes-schema';
import { runInNode } from '../../src/lib/ort/node-runner';
import { seededRng } from '../../src/lib/random/seeded-rng';
import { bruteForceRf, channelMeans, circularCorrelation, countWindows, relu3, torusCorrelation, type RefLayer } from './reference/cnn-shapes';

/** The demo's one model job for a state, as the browser would run it. */
const jobFor = (query: string): InferenceJob => {
  const { state, issues } = parseDemoState(shapesSchema, query);
  expect(issues).toEqual([]);
  const [job] = shapesLogic.plan(state);
  if (!job || job.kind === 'train') throw new Error('shapes plans one inference job');
  return job;
};

const compute = async (query: string) => {
  const { state, issues } = parseDemoState(shapesSchema, query);
  expect(issues).toEqual([]);
  return runDemo(shapesLogic, state, runInNode);
};

describe('the HW3 Problem 3(e) table', () => {
  it('counts 3·3·1·10 + 10, 3·3·10·10 + 10 and 490·3 + 3 parameters, as counted by hand', async () => {
    const { rows, totals } = await compute('');
    expect(rows.map((r) => r.layer)).toEqual(['input', 'conv3-10', 'pool2', 'conv3-10', 'pool2', 'flatten', 'fc-3']);
    expect(rows.map((r) => r.params)).toEqual([0, 3 * 3 * 1 * 10 + 10, 0, 3 * 3 * 10 * 10 + 10, 0, 0, 490 * 3 + 3]);
    expect(rows.map((r) => r.formula)).toEqual(['0', '3×3×1×10 + 10', '0', '3×3×10×10 + 10', '0', '0', '490×3 + 3']);
    expect(totals.params).toBe(100 + 910 + 1473);
  });

  it('gives the activation shapes 28×28×10, 14×14×10, 14×14×10, 7×7×10, 490, 3', async () => {
    const { rows, totals } = await compute('');
    expect(rows.map((r) => r.shape)).toEqual([[28, 28, 1], [28, 28, 10], [14, 14, 10], [14, 14, 10], [7, 7, 10], [490], [3]]);
    expect(totals.activations).toBe(784 + 7840 + 1960 + 1960 + 490 + 490 + 3);
  });

  it('has receptive fields 1, 3, 4, 8, 10, then the whole input', async () => {
    const { rows } = await compute('');
    expect(rows.map((r) => r.rf)).toEqual([1, 3, 4, 8, 10, 'whole input', 'whole input']);
  });

  it('counts multiply-adds as H′·W′·F·K²·C for a conv and in·out for an FC', async () => {
    const { rows } = await compute('');
    expect(rows.map((r) => r.macs)).toEqual([0, 28 * 28 * 10 * 9 * 1, 0, 14 * 14 * 10 * 9 * 10, 0, 0, 490 * 3]);
  });
});

describe('other architectures, counted by hand', () => {
  it('a strided network ending in gap and fc', async () => {
    const { rows } = await compute('input=32,32,3&layers=conv5-16/s2/p0,pool2,conv3-32/s2,gap,fc-10');
    // (32 − 5)/2 = 13.5 → 13, + 1 = 14; 14/2 = 7; (7 + 2 − 3)/2 = 3, + 1 = 4.
    expect(rows.map((r) => r.shape)).toEqual([[32, 32, 3], [14, 14, 16], [7, 7, 16], [4, 4, 32], [1, 1, 32], [10]]);
    expect(rows.map((r) => r.params)).toEqual([0, 5 * 5 * 3 * 16 + 16, 0, 3 * 3 * 16 * 32 + 32, 0, 32 * 10 + 10]);
    // r: 1 → 1 + 4·1 = 5 (j = 2) → 5 + 1·2 = 7 (j = 4) → 7 + 2·4 = 15.
    expect(rows.map((r) => r.rf)).toEqual([1, 5, 7, 15, 'whole input', 'whole input']);
  });

  it('HW3 3(f): circular CONV2-3 with padding 1 grows 8×8 to 9×9 to 10×10', async () => {
    const { rows } = await compute('input=8,8,1&layers=conv2-3/p1c,relu,conv2-3/p1c,relu,gap,fc-3');
    expect(rows.map((r) => r.shape)).toEqual([[8, 8, 1], [9, 9, 3], [9, 9, 3], [10, 10, 3], [10, 10, 3], [1, 1, 3], [3]]);
    expect(rows.map((r) => r.params)).toEqual([0, 2 * 2 * 1 * 3 + 3, 0, 2 * 2 * 3 * 3 + 3, 0, 0, 3 * 3 + 3]);
    expect(rows.map((r) => r.rf)).toEqual([1, 2, 2, 3, 3, 'whole input', 'whole input']);
  });

  it('floors: a 2×2 pool on 7×7 gives 3×3, a 3×3 stride-2 pool on 28×28 gives 13×13', async () => {
    expect((await compute('input=7,7,10&layers=pool2')).rows[1]!.shape).toEqual([7 >> 1, 7 >> 1, 10]);
    expect((await compute('input=28,28,4&layers=pool3/s2')).rows[1]!.shape).toEqual([13, 13, 4]);
  });

  it('fc on an image flattens it first: 7×7×10 → fc-5 has 490·5 + 5 parameters', async () => {
    const { rows } = await compute('input=7,7,10&layers=fc-5,relu,fc-2');
    expect(rows.map((r) => r.params)).toEqual([0, 490 * 5 + 5, 0, 5 * 2 + 2]);
    expect(rows.map((r) => r.shape)).toEqual([[7, 7, 10], [5], [5], [2]]);
  });
});

describe('random architectures against counted windows and brute-force receptive fields', () => {
  const rng = seededRng(2024);
  const cases = Array.from({ length: 12 }, () => {
    const input = [rng.int(40, 90), rng.int(40, 90), rng.int(1, 4)] as [number, number, number];
    const layers: RefLayer[] = [];
    let [h, w] = input;
    const n = rng.int(1, 6);
    for (let t = 0; t < n; t++) {
      const pick = rng.int(0, 2);
      const l: RefLayer =
        pick === 0 ? { kind: 'conv', k: rng.int(1, 5), f: rng.int(1, 6), s: rng.int(1, 3), p: rng.int(0, 2) } : pick === 1 ? { kind: 'pool', k: rng.int(2, 3), s: rng.int(1, 3) } : { kind: 'relu' };
      if (l.kind !== 'relu') {
        const p = l.kind === 'conv' ? l.p : 0;
        // Keep only layers that fit what is left of the image.
        if (countWindows(h, l.k, l.s, p) < 1 || countWindows(w, l.k, l.s, p) < 1) continue;
        h = countWindows(h, l.k, l.s, p);
        w = countWindows(w, l.k, l.s, p);
      }
      layers.push(l);
    }
    return { input, layers: layers.length ? layers : [{ kind: 'relu' } as RefLayer] };
  });
  const token = (l: RefLayer) => (l.kind === 'conv' ? `conv${l.k}-${l.f}/s${l.s}/p${l.p}` : l.kind === 'pool' ? `pool${l.k}/s${l.s}` : 'relu');

  it.each(cases.map((c) => [`${c.input.join(',')} ${c.layers.map(token).join(',')}`, c] as const))('%s', async (_, c) => {
    const { rows } = await compute(`input=${c.input.join(',')}&layers=${c.layers.map(token).join(',')}`);
    let [h, w, ch] = c.input;
    c.layers.forEach((l, t) => {
      if (l.kind !== 'relu') {
        const p = l.kind === 'conv' ? l.p : 0;
        h = countWindows(h, l.k, l.s, p);
        w = countWindows(w, l.k, l.s, p);
        if (l.kind === 'conv') ch = l.f;
      }
      expect(rows[t + 1]!.shape).toEqual([h, w, ch]);
      expect(rows[t + 1]!.params).toBe(l.kind === 'conv' ? l.k * l.k * (t === 0 ? c.input[2] : (rows[t]!.shape[2] as number)) * l.f + l.f : 0);
      expect(rows[t + 1]!.rf).toBe(bruteForceRf(c.layers.slice(0, t + 1)).extent);
    });
  });
});

describe('circular padding (HW3 3(f))', () => {
  const draw = (seed: number, dims: number[]) => {
    const rng = seededRng(seed);
    return { data: Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => rng.normal()), dims };
  };
  const nest = (t: { data: Float32Array; dims: number[] }) => {
    const [f, c, k] = [t.dims[0]!, t.dims[1]!, t.dims[2]!];
    return Array.from({ length: f }, (_, a) => Array.from({ length: c }, (_, b) => Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, q) => t.data[((a * c + b) * k + r) * k + q]!))));
  };
  const image = (h: number, w: number, at: (m: number, n: number) => number) => Float32Array.from({ length: h * w }, (_, i) => at(Math.floor(i / w), i % w));

  it('wraps: the model\'s conv2-3/p1c equals the loop-by-loop correlation on the torus-padded image', async () => {
    const job = jobFor('input=5,6,2&layers=conv2-3/p1c,conv3-2/s2/p2c');
    const out = await runInNode(job.spec, job.feeds);
    const x = job.feeds['x']!;
    const x3 = Array.from({ length: 2 }, (_, c) => Array.from({ length: 5 }, (_, m) => Array.from({ length: 6 }, (_, n) => x.data[(c * 5 + m) * 6 + n]!)));
    const y1 = circularCorrelation(x3, nest(job.feeds['w1']!), Array.from(job.feeds['b1']!.data), 1, 1);
    const y2 = circularCorrelation(y1, nest(job.feeds['w2']!), Array.from(job.feeds['b2']!.data), 2, 2);
    expect(out['l1']!.dims).toEqual([1, 3, 6, 7]);
    expect(Array.from(out['l1']!.data)).toEqual(y1.flat(2).map((v) => expect.closeTo(v, 4)));
    expect(Array.from(out['l2']!.data)).toEqual(y2.flat(2).map((v) => expect.closeTo(v, 4)));
  });

  // The page's claim: with padding 1 on both sides the 2×2 conv repeats the wrapped row and column,
  // so g is invariant only to shifts that keep a vertical line off the seam (first and last column).
  it('g of a vertical line is the same in columns 2–7 of 8 but not in columns 1 and 8 (padding 1 on both sides)', async () => {
    const job = jobFor('input=8,8,1&layers=conv2-3/p1c,relu,conv2-3/p1c,relu,gap,fc-3');
    const g: number[][] = [];
    for (let col = 0; col < 8; col++) {
      const out = await runInNode(job.spec, { ...job.feeds, x: { data: image(8, 8, (_, n) => (n === col ? 1 : 0)), dims: [1, 1, 8, 8] } });
      g.push(Array.from(out['l5']!.data));
    }
    for (let col = 2; col < 7; col++) g[col]!.forEach((v, f) => expect(v).toBeCloseTo(g[1]![f]!, 5));
    const gap = (a: number[], b: number[]) => Math.max(...a.map((v, f) => Math.abs(v - b[f]!)));
    expect(gap(g[0]!, g[1]!)).toBeGreaterThan(1e-3);
    expect(gap(g[7]!, g[1]!)).toBeGreaterThan(1e-3);
  });

  it('on the torus itself (size kept) g is the same for every circular shift of any image', () => {
    const rng = seededRng(11);
    const w1 = nest(draw(1, [3, 1, 2, 2]));
    const w2 = nest(draw(2, [3, 3, 2, 2]));
    const b = [0.1, -0.2, 0.05];
    const x = [Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => rng.uniform()))];
    const g = (img: number[][][]) => channelMeans(relu3(torusCorrelation(relu3(torusCorrelation(img, w1, b)), w2, b)));
    const g0 = g(x);
    for (const [da, db] of [[0, 3], [5, 0], [2, 7]] as const) {
      const shifted = [x[0]!.map((_, m) => x[0]![(m - da + 8) % 8]!.map((__, n) => x[0]![(m - da + 8) % 8]![(n - db + 8) % 8]!))];
      g(shifted).forEach((v, f) => expect(v).toBeCloseTo(g0[f]!, 10));
    }
  });
});

describe('the layers parameter', () => {
  it('conv3- is reported with its token and the grammar, and the homework table is used', () => {
    const { state, issues } = parseDemoState(shapesSchema, 'layers=conv3-');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.param).toBe('layers');
    expect(issues[0]!.message).toContain('layer 1 "conv3-"');
    expect(issues[0]!.message).toContain('convK-F[/sS][/pP[c]], poolK[/sS], relu, gap, flatten, fc-N');
    expect(shapesSchema.params.layers.format(state.layers)).toBe('conv3-10,pool2,conv3-10,pool2,flatten,fc-3');
  });

  it('a layer that makes a dimension smaller than 1 is named, and the defaults come back', () => {
    const { state, issues } = parseDemoState(shapesSchema, 'input=2,2,1&layers=pool2,pool2');
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('layer 2 "pool2" makes the height 0')]);
    // The homework's layers do not fit 2×2 either (its second pool2 would make 0), so both reset.
    expect(state.input).toEqual(HOMEWORK_INPUT);
  });

  it('keeps the reader\'s input when only the layers are at fault', () => {
    const { state, issues } = parseDemoState(shapesSchema, 'input=64,64,3&layers=conv9-4/p0,conv9-4/p0,conv9-4/p0,conv9-4/p0,conv9-4/p0,conv9-4/p0,conv9-4/p0,conv9-4/p0');
    expect(issues[0]!.message).toContain('layer 8 "conv9-4/p0" makes the height 0');
    expect(state.input).toEqual([64, 64, 3]);
    expect(planOf(state).length).toBe(6);
  });

  it('refuses spatial layers after flatten, unknown options, and too many layers', () => {
    expect(parseLayers('flatten,conv3-4')).toEqual({ ok: false, reason: 'layer 2 "conv3-4" needs an image, but layer 1 "flatten" before it made a vector' });
    expect(parseLayers('conv3-4/q2')).toMatchObject({ ok: false, reason: expect.stringContaining('option "/q2"') });
    expect(parseLayers('pool2/p1')).toMatchObject({ ok: false, reason: expect.stringContaining('option "/p1"') });
    expect(parseLayers(Array(21).fill('relu').join(','))).toMatchObject({ ok: false, reason: '21 layers, more than 20' });
    expect(parseLayers('conv13-4')).toMatchObject({ ok: false, reason: expect.stringContaining('K 13 is not an integer from 1 to 11') });
  });

  it('writes options back only when they differ from the defaults', () => {
    const r = parseLayers('CONV3-10/s1/p1, pool2/s2, conv5-8/p0, conv2-3/p1c, gap, FC-3');
    expect(r.ok && shapesSchema.params.layers.format(r.value)).toBe('conv3-10,pool2,conv5-8/p0,conv2-3/p1c,gap,fc-3');
  });

  it('counts a network too large to run from its graph, without running it or drawing weights', async () => {
    const big = parseDemoState(shapesSchema, 'input=256,256,16&layers=conv3-64,conv3-64');
    expect(big.issues).toEqual([]);
    expect(notRunReason(big.state)).toContain('activations in all, more than the 4,000,000 this page runs');
    expect(shapesLogic.plan(big.state)).toEqual([]);
    const r = await compute('input=256,256,16&layers=conv3-64,conv3-64');
    expect(r.shapesFrom).toBe('graph');
    expect(r.rows.map((x) => x.shape)).toEqual([[256, 256, 16], [256, 256, 64], [256, 256, 64]]);
    expect(r.rows.map((x) => x.params)).toEqual([0, 3 * 3 * 16 * 64 + 64, 3 * 3 * 64 * 64 + 64]);
    expect(r.rows.map((x) => x.macs)).toEqual([0, 256 * 256 * 64 * 9 * 16, 256 * 256 * 64 * 9 * 64]);
    expect(notRunReason(parseDemoState(shapesSchema, 'input=128,128,16&layers=conv11-64,relu').state)).toContain('multiply-adds, more than');
    expect((await compute('')).shapesFrom).toBe('run');
  });

  it('refuses what it cannot even count, and inputs past 256 × 256 × 512', () => {
    const huge = parseDemoState(shapesSchema, 'input=256,256,512&layers=fc-4096');
    expect(huge.issues[0]!.message).toContain('parameters, more than the 1,000,000,000 this page counts');
    const input = parseDemoState(shapesSchema, 'input=300,28,1');
    expect(input.issues[0]!.message).toContain('input must be three integers H,W,C with H and W from 1 to 256 and C from 1 to 512');
  });

  it('names a model file by its architecture, and hashes long ones', () => {
    const { state } = parseDemoState(shapesSchema, '');
    expect(shapesModel(state.input, planOf(state)).key).toBe('shapes-28x28x1-conv3-10_pool2_conv3-10_pool2_flatten_fc-3');
    const long = parseDemoState(shapesSchema, `input=64,64,1&layers=${Array(20).fill('conv3-2/s1/p1c').join(',')}`);
    expect(long.issues).toEqual([]);
    expect(shapesModel(long.state.input, planOf(long.state)).key).toMatch(/^shapes-64x64x1-20l-[0-9a-f]{8}$/);
  });
});

describe('depthwise-separable layers (dwK)', () => {
  it('dw3,conv1-128 against conv3-128 on 56 × 56 × 64, counted by hand', async () => {
    const sep = await compute('input=56,56,64&layers=dw3,conv1-128');
    const full = await compute('input=56,56,64&layers=conv3-128');
    expect(sep.shapesFrom).toBe('run');
    expect(sep.rows.map((r) => [r.layer, r.formula, r.params, r.shape])).toEqual([
      ['input', '0', 0, [56, 56, 64]],
      // One 3×3 filter and one bias per channel.
      ['dw3', '3×3×1×64 + 64', 3 * 3 * 64 + 64, [56, 56, 64]],
      ['conv1-128', '1×1×64×128 + 128', 64 * 128 + 128, [56, 56, 128]],
    ]);
    expect(sep.rows.map((r) => r.macs)).toEqual([0, 56 * 56 * 64 * 9, 56 * 56 * 64 * 128]);
    expect(full.rows[1]!.params).toBe(3 * 3 * 64 * 128 + 128);
    expect(full.rows[1]!.macs).toBe(56 * 56 * 128 * 9 * 64);
  });

  // Per output pixel: depthwise K²C plus pointwise CN against K²CN, a ratio of 1/N + 1/K².
  it.each([
    [3, 128, '56,56,64'],
    [5, 256, '28,28,32'],
    [3, 512, '112,112,512'],
    [7, 64, '20,30,16'],
  ])('multiply-adds of dw%i,conv1-%i over conv%i-N are 1/N + 1/K² (input %s)', async (k, n, input) => {
    const sep = await compute(`input=${input}&layers=dw${k},conv1-${n}`);
    const full = await compute(`input=${input}&layers=conv${k}-${n}`);
    const ratio = (sep.totals.macs as number) / (full.totals.macs as number);
    expect(ratio).toBeCloseTo(1 / n + 1 / (k * k), 12);
    expect(sep.rows.at(-1)!.shape).toEqual(full.rows.at(-1)!.shape);
  });

  it('a layer of real size (112 × 112 × 512, 3×3-512) is counted from the graph, not run', async () => {
    const full = await compute('input=112,112,512&layers=conv3-512');
    expect(full.shapesFrom).toBe('graph');
    expect(full.rows[1]!).toMatchObject({ shape: [112, 112, 512], params: 9 * 512 * 512 + 512, macs: 112 * 112 * 512 * 9 * 512 });
  });

  it('computes what a loop-by-loop depthwise correlation computes, with stride and padding', async () => {
    const job = jobFor('input=5,6,3&layers=dw3/s2,dw2/p0');
    const out = await runInNode(job.spec, job.feeds);
    const dw = (x: number[][][], w: Float32Array, b: Float32Array, k: number, s: number, p: number) =>
      x.map((ch, c) => {
        const [h, wd] = [ch.length, ch[0]!.length];
        const oh = Math.floor((h + 2 * p - k) / s) + 1;
        const ow = Math.floor((wd + 2 * p - k) / s) + 1;
        return Array.from({ length: oh }, (_, i) =>
          Array.from({ length: ow }, (_, j) => {
            let acc = b[c]!;
            for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) acc += (ch[i * s + u - p]?.[j * s + v - p] ?? 0) * w[(c * k + u) * k + v]!;
            return acc;
          }),
        );
      });
    const xd = job.feeds['x']!.data;
    const x = Array.from({ length: 3 }, (_, c) => Array.from({ length: 5 }, (_, m) => Array.from({ length: 6 }, (_, n) => xd[(c * 5 + m) * 6 + n]!)));
    const y1 = dw(x, job.feeds['w1']!.data, job.feeds['b1']!.data, 3, 2, 1);
    const y2 = dw(y1, job.feeds['w2']!.data, job.feeds['b2']!.data, 2, 1, 0);
    expect(out['l1']!.dims).toEqual([1, 3, 3, 3]);
    expect(Array.from(out['l1']!.data)).toEqual(y1.flat(2).map((v) => expect.closeTo(v, 4)));
    expect(out['l2']!.dims).toEqual([1, 3, 2, 2]);
    expect(Array.from(out['l2']!.data)).toEqual(y2.flat(2).map((v) => expect.closeTo(v, 4)));
  });

  it('parses dwK with stride and zero padding, refuses circular padding, and writes defaults back out', () => {
    const r = parseLayers('DW3/s1/p1, dw5/s2, dw3/p0');
    expect(r.ok && shapesSchema.params.layers.format(r.value)).toBe('dw3,dw5/s2,dw3/p0');
    expect(parseLayers('dw3/p1c')).toMatchObject({ ok: false, reason: expect.stringContaining('pads with zeros only') });
    expect(parseLayers('flatten,dw3')).toMatchObject({ ok: false, reason: expect.stringContaining('needs an image') });
    expect(parseLayers('dw13')).toMatchObject({ ok: false, reason: expect.stringContaining('K 13 is not an integer from 1 to 11') });
  });
});
