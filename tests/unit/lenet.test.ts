// The lenet demo (Duke ECE 661 HW2 labs, EECS 182 HW3 P5): its digits, schema, LeNet-5's size,
// the forward graph against a float64 LeNet written in tests/unit/reference/lenet-cnn.ts, and
// what each parameter changes, each checked against an independent computation. The claims the
// pages make from training runs: lenet-claims.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TrainingJob } from '../../src/lib/demos/common/demo-logic';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { CLASSES, PIXELS, TRAIN_PER_CLASS, VAL_PER_CLASS, decodeDigits } from '../../src/lib/demos/lenet/lenet-digits';
import { LENET_DIGITS_FILE, lenetDigitsInNode } from '../../src/lib/demos/lenet/lenet-digits-node';
import { packLenetDigits } from '../../src/lib/demos/lenet/lenet-digits-pack';
import { dropoutMasks, epochFeeds, epochOrder, evaluationFeeds, initialState, normalizationOf, rawBatch, streamOf } from '../../src/lib/demos/lenet/lenet-feeds';
import { trainingConfig, type LenetResult } from '../../src/lib/demos/lenet/lenet-logic';
import { BN_EPS, BN_MOMENTUM, C1_PADDED, lenetBuffers, padChannels, lenetForward, lenetParams, lenetTrainingModel, parameterCount, type NetConfig } from '../../src/lib/demos/lenet/lenet-model';
import { lenetNodeLogic as logic } from '../../src/lib/demos/lenet/lenet-node';
import { BATCH, CROP_PADDING, MAX_WORK, lenetSchema } from '../../src/lib/demos/lenet/lenet-schema';
import { NEAR_ZERO, emptyHistogram, weightHistogram } from '../../src/lib/demos/lenet/lenet-weights';
import { GraphBuilder } from '../../src/lib/onnx/graph-builder';
import type { Feeds } from '../../src/lib/onnx/model-spec';
import { conv2d } from '../../src/lib/onnx/training/cnn-ops';
import { Tape } from '../../src/lib/onnx/training/tape';
import { runInNode, runJobInNode } from '../../src/lib/ort/node-runner';
import { seededRng } from '../../src/lib/random/seeded-rng';
import { countCorrect, lenetReference, meanCrossEntropy, type Tensors } from './reference/lenet-cnn';

const LN10 = Math.log(10);
const digits = lenetDigitsInNode();
const state = (query: string) => parseDemoProps(lenetSchema, query, query);
const trainJob = (query: string) => logic.plan(state(query))[1] as TrainingJob;
const data = (f: Feeds) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.data])) as Tensors;
const closeTo = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  expect(worst).toBeLessThan(tol);
};

describe('the digits (public/data/mnist-28.bin)', () => {
  it('are the bytes scripts/write-mnist.ts packs from the mnist package, 28×28, 150 training and 50 validation digits per class', () => {
    const packed = packLenetDigits();
    expect(new Uint8Array(readFileSync(LENET_DIGITS_FILE))).toEqual(packed);
    const d = decodeDigits(packed);
    expect([d.train.count, d.val.count]).toEqual([CLASSES * TRAIN_PER_CLASS, CLASSES * VAL_PER_CLASS]);
    expect(d.train.pixels.length).toBe(d.train.count * 784);
    for (let c = 0; c < CLASSES; c++) {
      expect(d.train.labels.filter((l) => l === c).length).toBe(TRAIN_PER_CLASS);
      expect(d.val.labels.filter((l) => l === c).length).toBe(VAL_PER_CLASS);
    }
    // MNIST draws on black paper: the corner pixel is blank in every digit, and ink reaches 255.
    for (let i = 0; i < d.train.count; i++) expect(d.train.pixels[i * PIXELS]).toBe(0);
    expect(Math.max(...d.train.pixels.subarray(0, 100 * PIXELS))).toBe(255);
  });

  it('a prefix of the shuffled pool is close to balanced: every class has 15 to 40 of the first 256', () => {
    for (let c = 0; c < CLASSES; c++) {
      const k = digits.train.labels.subarray(0, 256).filter((l) => l === c).length;
      expect(k).toBeGreaterThanOrEqual(15);
      expect(k).toBeLessThanOrEqual(40);
    }
  });

  it('are normalized with the pool\'s own mean and standard deviation: the normalized pool has mean 0 and variance 1', () => {
    const n = normalizationOf(digits.train);
    const x = evaluationFeeds(digits, digits.train.count)['trainX']!.data;
    let sum = 0;
    let sq = 0;
    for (const v of x) (sum += v), (sq += v * v);
    expect(sum / x.length).toBeCloseTo(0, 4);
    expect(sq / x.length).toBeCloseTo(1, 3);
    // MNIST's usual constants are 0.1307 and 0.3081 over its 60,000 training digits.
    expect(n.mean).toBeGreaterThan(0.11);
    expect(n.mean).toBeLessThan(0.15);
    expect(n.std).toBeGreaterThan(0.28);
    expect(n.std).toBeLessThan(0.33);
  });
});

