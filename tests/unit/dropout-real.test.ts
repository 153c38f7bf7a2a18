import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { dropoutMasks, epochFeeds, initialParams } from '../../src/lib/demos/dropout-real/dropout-real-feeds';
import { dropoutRealLogic, epochLearningRate, TEST_COUNT, type DropoutRealResult } from '../../src/lib/demos/dropout-real/dropout-real-logic';
import { BATCH, C1, C2 } from '../../src/lib/demos/dropout-real/dropout-real-model';
import { dropoutRealSchema, MAX_WORK } from '../../src/lib/demos/dropout-real/dropout-real-schema';
import { mnistSubsetInNode, MNIST_FILE } from '../../src/lib/demos/dropout-real/mnist-node';
import { packMnistSubset } from '../../src/lib/demos/dropout-real/mnist-pack';
import { runCache } from './support/run-cache';
import {
  CHEAT_PIXELS,
  cheatCode,
  decodeSubset,
  encodeSubset,
  INK,
  MARGIN,
  PIXELS,
  placeDigit,
  SIDE,
  writeImages,
  type MnistSubset,
} from '../../src/lib/demos/dropout-real/mnist-subset';
import { runInNode, runJobInNode } from '../../src/lib/ort/node-runner';
import { seededRng } from '../../src/lib/random/seeded-rng';
import { predict, sgdStep, type Params } from './reference/small-cnn';

const root = join(import.meta.dirname, '..', '..');
const data = mnistSubsetInNode(root);
const net = { side: SIDE, c1: C1, c2: C2, classes: 10 };

describe('the digit file', () => {
  it('round-trips through encode and decode', () => {
    const rng = seededRng(1);
    const set = (count: number) => ({
      count,
      labels: Uint8Array.from({ length: count }, () => rng.int(0, 9)),
      pixels: Uint8Array.from({ length: count * PIXELS }, () => rng.int(0, 255)),
    });
    const s: MnistSubset = { train: set(7), test: set(3) };
    const back = decodeSubset(encodeSubset(s));
    expect(back.train.count).toBe(7);
    expect(back.test.count).toBe(3);
    expect(Array.from(back.train.labels)).toEqual(Array.from(s.train.labels));
    expect(Array.from(back.test.pixels)).toEqual(Array.from(s.test.pixels));
  });

  it('rejects a file that is not a digit subset, or is cut short', () => {
    expect(() => decodeSubset(new Uint8Array(100))).toThrow(/not a dropout-real MNIST subset/);
    const bytes = encodeSubset({ train: { count: 1, labels: Uint8Array.of(3), pixels: new Uint8Array(PIXELS) }, test: { count: 0, labels: new Uint8Array(), pixels: new Uint8Array() } });
    expect(() => decodeSubset(bytes.subarray(0, bytes.length - 1))).toThrow(/bytes; expected/);
  });

  it('public/data/mnist-subset.bin is exactly what scripts/write-mnist.ts packs from the mnist package', () => {
    const onDisk = new Uint8Array(readFileSync(join(root, MNIST_FILE)));
    expect(Buffer.compare(Buffer.from(onDisk), Buffer.from(packMnistSubset()))).toBe(0);
  });

  it('holds 400 training and 100 held-out digits of each class, and a 2,048 prefix close to balanced', () => {
    const count = (labels: Uint8Array) => Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);
    expect(count(data.train.labels)).toEqual(Array(10).fill(400));
    expect(count(data.test.labels)).toEqual(Array(10).fill(100));
    for (const c of count(data.train.labels.subarray(0, 2048))) expect(Math.abs(c - 204.8)).toBeLessThan(40);
  });

  it('places a 2x2-averaged 10x10 copy of the 20x20 digit box, scaled to INK, at the given offset, blank elsewhere', () => {
    // A 28x28 image whose pixel (r, c) is ((r·28 + c) mod 7)/6, so every 2x2 block has its own mean.
    const src = Array.from({ length: 784 }, (_, i) => (i % 7) / 6);
    for (const [row, col, out] of [[2, 1, placeDigit(src, 2, 1)], [MARGIN, MARGIN, placeDigit(src)]] as const) {
      for (let r = 0; r < SIDE; r++) {
        for (let c = 0; c < SIDE; c++) {
          const inside = r >= row && r < row + 10 && c >= col && c < col + 10;
          const R = 4 + 2 * (r - row);
          const C = 4 + 2 * (c - col);
          const mean = inside ? (src[R * 28 + C]! + src[R * 28 + C + 1]! + src[(R + 1) * 28 + C]! + src[(R + 1) * 28 + C + 1]!) / 4 : 0;
          expect(out[r * SIDE + c]).toBe(Math.round(mean * INK * 255));
        }
      }
    }
    expect(() => placeDigit(src, 3, 0)).toThrow(/outside/);
  });

  it('every stored digit is faint (at most INK) and centred with a blank border, so it never touches the cheat pixels', () => {
    expect(INK).toBe(0.45);
    expect(MARGIN).toBe(1);
    const maxByte = Math.round(255 * INK);
    for (const set of [data.train, data.test]) {
      let brightest = 0;
      let borderInk = 0;
      let inkedImages = 0;
      for (let i = 0; i < set.count; i++) {
        let inked = false;
        for (let r = 0; r < SIDE; r++) {
          for (let c = 0; c < SIDE; c++) {
            const v = set.pixels[i * PIXELS + r * SIDE + c]!;
            brightest = Math.max(brightest, v);
            if (r === 0 || c === 0 || r === SIDE - 1 || c === SIDE - 1) borderInk += v;
            if (v > 0) inked = true;
          }
        }
        if (inked) inkedImages++;
      }
      expect(brightest).toBe(maxByte);
      expect(borderInk).toBe(0);
      expect(inkedImages).toBe(set.count);
    }
    // The held-out digits the tests use: fewer than a tenth are zeros (the pages say so).
    const zeros = Array.from(data.test.labels.subarray(0, TEST_COUNT)).filter((l) => l === 0).length;
    expect(zeros / TEST_COUNT).toBeLessThan(0.1);
    expect(zeros / TEST_COUNT).toBeGreaterThan(0.07);
  });
});

