import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { dropoutMasks, epochFeeds, initialParams } from '../../src/lib/demos/dropout-real/dropout-real-feeds';
import { dropoutRealLogic, TEST_COUNT } from '../../src/lib/demos/dropout-real/dropout-real-logic';
import { BATCH, C1, C2 } from '../../src/lib/demos/dropout-real/dropout-real-model';
import { dropoutRealNodeLogic } from '../../src/lib/demos/dropout-real/dropout-real-node';
import { dropoutRealSchema, MAX_WORK } from '../../src/lib/demos/dropout-real/dropout-real-schema';
import { mnistSubsetInNode, MNIST_FILE } from '../../src/lib/demos/dropout-real/mnist-node';
import { packMnistSubset } from '../../src/lib/demos/dropout-real/mnist-pack';
import {
  CHEAT_PIXELS,
  cheatCode,
  decodeSubset,
  encodeSubset,
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

  it('places a 2x2-averaged 10x10 copy of the 20x20 digit box at the given offset, blank elsewhere', () => {
    // A 28x28 image whose pixel (r, c) is ((r·28 + c) mod 7)/6, so every 2x2 block has its own mean.
    const src = Array.from({ length: 784 }, (_, i) => (i % 7) / 6);
    const out = placeDigit(src, 2, 1);
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) {
        const inside = r >= 2 && r < 12 && c >= 1 && c < 11;
        const R = 4 + 2 * (r - 2);
        const C = 4 + 2 * (c - 1);
        const mean = inside ? (src[R * 28 + C]! + src[R * 28 + C + 1]! + src[(R + 1) * 28 + C]! + src[(R + 1) * 28 + C + 1]!) / 4 : 0;
        expect(out[r * SIDE + c]).toBe(Math.round(mean * 255));
      }
    }
    expect(() => placeDigit(src, 3, 0)).toThrow(/outside/);
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
  it('caps the work one link may ask for, naming the limit', () => {
    const { state, issues } = parseDemoState(dropoutRealSchema, 'p=0,0.25,0.5,0.75&epochs=30&train=4000');
    expect(issues.map((i) => i.message).join(' ')).toContain(String(MAX_WORK));
    expect(state.epochs).toBe(12);
    expect(state.train).toBe(2048);
    expect(parseDemoState(dropoutRealSchema, 'p=0,1').issues[0]!.message).toMatch(/^p must be a comma-separated list of up to 4 numbers from 0 to 0.95/);
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
  }, 60_000);

  it('a tiny configuration lowers its training loss', async () => {
    const logic = dropoutRealLogic(() => data);
    const { state } = parseDemoState(logic.schema, 'p=0,0.5&train=512&epochs=5&lr=0.05');
    const r = await runDemo(logic, state, runInNode);
    for (const m of r.models) {
      expect(m.trainLoss).toHaveLength(5);
      expect(m.trainLoss.at(-1)!).toBeLessThan(m.trainLoss[0]! - 0.1);
      expect(m.accCleanByEpoch).toHaveLength(5);
    }
  }, 120_000);

  it('the default run shows what the page says: without dropout the cheat wins, with p = 0.75 the clean digits are read', async () => {
    const { state } = parseDemoState(dropoutRealNodeLogic.schema, '');
    const r = await runDemo(dropoutRealNodeLogic, state, runInNode);
    const [plain, dropout] = r.models;
    expect(plain!.p).toBe(0);
    expect(dropout!.p).toBe(0.75);
    // Nearly 100 % with the cheat, and clean accuracy rises at first and falls back.
    expect(plain!.accWithCheat).toBeGreaterThan(0.95);
    expect(Math.max(...plain!.accCleanByEpoch) - plain!.accClean).toBeGreaterThan(0.05);
    // Far below the dropout model on clean digits, which stays well above chance.
    expect(dropout!.accClean - plain!.accClean).toBeGreaterThan(0.1);
    expect(dropout!.accClean).toBeGreaterThan(3 * r.chance);
    expect(r.trainImages).toBe(2048);
    expect(r.samples).toHaveLength(4);
  }, 180_000);
});

describe('the standalone page', () => {
  it('names the defaults of the schema in its table of what was scaled down', () => {
    const page = readFileSync(join(root, 'src/content/docs/demos/dropout-real.mdx'), 'utf8');
    const d = parseDemoState(dropoutRealSchema, '').state;
    expect(page).toContain(`${d.train.toLocaleString('en-US')} by default`);
    expect(page).toContain(`${d.epochs} epochs, batch ${BATCH}`);
    expect(page).toContain(`learning rate ${d.lr}`);
    expect(page).toContain(`${TEST_COUNT} held out`);
    expect(page).toContain(`1→${C1}→${C2}`);
  });
});