describe('the parameters of a link', () => {
  it('lr=abc, aug=rotate and epochs=-1: a message naming each and what it accepts, and the defaults', () => {
    const { state: s, issues } = parseDemoState(lenetSchema, 'lr=abc&aug=rotate&epochs=-1&bn=1');
    expect(issues.map((i) => i.message)).toEqual([
      'lr must be a number from 0.00001 to 100 (got "abc": not a number); using 0.01.',
      'aug must be one of "none", "crop", "flip", "crop,flip" (got "rotate"); using none.',
      'epochs must be an integer from 1 to 100 (got "-1"); using 10.',
    ]);
    expect([s.lr, s.aug, s.epochs, s.bn]).toEqual([0.01, 'none', 10, '1']);
  });

  it('more training than one link may ask for resets epochs and train, naming the cap', () => {
    const { state: s, issues } = parseDemoState(lenetSchema, 'train=1500&epochs=100');
    expect(issues[0]!.message).toContain(`at most ${MAX_WORK.toLocaleString('en')} image-passes`);
    expect([s.train, s.epochs]).toEqual([1000, 10]);
  });

  it('every other parameter is checked too: bn=2, act=tanh, init=he, dropout=1, train=10, wd=-1', () => {
    const { state: s, issues } = parseDemoState(lenetSchema, 'bn=2&act=tanh&init=he&dropout=1&train=10&wd=-1&l1=0.5');
    expect(issues.map((i) => i.param)).toEqual(['bn', 'act', 'wd', 'l1', 'init', 'dropout', 'train']);
    expect([s.bn, s.act, s.wd, s.l1, s.init, s.dropout, s.train]).toEqual(['0', 'relu', 0, 0, 'default', 0, 1000]);
  });
});

