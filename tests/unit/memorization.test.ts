// The memorization demo (SNU HW5 Problem 6): its random labels, its schema, the training graph
// against a float64 forward pass, and the claims the page makes from the default run (stored,
// proved current by stored-results.test.ts) and from two more seeds trained here.
import { describe, expect, it } from 'vitest';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { mnistSubsetInNode } from '../../src/lib/demos/dropout-real/mnist-node';
import { batchOf, epochOrder, labelEntropy, PIXEL_SCALE, randomLabels, TEST_COUNT, trainingLabels } from '../../src/lib/demos/memorization/memorization-data';
import { FIT_LEVEL, PLATEAU_BAND, runData, type MemorizationResult } from '../../src/lib/demos/memorization/memorization-logic';
import { memorizationNodeLogic as logic } from '../../src/lib/demos/memorization/memorization-node';
import { MAX_WORK, memorizationSchema } from '../../src/lib/demos/memorization/memorization-schema';
import type { TrainingJob } from '../../src/lib/demos/common/demo-logic';
import { runJobInNode, runInNode } from '../../src/lib/ort/node-runner';
import { runCache } from './support/run-cache';
import { argmax, crossEntropy, logits, type Weights } from './reference/memorization-cnn';

const LN10 = Math.log(10);
const digits = mnistSubsetInNode();
const state = (query: string) => parseDemoProps(memorizationSchema, query, query);
const runs = runCache('memorization');
/** A state's result: the pages' stored one, else the run cache's, else trained (support/run-cache.ts). */
const run = (query: string) => runs.run<MemorizationResult>('memorization', query);
const LONG = 300_000;

describe('the random labels', () => {
  it('are fixed by the seed: the same seed draws the same labels, another seed other ones', () => {
    expect(randomLabels(0, 512)).toEqual(randomLabels(0, 512));
    const other = randomLabels(1, 512);
    const same = randomLabels(0, 512).filter((l, i) => l === other[i]).length;
    // Two independent uniform labellings agree on about a tenth of the digits.
    expect(same / 512).toBeGreaterThan(0.05);
    expect(same / 512).toBeLessThan(0.15);
  });

  it('depend on the position only: more training digits keep the labels of the first ones', () => {
    expect(randomLabels(3, 2048).subarray(0, 512)).toEqual(randomLabels(3, 512));
  });

  it('do not depend on the images: the same labels for blank pixels and shuffled true labels', () => {
    const blank = { ...digits.train, pixels: new Uint8Array(digits.train.pixels.length), labels: digits.train.labels.slice().reverse() };
    expect(trainingLabels(blank, 'random', 5, 512)).toEqual(trainingLabels(digits.train, 'random', 5, 512));
    // …while `labels=true` reads them.
    expect(trainingLabels(digits.train, 'true', 5, 512)).toEqual(digits.train.labels.subarray(0, 512));
  });

  it.each([0, 1, 2])('seed %i: are uniform and unrelated to the digit (chi-square of the 10×10 table of true and random labels)', (seed) => {
    const n = 2048;
    const random = randomLabels(seed, n);
    const table = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < n; i++) table[digits.train.labels[i]!]![random[i]!]!++;
    const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
    const cols = table[0]!.map((_, c) => table.reduce((a, r) => a + r[c]!, 0));
    let chi2 = 0;
    for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) chi2 += (table[a]![b]! - (rows[a]! * cols[b]!) / n) ** 2 / ((rows[a]! * cols[b]!) / n);
    // 81 degrees of freedom: mean 81, standard deviation 12.7; 125 is beyond the 0.1 % tail.
    expect(chi2).toBeLessThan(125);
    // Each class gets close to a tenth: a binomial(2048, 0.1) stays within ±60 of 205 except in a 0.001 tail.
    for (const c of cols) expect(Math.abs(c - n / 10)).toBeLessThan(60);
  });

  it('are the ones every epoch trains on: each minibatch row holds digit order[k] and its one label', () => {
    const s = state('train=128&batch=32');
    const d = runData(s, digits);
    const job = logic.plan(s)[0] as TrainingJob;
    for (const epoch of [0, 3]) {
      const feeds = job.feeds(epoch * 4, 4);
      const order = epochOrder(s.seed, epoch, 128);
      const x = feeds['x']!.data;
      const y = feeds['y']!.data;
      for (let k = 0; k < 128; k++) {
        const i = order[k]!;
        expect(Array.from(y.subarray(k * 10, (k + 1) * 10)).indexOf(1)).toBe(d.labels[i]);
        expect(x[k * 144 + 40]).toBeCloseTo(digits.train.pixels[i * 144 + 40]! * PIXEL_SCALE, 6);
      }
    }
    expect(epochOrder(s.seed, 0, 128)).not.toEqual(epochOrder(s.seed, 3, 128));
  });

  it('have an entropy just below ln 10, the level of the plateau', () => {
    const labels = randomLabels(0, 512);
    const freq = Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length / 512);
    const h = -freq.reduce((a, p) => a + (p > 0 ? p * Math.log(p) : 0), 0);
    expect(labelEntropy(labels)).toBeCloseTo(h, 12);
    expect(h).toBeLessThan(LN10);
    expect(h).toBeGreaterThan(LN10 - 0.02);
  });
});