describe('the cheating feature', () => {
  it('writes the label in binary into the last 4 pixels of the bottom row, most significant bit first', () => {
    expect(CHEAT_PIXELS).toEqual([140, 141, 142, 143]);
    expect(cheatCode(5)).toEqual([0, 1, 0, 1]);
    expect(cheatCode(9)).toEqual([1, 0, 0, 1]);
    expect(cheatCode(0)).toEqual([0, 0, 0, 0]);
  });

  it('every training image with the cheat decodes back to its label; clean ones differ only there, blanked', () => {
    const n = data.train.count;
    const idx = Array.from({ length: n }, (_, i) => i);
    const cheat = new Float32Array(n * PIXELS);
    const clean = new Float32Array(n * PIXELS);
    writeImages(data.train, idx, 'cheat', cheat);
    writeImages(data.train, idx, 'clean', clean);
    let wrongCode = 0;
    let wrongPixel = 0;
    for (let i = 0; i < n; i++) {
      const bits = [140, 141, 142, 143].map((p) => cheat[i * PIXELS + p]!);
      if (!bits.every((b) => b === 0 || b === 1) || bits[0]! * 8 + bits[1]! * 4 + bits[2]! * 2 + bits[3]! !== data.train.labels[i]) wrongCode++;
      for (let p = 0; p < PIXELS; p++) {
        const v = clean[i * PIXELS + p]!;
        const expected = p >= 140 ? 0 : data.train.pixels[i * PIXELS + p]! / 255;
        if (Math.abs(v - expected) > 1e-6 || (p < 140 && v !== cheat[i * PIXELS + p])) wrongPixel++;
      }
    }
    expect(wrongCode).toBe(0);
    expect(wrongPixel).toBe(0);
  });
});

describe('randomness', () => {
  it('dropout masks zero a fraction p of the units and scale the rest by 1/(1 − p)', () => {
    const m = dropoutMasks(seededRng(3), 1000, [8, 6, 6], 0.75);
    const zeros = m.filter((v) => v === 0).length / m.length;
    expect(Math.abs(zeros - 0.75)).toBeLessThan(0.01);
    expect(new Set(m)).toEqual(new Set([0, 4]));
  });

  it('models of one run share their initial weights and minibatches; only the masks differ', () => {
    expect(Array.from(initialParams(5)['w1']!.data)).toEqual(Array.from(initialParams(5)['w1']!.data));
    expect(Array.from(initialParams(5)['w1']!.data)).not.toEqual(Array.from(initialParams(6)['w1']!.data));
    const a = epochFeeds(data.train, { seed: 5, model: 0, p: 0.5, epoch: 2, train: 256 });
    const b = epochFeeds(data.train, { seed: 5, model: 1, p: 0.5, epoch: 2, train: 256 });
    expect(Array.from(a['x']!.data)).toEqual(Array.from(b['x']!.data));
    expect(Array.from(a['m1']!.data)).not.toEqual(Array.from(b['m1']!.data));
    const next = epochFeeds(data.train, { seed: 5, model: 0, p: 0.5, epoch: 3, train: 256 });
    expect(Array.from(next['x']!.data)).not.toEqual(Array.from(a['x']!.data));
  });
});