describe('LeNet-5', () => {
  // conv: out·(in·k² + 1); FC: out·(in + 1); batch norm: γ and β per channel or feature.
  const plain = 6 * (1 * 25 + 1) + 16 * (6 * 25 + 1) + 120 * (400 + 1) + 84 * (120 + 1) + 10 * (84 + 1);
  it(`has ${plain.toLocaleString('en')} parameters without batch norm and ${(plain + 2 * (6 + 16 + 120 + 84)).toLocaleString('en')} with it (the running statistics are buffers, not parameters)`, () => {
    expect(plain).toBe(61_706);
    expect(parameterCount({ bn: false })).toBe(plain);
    expect(parameterCount({ bn: true })).toBe(plain + 2 * (6 + 16 + 120 + 84));
    expect(lenetBuffers({ bn: true }).reduce((n, b) => n + b.shape[0]!, 0)).toBe(2 * (6 + 16 + 120 + 84));
    expect(lenetBuffers({ bn: false })).toEqual([]);
  });

  /** A graph of the forward pass alone: logits and, in training mode, the updated running statistics. */
  async function forwardGraph(c: NetConfig, mode: 'train' | 'eval', p: Feeds, x: Float32Array, n: number, masks?: Feeds) {
    const g = new GraphBuilder('lenet-forward-test');
    const names: Record<string, string> = {};
    for (const q of lenetParams(c)) names[q.name] = g.input(q.name, q.shape);
    const buffers: Record<string, string> = {};
    for (const b of lenetBuffers(c)) buffers[b.name] = g.input(b.name, b.shape);
    g.input('x', [n, 1, 28, 28]);
    if (masks) g.input('m1', [n, 400]), g.input('m2', [n, 120]);
    const t = new Tape(g);
    const before = { ...buffers };
    const logits = lenetForward(t, c, names, 'x', n, mode === 'eval' ? { kind: 'eval', buffers } : { kind: 'train', buffers, masks: masks ? { m1: 'm1', m2: 'm2' } : undefined });
    g.node('Identity', [logits], {}, ['logits']);
    g.output('logits', [n, 10]);
    for (const b of lenetBuffers(c)) {
      if (buffers[b.name] === before[b.name]) continue;
      g.node('Identity', [buffers[b.name]!], {}, [`${b.name}_next`]);
      g.output(`${b.name}_next`, b.shape);
    }
    const bytes = g.toBytes();
    return runInNode({ key: `lenet-forward-test-${c.act}-${c.bn}-${mode}-${!!masks}`, build: () => bytes }, { ...p, x: { data: x, dims: [n, 1, 28, 28] }, ...masks });
  }

  /** Weights far from their initial scale and batch-norm parameters away from 1 and 0, so that every term matters. */
  function randomState(c: NetConfig, seed: number): Feeds {
    const rng = seededRng(seed);
    const s = initialState(seed, { bn: c.bn, wd: 0, l1: 0 }, 'kaiming');
    const out: Feeds = {};
    for (const q of [...lenetParams(c), ...lenetBuffers(c)]) {
      const d = s[q.name]!.data.slice();
      if (q.name.endsWith('_g') || q.name.endsWith('_var')) d.forEach((_, i) => (d[i] = 0.5 + rng.uniform()));
      if (q.name.endsWith('_mean') || (q.name.endsWith('_b') && q.name.startsWith('bn')) || q.name.endsWith('_b')) d.forEach((_, i) => (d[i] = rng.uniform() - 0.5));
      out[q.name] = { data: d, dims: s[q.name]!.dims };
    }
    return out;
  }

  const N = 5;
  const images = () => evaluationFeeds(digits, N)['trainX']!.data;

  it.each([
    ['relu', false, 'train'],
    ['swish', false, 'train'],
    ['relu', true, 'train'],
    ['swish', true, 'train'],
    ['relu', true, 'eval'],
    ['swish', true, 'eval'],
  ] as const)('the forward graph (%s, batch norm %s, %s mode) gives the float64 logits of 5 digits', async (act, bn, mode) => {
    const c: NetConfig = { act, bn, dropout: false };
    const p = randomState(c, 11);
    const out = await forwardGraph(c, mode, p, images(), N);
    const ref = lenetReference(data(p), images(), N, { act, bn, mode });
    closeTo(out['logits']!.data, ref.logits.flat(), 2e-4);
    if (bn && mode === 'train') {
      // PyTorch's running statistics: r ← 0.9 r + 0.1 s, with the unbiased batch variance (m/(m − 1)).
      const count = { bn1: N * 28 * 28, bn2: N * 10 * 10, bn3: N, bn4: N } as Record<string, number>;
      for (const layer of ['bn1', 'bn2', 'bn3', 'bn4']) {
        const m = count[layer]!;
        const st = ref.stats[layer]!;
        closeTo(out[`${layer}_mean_next`]!.data, st.mean.map((v, i) => (1 - BN_MOMENTUM) * p[`${layer}_mean`]!.data[i]! + BN_MOMENTUM * v), 1e-4);
        closeTo(out[`${layer}_var_next`]!.data, st.variance.map((v, i) => (1 - BN_MOMENTUM) * p[`${layer}_var`]!.data[i]! + BN_MOMENTUM * v * (m / (m - 1))), 1e-4);
      }
    }
    expect(BN_EPS).toBe(1e-5);
  });

  it('pads the second convolution\'s 6 input channels to 8 with zeros (a WebGPU workaround): its output and its gradients for the input and the weights are those of the unpadded convolution', async () => {
    const n = 2;
    const rng = seededRng(21);
    const rand = (k: number) => Float32Array.from({ length: k }, () => rng.uniform() - 0.5);
    const feeds: Feeds = { x: { data: rand(n * 6 * 14 * 14), dims: [n, 6, 14, 14] }, w: { data: rand(16 * 6 * 25), dims: [16, 6, 5, 5] }, b: { data: rand(16), dims: [16] }, r: { data: rand(n * 16 * 100), dims: [n, 16, 10, 10] } };
    const graph = (padded: boolean) => {
      const g = new GraphBuilder('pad-test');
      for (const [k, v] of Object.entries(feeds)) g.input(k, v.dims);
      const t = new Tape(g);
      const c = padded ? 8 : 6;
      const x = padded ? padChannels(t, 'x', [n, 6, 14, 14], 8) : 'x';
      const w = padded ? padChannels(t, 'w', [16, 6, 5, 5], 8) : 'w';
      const y = conv2d(t, x, w, 'b', { input: [n, c, 14, 14], outChannels: 16, kernel: 5, pad: 0, stride: 1 });
      // L = Σ y ⊙ r, so dL/dy = r.
      const [sum] = g.node('ReduceSum', [g.node('Mul', [y, 'r'])[0]!], { keepdims: 0 });
      const loss = t.record(sum!, (dL) => [[y, g.node('Mul', ['r', dL])[0]!]]);
      const grads = t.backward(loss, ['x', 'w']);
      g.node('Identity', [y], {}, ['y']);
      g.output('y', [n, 16, 10, 10]);
      g.node('Identity', [grads.get('x')!], {}, ['dx']);
      g.output('dx', [n, 6, 14, 14]);
      g.node('Identity', [grads.get('w')!], {}, ['dw']);
      g.output('dw', [16, 6, 5, 5]);
      const bytes = g.toBytes();
      return runInNode({ key: `pad-test-${padded}`, build: () => bytes }, feeds);
    };
    const [plain, padded] = await Promise.all([graph(false), graph(true)]);
    for (const k of ['y', 'dx', 'dw']) closeTo(padded[k]!.data, plain[k]!.data, 1e-5);
    expect(C1_PADDED).toBe(8);
  });

  it('applies the dropout masks on the inputs of FC1 and FC2 in training mode', async () => {
    const c: NetConfig = { act: 'relu', bn: true, dropout: true };
    const p = randomState(c, 12);
    const rng = streamOf(5, 99);
    const m1 = dropoutMasks(rng, N, [400], 0.5);
    const m2 = dropoutMasks(rng, N, [120], 0.5);
    const out = await forwardGraph(c, 'train', p, images(), N, { m1: { data: m1, dims: [N, 400] }, m2: { data: m2, dims: [N, 120] } });
    const ref = lenetReference(data(p), images(), N, { act: 'relu', bn: true, mode: 'train', masks: { m1, m2 } });
    closeTo(out['logits']!.data, ref.logits.flat(), 2e-4);
    const without = lenetReference(data(p), images(), N, { act: 'relu', bn: true, mode: 'train' });
    expect(Math.max(...ref.logits.flat().map((v, i) => Math.abs(v - without.logits.flat()[i]!)))).toBeGreaterThan(0.01);
  });
});