describe('the parameters', () => {
  it('labels=maybe: a message naming labels and its values, and the default', () => {
    const { state: s, issues } = parseDemoState(memorizationSchema, 'labels=maybe&epochs=3');
    expect(issues.map((i) => i.message)).toEqual(['labels must be one of "random", "true" (got "maybe"); using random.']);
    expect(s.labels).toBe('random');
    expect(s.epochs).toBe(3);
  });

  it('out-of-range values fall back to their defaults, each named', () => {
    const { state: s, issues } = parseDemoState(memorizationSchema, 'train=10&batch=8&lr=abc&epochs=999');
    expect(issues.map((i) => i.param)).toEqual(['train', 'epochs', 'lr', 'batch']);
    expect([s.train, s.epochs, s.lr, s.batch]).toEqual([512, 150, 0.5, 64]);
  });

  it('more training than a run may ask for resets epochs and train, naming the cap', () => {
    const { state: s, issues } = parseDemoState(memorizationSchema, 'train=2048&epochs=400');
    expect(issues[0]!.message).toContain(`at most ${MAX_WORK.toLocaleString('en')} image-passes`);
    expect([s.train, s.epochs]).toEqual([512, 150]);
  });

  it('a batch larger than the training set shrinks to it; train rounds down to whole minibatches', async () => {
    const tiny = await runDemo(logic, state('train=40&batch=64&epochs=1'), runInNode);
    expect([tiny.batch, tiny.stepsPerEpoch, tiny.trainImages]).toEqual([40, 1, 40]);
    const s = state('train=100&batch=32&epochs=1');
    expect(runData(s, digits).labels).toHaveLength(96);
  });
});

describe('the training graph against a float64 forward pass of the same weights', () => {
  it('the first step\'s loss, and both accuracies after the last epoch, agree with plain loops', async () => {
    const s = state('train=64&batch=32&epochs=2&seed=4');
    const job = logic.plan(s)[0] as TrainingJob;
    const out = await runJobInNode(job);
    const r = logic.finish(s, [out]);
    const d = runData(s, digits);
    const image = (set: typeof digits.train, i: number) => batchOf(set, set.labels, [i]).x;

    // Step 1 is taken from the initial weights on the first 32 digits of epoch 0's order.
    const w0 = Object.fromEntries(Object.entries(job.initial).map(([k, v]) => [k, v.data])) as unknown as Weights;
    const first = epochOrder(s.seed, 0, 64).slice(0, 32);
    const loss0 = first.reduce((a, i) => a + crossEntropy(logits(w0, image(digits.train, i)), d.labels[i]!), 0) / 32;
    expect(out['losses']!.data[0]).toBeCloseTo(loss0, 5);
    expect(Math.abs(loss0 - LN10)).toBeLessThan(0.02);

    const w = Object.fromEntries(Object.keys(job.initial).map((k) => [k, out[k]!.data])) as unknown as Weights;
    const trainHits = d.labels.reduce((a, l, i) => a + (argmax(logits(w, image(digits.train, i))) === l ? 1 : 0), 0);
    const testHits = Array.from({ length: TEST_COUNT }, (_, i) => i).reduce((a, i) => a + (argmax(logits(w, image(digits.test, i))) === digits.test.labels[i] ? 1 : 0), 0);
    const last = r.history.at(-1)!;
    expect(last.trainAcc).toBeCloseTo(trainHits / 64, 4);
    expect(last.testAcc).toBeCloseTo(testHits / TEST_COUNT, 4);
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(last.trainLoss).toBeCloseTo((out['losses']!.data[2]! + out['losses']!.data[3]!) / 2, 4);
  }, 60_000);
});