describe('the schema', () => {
  it('caps the work one link may ask for, naming the limit; four drop rates at the default size fit', () => {
    const { state, issues } = parseDemoState(dropoutRealSchema, 'p=0,0.25,0.5,0.75&epochs=30&train=4000');
    expect(issues.map((i) => i.message).join(' ')).toContain(String(MAX_WORK));
    expect(state.epochs).toBe(20);
    expect(state.train).toBe(2048);
    expect(parseDemoState(dropoutRealSchema, 'p=0,0.25,0.5,0.75').issues).toEqual([]);
    expect(parseDemoState(dropoutRealSchema, 'p=0,1').issues[0]!.message).toMatch(/^p must be a comma-separated list of up to 4 numbers from 0 to 0.95/);
  });

  it('keeps the URL parameters lecturers may have pasted: p, epochs, train, seed, lr', () => {
    const { state, issues } = parseDemoState(dropoutRealSchema, 'p=0,0.5&epochs=12&train=1024&seed=4&lr=0.02');
    expect(issues).toEqual([]);
    expect(state).toMatchObject({ p: [0, 0.5], epochs: 12, train: 1024, seed: 4, lr: 0.02 });
  });

  it('decays the learning rate along half a cosine, from lr in the first epoch to nearly 0 in the last', () => {
    expect(epochLearningRate(0.04, 0, 20)).toBeCloseTo(0.04, 12);
    expect(epochLearningRate(0.04, 10, 20)).toBeCloseTo(0.02, 12);
    expect(epochLearningRate(0.04, 19, 20)).toBeCloseTo(0.04 * (1 + Math.cos((19 * Math.PI) / 20)) / 2, 12);
    expect(epochLearningRate(0.04, 19, 20)).toBeLessThan(0.0003);
    // Each call (one epoch) of the training job is fed its epoch's rate.
    const logic = dropoutRealLogic(() => data);
    const { state } = parseDemoState(logic.schema, 'p=0&train=128&epochs=4&lr=0.1');
    const [job] = logic.plan(state);
    if (job?.kind !== 'train') throw new Error('expected a training job');
    const rates = [0, 1, 2, 3].map((e) => job.feeds(2 * e, 2)['lr']!.data[0]!);
    rates.forEach((r, e) => expect(r).toBeCloseTo(Math.fround(epochLearningRate(0.1, e, 4)), 7));
  });
});