describe('a short run in Node', () => {
  let short: Promise<LenetResult> | undefined;
  const run = () => (short ??= runDemo(logic, state('train=128&epochs=1'), runInNode));

  it('starts at ln 10: the untrained loss on the training digits is within 0.1 of ln 10, and is the float64 loss of the same weights', async () => {
    const r = await run();
    expect(Math.abs(r.initialLoss - LN10)).toBeLessThan(0.1);
    expect(r.lnClasses).toBeCloseTo(LN10, 4);
    const s = state('train=128&epochs=1');
    const p = data(initialState(s.seed, trainingConfig(s, 500), 'default'));
    const x = evaluationFeeds(digits, 128)['trainX']!.data;
    const ref = lenetReference(p, x, 128, { act: 'relu', bn: false, mode: 'eval' });
    expect(r.initialLoss).toBeCloseTo(meanCrossEntropy(ref.logits, digits.train.labels.subarray(0, 128)), 4);
    expect(Math.abs(r.firstBatchLoss - LN10)).toBeLessThan(0.1);
  }, 60_000);

  it('reports what it ran: two steps of 64 for 128 digits, one epoch, the parameter count, 61,470 weights in the histogram', async () => {
    const r = await run();
    expect([r.trainImages, r.valImages, r.batch, r.stepsPerEpoch, r.parameters]).toEqual([128, 500, BATCH, 2, 61_706]);
    expect(r.history.map((h) => h.epoch)).toEqual([1]);
    expect(r.weights.count).toBe(6 * 25 + 16 * 150 + 400 * 120 + 120 * 84 + 84 * 10);
    expect(r.histogram.reduce((n, b) => n + b.count, 0)).toBe(r.weights.count);
    expect(r.initialHistogram.reduce((n, b) => n + b.count, 0)).toBe(r.weights.count);
    expect(r.diverged).toBe(false);
    expect(r.divergedEpoch).toBeNull();
  }, 60_000);
});