/** The summary, recomputed from the history by its definitions. */
function check(r: MemorizationResult) {
  const h = r.history;
  let plateau = 0;
  while (plateau < h.length && h[plateau]!.trainLoss >= LN10 - PLATEAU_BAND) plateau++;
  expect(r.summary.plateauEpochs).toBe(plateau);
  expect(r.summary.fitEpoch).toBe(h.find((e) => e.trainAcc >= FIT_LEVEL)?.epoch ?? null);
  expect(r.summary.minTestAcc).toBe(Math.min(...h.map((e) => e.testAcc)));
  expect(r.summary.maxTestAcc).toBe(Math.max(...h.map((e) => e.testAcc)));
  expect(r.summary.finalTestAcc).toBe(h.at(-1)!.testAcc);
  return r;
}

describe('the claims of the page', () => {
  it.each([0, 1, 2])('random labels, seed %i: a long plateau at the labels\' entropy, then training accuracy above 95 %, test accuracy at chance', async (seed) => {
    const r = check(await run(seed ? `seed=${seed}` : ''));
    expect(r.history).toHaveLength(150);
    expect(r.agreement).toBeGreaterThan(0.07);
    expect(r.agreement).toBeLessThan(0.13);
    // The plateau: at least 20 epochs within 0.05 of ln 10, the loss from epoch 2 to 15 within 0.01 of the labels' entropy.
    expect(r.summary.plateauEpochs).toBeGreaterThanOrEqual(20);
    for (const e of r.history.slice(1, 15)) expect(Math.abs(e.trainLoss - r.labelEntropy)).toBeLessThan(0.01);
    // In epochs 2–4 nearly every digit gets one answer: training accuracy is the most frequent label's share.
    const labels = randomLabels(seed, 512);
    const largest = Math.max(...Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length)) / 512;
    expect(r.largestLabelShare).toBeCloseTo(largest, 4);
    for (const e of r.history.slice(1, 4)) expect(Math.abs(e.trainAcc - largest)).toBeLessThanOrEqual(0.01);
    // Then the fit: training accuracy at least 95 % long before the end, and 100 % at it.
    expect(r.summary.fitEpoch).not.toBeNull();
    expect(r.summary.fitEpoch!).toBeLessThanOrEqual(130);
    expect(r.summary.finalTrainAcc).toBe(1);
    // Test accuracy: at chance (10 % ± 5 points) at the end, never much above it.
    expect(Math.abs(r.summary.finalTestAcc - 0.1)).toBeLessThanOrEqual(0.05);
    expect(r.summary.maxTestAcc).toBeLessThan(0.2);
    // It swings between the plateau and the fit, and hardly moves after the fit.
    const spread = (from: number, to: number) => {
      const t = r.history.slice(from, to).map((e) => e.testAcc);
      return Math.max(...t) - Math.min(...t);
    };
    const fit = r.summary.fitEpoch!;
    expect(spread(fit - 1, 150)).toBeLessThan(0.05);
    expect(spread(r.summary.plateauEpochs, fit - 1)).toBeGreaterThan(spread(fit - 1, 150));
  }, LONG);

  it('true labels, seed 0: the same network fits them sooner and its test accuracy is far above chance', async () => {
    const random = check(await run(''));
    const truth = check(await run('labels=true'));
    expect(truth.agreement).toBe(1);
    expect(truth.summary.plateauEpochs).toBeLessThan(random.summary.plateauEpochs);
    expect(truth.summary.fitEpoch!).toBeLessThan(random.summary.fitEpoch!);
    expect(truth.summary.finalTrainAcc).toBe(1);
    expect(truth.summary.finalTestAcc).toBeGreaterThan(0.8);
    // Random labels take longer to fit, by a small factor.
    expect(random.summary.fitEpoch! / truth.summary.fitEpoch!).toBeLessThan(4);
    // It stumbles on its way: training accuracy drops by more than 15 points from one epoch to the next, more than once.
    const drops = truth.history.slice(1).filter((e, i) => truth.history[i]!.trainAcc - e.trainAcc > 0.15);
    expect(drops.length).toBeGreaterThanOrEqual(2);
  }, LONG);

  it('the problem\'s learning rate, 0.1, with 8 steps per epoch: seed 0 never leaves the plateau in 150 epochs', async () => {
    const r = check(await run('lr=0.1'));
    expect(r.summary.plateauEpochs).toBe(150);
    expect(r.summary.fitEpoch).toBeNull();
    expect(r.summary.finalTrainAcc).toBeLessThan(0.2);
  }, LONG);
});