describe('training', () => {
  it('one step of the ONNX training graph equals one plain-JavaScript SGD step (with dropout masks)', async () => {
    const logic = dropoutRealLogic(() => data);
    const { state } = parseDemoState(logic.schema, 'p=0.5&train=64&epochs=1&lr=0.1&seed=3');
    const [job] = logic.plan(state);
    if (job?.kind !== 'train') throw new Error('expected a training job');
    const feeds = job.feeds(0, 1);
    const out = await runJobInNode(job);
    const p0 = Object.fromEntries(['w1', 'b1', 'w2', 'b2', 'fc', 'fb'].map((k) => [k, Float64Array.from(job.initial[k]!.data)])) as Params;
    const onehot = feeds['y']!.data;
    const labels = Array.from({ length: BATCH }, (_, i) => onehot.subarray(i * 10, (i + 1) * 10).indexOf(1));
    const ref = sgdStep(net, p0, { images: feeds['x']!.data, labels, m1: feeds['m1']!.data, m2: feeds['m2']!.data }, 0.1);
    expect(out['losses']!.data[0]).toBeCloseTo(ref.loss, 4);
    for (const k of Object.keys(ref.params) as (keyof Params)[]) {
      const onnx = out[k]!.data;
      const scale = Math.max(...ref.params[k].map(Math.abs));
      ref.params[k].forEach((v, i) => expect(Math.abs(onnx[i]! - v), `${k}[${i}]`).toBeLessThanOrEqual(1e-4 * scale + 1e-6));
      // The step moved the weights: the comparison is not between two copies of the start.
      expect(ref.params[k].some((v, i) => Math.abs(v - p0[k][i]!) > 1e-4)).toBe(true);
    }
    // The graph's test count after the step agrees with plain-JS predictions on the same digits.
    const test = Float32Array.from(job.feeds(0, 1)['testX']!.data);
    const testLabels = Array.from({ length: 2 * TEST_COUNT }, (_, i) => data.test.labels[i % TEST_COUNT]!);
    const preds = predict(net, Object.fromEntries(Object.keys(ref.params).map((k) => [k, Float64Array.from(out[k]!.data)])) as Params, test, 2 * TEST_COUNT);
    const correct = [0, 1].map((half) => preds.slice(half * TEST_COUNT, (half + 1) * TEST_COUNT).filter((c, i) => c === testLabels[i]).length);
    const fromGraph = Array.from(out['testCorrect']!.data);
    correct.forEach((c, i) => expect(Math.abs(c - fromGraph[i]!)).toBeLessThanOrEqual(1));
    // …and so does its count of the answers of each class, per half [with cheat; clean].
    const answers = Array.from(out['testAnswers']!.data);
    expect(answers).toHaveLength(20);
    for (let half = 0; half < 2; half++) {
      const counts = Array.from({ length: 10 }, (_, k) => preds.slice(half * TEST_COUNT, (half + 1) * TEST_COUNT).filter((c) => c === k).length);
      counts.forEach((n, k) => expect(Math.abs(n - answers[half * 10 + k]!), `half ${half}, class ${k}`).toBeLessThanOrEqual(1));
      expect(answers.slice(half * 10, half * 10 + 10).reduce((a, b) => a + b, 0)).toBe(TEST_COUNT);
    }
  }, 60_000);

  it('a tiny configuration lowers its training loss', async () => {
    const logic = dropoutRealLogic(() => data);
    // Faint digits start slowly (the loss sits near ln 10 for an epoch or two): six short epochs.
    const { state } = parseDemoState(logic.schema, 'p=0,0.5&train=512&epochs=6&lr=0.1');
    const r = await runDemo(logic, state, runInNode);
    for (const m of r.models) {
      expect(m.trainLoss).toHaveLength(6);
      expect(m.trainLoss.at(-1)!).toBeLessThan(m.trainLoss[0]! - 0.1);
      expect(m.accCleanByEpoch).toHaveLength(6);
      expect(m.cleanAnswers).toHaveLength(10);
      expect(m.cleanAnswers.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  }, 120_000);

});

// The runs both pages show: the default (seed 0) and seeds 1, 2, 3 (support/run-cache.ts).
const runs = runCache('dropout-real');
const run = (query: string) => runs.run<DropoutRealResult>('dropout-real', query);
const SEEDS = ['', 'seed=1', 'seed=2', 'seed=3'];

describe('the runs the pages show', () => {
  it('the default run shows what the pages say about it', async () => {
    const r = await run('');
    const [plain, dropout] = r.models;
    expect(plain!.p).toBe(0);
    expect(dropout!.p).toBe(0.75);
    expect(r.trainImages).toBe(2048);
    expect(r.epochs).toBe(20);
    expect(r.testImages).toBe(500);
    expect(r.chance).toBe(0.1);
    expect(r.samples).toHaveLength(4);
    // "about one in five, not far above guessing"
    expect(plain!.accClean).toBeGreaterThan(0.15);
    expect(plain!.accClean).toBeLessThan(0.25);
    // "about a third of them" labelled 0 by the dropout network
    expect(dropout!.cleanAnswers[0]!).toBeGreaterThan(0.28);
    expect(dropout!.cleanAnswers[0]!).toBeLessThan(0.4);
    for (const m of r.models) {
      expect(m.trainLoss).toHaveLength(20);
      expect(m.accCleanByEpoch).toHaveLength(20);
      expect(m.accWithCheatByEpoch).toHaveLength(20);
    }
  }, 300_000);

  it.each(SEEDS)('seed run "%s" shows what the pages say of every seed', async (query) => {
    const [plain, dropout] = (await run(query)).models;
    // Without dropout: right on 99 % or more with the code, at most 30 % on clean digits,
    // most of which it labels 0; training loss goes to almost 0.
    expect(plain!.accWithCheat).toBeGreaterThanOrEqual(0.99);
    expect(plain!.accClean).toBeLessThanOrEqual(0.3);
    expect(plain!.cleanAnswers[0]!).toBeGreaterThan(0.5);
    expect(plain!.trainLoss.at(-1)!).toBeLessThan(0.01);
    // Its clean accuracy rises in the first epochs and sinks back as the code takes over.
    const early = Math.max(...plain!.accCleanByEpoch.slice(0, 5));
    expect(early).toBeGreaterThan(plain!.accCleanByEpoch[0]!);
    expect(early - plain!.accClean).toBeGreaterThanOrEqual(0.03);
    // With dropout: a little worse with the code, about twice as good and more than 15 points
    // better on clean digits; labels about a third of the clean digits 0; loss levels off near 1.
    expect(dropout!.accWithCheat).toBeLessThan(plain!.accWithCheat);
    expect(dropout!.accWithCheat).toBeGreaterThan(0.85);
    expect(dropout!.accClean - plain!.accClean).toBeGreaterThan(0.15);
    expect(dropout!.accClean / plain!.accClean).toBeGreaterThan(1.7);
    expect(dropout!.accClean / plain!.accClean).toBeLessThan(2.6);
    expect(dropout!.cleanAnswers[0]!).toBeGreaterThan(0.25);
    expect(dropout!.cleanAnswers[0]!).toBeLessThan(0.4);
    const loss = dropout!.trainLoss;
    expect(loss.at(-1)!).toBeGreaterThan(0.9);
    expect(loss.at(-1)!).toBeLessThan(1.2);
    expect(Math.max(...loss.slice(-3)) - Math.min(...loss.slice(-3))).toBeLessThan(0.05);
    // Both networks have settled: the last two epochs differ by at most 2 points on clean digits.
    for (const m of [plain!, dropout!]) expect(Math.abs(m.accCleanByEpoch.at(-1)! - m.accCleanByEpoch.at(-2)!)).toBeLessThanOrEqual(0.02);
  }, 300_000);

  it('over seeds 1, 2, 3: without dropout near chance on clean digits (mean at most 30 %), with p = 0.75 above it on every seed and by 10 points or more on average', async () => {
    const results = await Promise.all(['seed=1', 'seed=2', 'seed=3'].map(run));
    const plain = results.map((r) => r.models[0]!.accClean);
    const dropout = results.map((r) => r.models[1]!.accClean);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(plain)).toBeLessThanOrEqual(0.3);
    dropout.forEach((d, i) => expect(d).toBeGreaterThan(plain[i]!));
    expect(mean(dropout) - mean(plain)).toBeGreaterThanOrEqual(0.1);
  }, 600_000);

  it('the seed moves each network by a few points; the gap between them is far larger', async () => {
    const results = await Promise.all(SEEDS.map(run));
    const spread = (i: number) => {
      const xs = results.map((r) => r.models[i]!.accClean);
      return Math.max(...xs) - Math.min(...xs);
    };
    const smallestGap = Math.min(...results.map((r) => r.models[1]!.accClean - r.models[0]!.accClean));
    expect(spread(0)).toBeLessThan(0.07);
    expect(spread(1)).toBeLessThan(0.07);
    expect(smallestGap).toBeGreaterThan(2 * Math.max(spread(0), spread(1)));
  }, 600_000);
});

describe('the pages', () => {
  const d = parseDemoState(dropoutRealSchema, '').state;
  const ink = `${Math.round(100 * INK)} % ink`;

  it('the standalone page names the defaults of the schema in its table of what was scaled down and changed', () => {
    const page = readFileSync(join(root, 'src/content/docs/demos/dropout-real.mdx'), 'utf8');
    expect(page).toContain(`${d.train.toLocaleString('en-US')} by default`);
    expect(page).toContain(`${d.epochs} epochs, batch ${BATCH}`);
    expect(page).toContain(`learning rate ${d.lr} decayed along half a cosine`);
    expect(page).toContain(`${TEST_COUNT} held out`);
    expect(page).toContain(`1→${C1}→${C2}`);
    expect(page).toContain(`drawn at ${ink}`);
    expect(page).toContain(`at most ${Math.round(100 * INK)} % of full ink`);
    expect(page).toContain(`starting rate (${d.lr})`);
    expect(page).toContain('a blank border of one pixel');
  });

  it('the homework page states the same ink, rate and epochs as the code', () => {
    const page = readFileSync(join(root, 'src/content/docs/eecs182-sp23/hw4/1-dropout.mdx'), 'utf8');
    const part = page.slice(page.indexOf('## (i) Dropout on real data'), page.indexOf('## Notes on the setup'));
    expect(part).toContain(`at most ${Math.round(100 * INK)} % of full ink`);
    expect(part).toContain(`It starts at ${d.lr} and falls along half a cosine`);
    expect(part).toContain('one-pixel blank border');
    expect(part).toContain('minibatches of 64');
    expect(d.p).toEqual([0, 0.75]);
    // Every seed in its table is one the tests above train.
    for (const seed of ['1', '2', '3']) expect(part).toContain(`params="seed=${seed}"`);
  });
});