describe('what each parameter changes', () => {
  /** One step (64 digits, one epoch) from the seed's initial weights; returns the final state. */
  const oneStep = (query: string) => runJobInNode(trainJob(`train=64&epochs=1&lr=0.1&${query}`));

  it('l1=λ₁ adds λ₁·sign(w) to every gradient: after one step the weights differ from the unpenalized step by exactly −lr·λ₁·sign(w₀); wd=λ by −lr·λ·w₀', async () => {
    const [base, l1, wd] = await Promise.all([oneStep('seed=3'), oneStep('seed=3&l1=0.01'), oneStep('seed=3&wd=0.01')]);
    const w0 = trainJob('train=64&epochs=1&lr=0.1&seed=3').initial;
    for (const name of ['conv1_w', 'fc1_w', 'fc3_b']) {
      const start = w0[name]!.data;
      closeTo(
        l1[name]!.data.map((v, i) => v - base[name]!.data[i]!),
        start.map((v) => -0.1 * 0.01 * Math.sign(v)),
        1e-6,
      );
      closeTo(
        wd[name]!.data.map((v, i) => v - base[name]!.data[i]!),
        start.map((v) => -0.1 * 0.01 * v),
        1e-6,
      );
    }
    // The penalties are constants of the training graph, so each strength is its own model.
    expect(lenetTrainingModel({ ...trainingConfig(state('l1=0.01'), 500) }).key).toContain('-l10.01');
  }, 60_000);

  it('bn=1 validates in inference mode: the graph\'s validation accuracy and loss are those of the running statistics, not of the batch\'s', async () => {
    const job = trainJob('train=64&epochs=1&lr=0.1&bn=1&seed=4');
    const out = await runJobInNode(job);
    const final = data(Object.fromEntries(Object.keys(job.initial).map((k) => [k, out[k]!])));
    const val = evaluationFeeds(digits, 64)['valX']!.data;
    const labels = digits.val.labels;
    const inference = lenetReference(final, val, 500, { act: 'relu', bn: true, mode: 'eval' }).logits;
    expect(out['valCorrect']!.data[0]).toBe(countCorrect(inference, labels));
    expect(out['valLoss']!.data[0]).toBeCloseTo(meanCrossEntropy(inference, labels), 4);
    const batchStats = lenetReference(final, val, 500, { act: 'relu', bn: true, mode: 'train' }).logits;
    expect(Math.abs(meanCrossEntropy(batchStats, labels) - out['valLoss']!.data[0]!)).toBeGreaterThan(0.01);
    // The running statistics after one step: 0.9 · (0, 1) + 0.1 · the first minibatch's, in training mode from the initial weights.
    const first = job.feeds(0, 1);
    const stats = lenetReference(data(job.initial), first['x']!.data, BATCH, { act: 'relu', bn: true, mode: 'train' }).stats;
    closeTo(out['bn3_mean']!.data, stats['bn3']!.mean.map((v) => 0.1 * v), 1e-4);
    closeTo(out['bn3_var']!.data, stats['bn3']!.variance.map((v) => 0.9 + 0.1 * v * (BATCH / (BATCH - 1))), 1e-4);
  }, 60_000);

  it('bn=1 starts from exactly the convolution and FC weights of bn=0 (γ = 1, β = 0, running mean 0 and variance 1)', () => {
    const plain = trainJob('seed=9').initial;
    const bn = trainJob('seed=9&bn=1').initial;
    for (const p of lenetParams({ bn: false })) expect(bn[p.name]!.data).toEqual(plain[p.name]!.data);
    expect(Array.from(bn['bn2_g']!.data)).toEqual(new Array(16).fill(1));
    expect(Array.from(bn['bn2_b']!.data)).toEqual(new Array(16).fill(0));
    expect(Array.from(bn['bn3_mean']!.data)).toEqual(new Array(120).fill(0));
    expect(Array.from(bn['bn3_var']!.data)).toEqual(new Array(120).fill(1));
  });

  it.each([
    ['default', (fanIn: number) => 1 / (3 * fanIn)],
    ['kaiming', (fanIn: number) => 2 / fanIn],
    ['xavier', (fanIn: number, fanOut: number) => 2 / (fanIn + fanOut)],
  ] as const)('init=%s draws the weights with the variance of its rule (U(±1/√fan_in) has 1/(3 fan_in)); biases stay U(±1/√fan_in)', (init, variance) => {
    const s = trainJob(`init=${init}&seed=2`).initial;
    for (const p of lenetParams({ bn: false })) {
      const w = s[p.name]!.data;
      if (p.role === 'bias') {
        expect(w).toEqual(trainJob('seed=2').initial[p.name]!.data);
        continue;
      }
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      const v = w.reduce((a, b) => a + b * b, 0) / w.length;
      // The sample variance of n draws is within 5 standard errors (√(2/n), normal; less for uniform) of the rule's.
      const tolerance = 5 * Math.sqrt(2 / w.length) + (w.length < 200 ? 0.2 : 0);
      expect(Math.abs(v / variance(p.fanIn, p.fanOut) - 1), p.name).toBeLessThan(tolerance);
      expect(Math.abs(mean) / Math.sqrt(v)).toBeLessThan(5 / Math.sqrt(w.length));
      if (init === 'default') expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(p.fanIn));
    }
  });

  it('dropout=p zeroes about p of the units of each mask and scales the kept ones by 1/(1 − p); dropout=0 feeds no masks', () => {
    const feeds = trainJob('dropout=0.3&seed=5').feeds(0, 15);
    for (const name of ['m1', 'm2']) {
      const m = feeds[name]!.data;
      const zeros = m.filter((v) => v === 0).length;
      // Binomial(n, 0.3): 5 standard deviations.
      expect(Math.abs(zeros - 0.3 * m.length)).toBeLessThan(5 * Math.sqrt(m.length * 0.21));
      for (const v of m) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 6);
    }
    expect(feeds['m1']!.dims).toEqual([15, BATCH, 400]);
    expect(trainJob('seed=5').feeds(0, 15)['m1']).toBeUndefined();
  });

  it('aug is reproducible from the seed: the same seed and epoch give the same digits; another seed or epoch others', () => {
    const o = { seed: 3, epoch: 0, train: 256, batch: BATCH, steps: 4, aug: 'crop,flip' as const, dropout: 0 };
    const a = epochFeeds(digits, o)['x']!.data;
    expect(epochFeeds(digits, o)['x']!.data).toEqual(a);
    expect(epochFeeds(digits, { ...o, seed: 4 })['x']!.data).not.toEqual(a);
    expect(epochFeeds(digits, { ...o, epoch: 1 })['x']!.data).not.toEqual(a);
  });

  it.each([
    ['none', 0, false],
    ['crop', CROP_PADDING, false],
    ['flip', 0, true],
    ['crop,flip', CROP_PADDING, true],
  ] as const)('aug=%s: every digit is its source, shifted by up to %i pixels (zero paper beyond the edge), mirrored or not', (aug, pad, flips) => {
    const o = { seed: 7, epoch: 2, train: 256, batch: BATCH, steps: 4, aug, dropout: 0 };
    const x = epochFeeds(digits, o)['x']!.data;
    const order = epochOrder(7, 2, 256);
    const { x: raw } = rawBatch(digits.train, order);
    const norm = normalizationOf(digits.train);
    let shifted = 0;
    let mirrored = 0;
    for (let k = 0; k < 256; k++) {
      const src = raw.subarray(k * 784, (k + 1) * 784);
      const got = x.subarray(k * 784, (k + 1) * 784);
      const candidates: { dy: number; dx: number; flip: boolean }[] = [];
      for (let dy = -pad; dy <= pad; dy++) for (let dx = -pad; dx <= pad; dx++) for (const flip of flips ? [false, true] : [false]) candidates.push({ dy, dx, flip });
      const match = candidates.find(({ dy, dx, flip }) => {
        for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
          const sr = r + dy;
          const sc = (flip ? 27 - c : c) + dx;
          const v = sr >= 0 && sr < 28 && sc >= 0 && sc < 28 ? src[sr * 28 + sc]! : 0;
          if (Math.abs((v - norm.mean) / norm.std - got[r * 28 + c]!) > 1e-5) return false;
        }
        return true;
      });
      expect(match, `digit ${k}`).toBeDefined();
      if (match!.dx || match!.dy) shifted++;
      if (match!.flip) mirrored++;
    }
    // A symmetric digit can match more than one candidate; the counts are of the first that matches.
    if (pad) expect(shifted).toBeGreaterThan(200);
    if (flips) {
      expect(mirrored).toBeGreaterThan(90);
      expect(mirrored).toBeLessThan(166);
    }
    if (aug === 'none') expect(shifted + mirrored).toBe(0);
  });
});

describe('a run that diverges', () => {
  it('stops when its loss is no longer finite and is reported as diverged, a result with finite numbers only', async () => {
    const s = state('train=256&epochs=10&lr=30&act=swish');
    let calls = 0;
    const job = logic.plan(s)[1] as TrainingJob;
    const counted: TrainingJob = { ...job, onCall: (streams, done) => (calls++, job.onCall!(streams, done)) };
    const out = await runJobInNode(counted);
    const r = logic.finish(s, [(await runJobInNode(logic.plan(s)[0]!)), out]);
    expect(r.diverged).toBe(true);
    expect(r.divergedEpoch).toBe(r.history.length + 1);
    expect(r.history.length).toBeLessThan(10);
    expect(calls).toBe(r.history.length + 1);
    expect(out['losses']!.data.length).toBe(calls * 4);
    expect(out['losses']!.data.subarray((calls - 1) * 4).some((v) => !Number.isFinite(v))).toBe(true);
    expect(r.weights.nonFinite).toBeGreaterThan(0);
    // No NaN or infinity reaches the JSON (JSON.stringify would write null for it).
    const numbers: number[] = [];
    JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' && numbers.push(v), v));
    expect(numbers.every(Number.isFinite)).toBe(true);
  }, 60_000);
});

describe('the weight histogram', () => {
  it('puts each |w| in the quarter decade that holds it, 0 and below 10⁻⁶ first, 1 and above last; near zero is |w| < 10⁻³', () => {
    const values = [0, -5e-7, 1e-6, 1.7e-6, -9.99e-4, 1e-3, 0.02, -0.5, 0.999, 1, 3, NaN, Infinity];
    const { weights, histogram } = weightHistogram([Float32Array.from(values)]);
    expect(histogram).toHaveLength(26);
    expect(histogram[0]).toMatchObject({ from: 0, to: 1e-6 });
    expect(histogram[1]).toMatchObject({ from: 1e-6, to: 1.77828e-6 });
    expect(histogram.at(-1)).toMatchObject({ from: 1, to: null });
    for (const v of values.filter(Number.isFinite)) {
      const a = Math.abs(Math.fround(v));
      const bins = histogram.filter((b) => a >= b.from && (b.to === null || a < b.to));
      expect(bins, `|w| = ${a}`).toHaveLength(1);
      expect(bins[0]!.count).toBeGreaterThan(0);
    }
    expect(histogram.reduce((n, b) => n + b.count, 0)).toBe(11);
    expect(weights).toEqual({ count: 13, nearZero: Number((5 / 13).toFixed(6)), nonFinite: 2 });
    expect(NEAR_ZERO).toBe(1e-3);
    expect(emptyHistogram().map((b) => b.count)).toEqual(new Array(26).fill(0));
  });
});
