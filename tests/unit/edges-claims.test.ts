// The claims the HW4 Problem 4 page makes from training runs, parts (a)–(c), each checked on the
// default seed (7, stored) and on the other seeds the page names; a claim only one lucky seed
// supports is not written on the page. Parts (d)–(f): edges-claims-shift.test.ts.
import { describe, expect, it } from 'vitest';
import { edgesRuns, modelOf, stripes } from './support/edges-runs';

const edgesRun = edgesRuns('edges-claims');

const Q1 = 'per_class=10&batch=32&lr=0.01&epochs=500';
const SWEEP = 'per_class=50&sweep=10,20,30,40&epochs=100&models=cnn,mlp,cnn-frozen';
const LONG = 600_000;

describe('(a) a tiny training set: both fit it, only the CNN generalises', () => {
  it.each([7, 1, 3])('seed %i: the CNN above 90 % on validation, the MLP between 50 and 60 %, both fit', async (seed) => {
    const r = await edgesRun(Q1, seed);
    expect(modelOf(r, 'cnn').valAcc).toBeGreaterThan(0.9);
    expect(modelOf(r, 'mlp').valAcc).toBeGreaterThan(0.5);
    expect(modelOf(r, 'mlp').valAcc).toBeLessThan(0.6);
    expect(modelOf(r, 'mlp').trainAcc).toBe(1);
    expect(modelOf(r, 'cnn').trainAcc).toBeGreaterThan(0.95);
  }, LONG);

  it('seed 2: the CNN is stuck at about two thirds', async () => {
    const v = modelOf(await edgesRun(Q1, 2), 'cnn').valAcc;
    expect(v).toBeGreaterThan(0.6);
    expect(v).toBeLessThan(0.72);
  }, LONG);

  it('(i) the trained filters are row- or column-striped (7: one row-like, two column-like; 3: one column-like, two row-like; 1: one row-like, none column-like); at initialisation none is', async () => {
    const expected: Record<number, { horizontal: number; vertical: number }> = { 7: { horizontal: 1, vertical: 2 }, 3: { horizontal: 2, vertical: 1 }, 1: { horizontal: 1, vertical: 0 } };
    for (const seed of [7, 3, 1]) {
      const cnn = modelOf(await edgesRun(Q1, seed), 'cnn');
      expect(stripes(cnn.filters!), `seed ${seed}`).toEqual(expected[seed]);
      expect(stripes(cnn.initialFilters!), `seed ${seed} at initialisation`).toEqual({ horizontal: 0, vertical: 0 });
    }
  }, LONG);
});

describe('(b) the sweep over 10–50 images per class', () => {
  it.each([7, 1, 3])('seed %i: the CNN ahead of the MLP at every size, above 90 % from 20 per class; the frozen detectors below the CNN at every size and underfitting', async (seed) => {
    const r = await edgesRun(SWEEP, seed);
    expect(r.sweep!.map((s) => s.perClass)).toEqual([10, 20, 30, 40, 50]);
    for (const s of r.sweep!) {
      const [cnn, mlp, frozen] = ['cnn', 'mlp', 'cnn-frozen'].map((n) => modelOf(s, n).valAcc);
      expect(cnn, `${s.perClass} per class`).toBeGreaterThan(mlp!);
      expect(cnn).toBeGreaterThan(frozen!);
      if (s.perClass >= 20) expect(cnn).toBeGreaterThan(0.9);
      expect(frozen).toBeGreaterThan(0.43);
      expect(frozen).toBeLessThan(0.87);
    }
    expect(modelOf(r, 'cnn-frozen').trainAcc).toBeLessThan(0.85);
    expect(modelOf(r, 'cnn').trainAcc).toBeGreaterThan(0.95);
    // (i) At 50 per class the learned filters are again one or two row-like and one or two column-like.
    const s = stripes(modelOf(r, 'cnn').filters!);
    expect([1, 2]).toContain(s.horizontal);
    expect([1, 2]).toContain(s.vertical);
  }, LONG);

  it('seed 7: the frozen model stays between 45 and 70 % and is lowest at 50 per class; its validation loss stays near ln 3', async () => {
    const r = await edgesRun(SWEEP);
    const frozen = r.sweep!.map((s) => modelOf(s, 'cnn-frozen').valAcc);
    frozen.forEach((v) => expect(v).toBeGreaterThan(0.45));
    frozen.forEach((v) => expect(v).toBeLessThan(0.7));
    expect(Math.min(...frozen)).toBe(frozen.at(-1));
    const loss = modelOf(r, 'cnn-frozen').valLoss;
    expect(Math.abs(loss.at(-1)! - Math.log(3))).toBeLessThan(0.15);
  });
});

describe('(c) the default run (20 per class, 150 epochs) on seeds 1–12', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
  const all = () => Promise.all(seeds.map(async (seed) => ({ seed, r: await edgesRun('', seed) })));

  it('six of the twelve end at or above 90 %, three between 73 and 89 %, and seeds 2, 5 and 8 are stuck at 59–65 %', async () => {
    const runs = await all();
    const acc = (seed: number) => modelOf(runs.find((x) => x.seed === seed)!.r, 'cnn').valAcc;
    expect(seeds.filter((s) => acc(s) >= 0.9)).toHaveLength(6);
    expect(seeds.filter((s) => acc(s) >= 0.73 && acc(s) < 0.9)).toHaveLength(3);
    expect(seeds.filter((s) => acc(s) < 0.73)).toEqual([2, 5, 8]);
    for (const s of [2, 5, 8]) {
      expect(acc(s)).toBeGreaterThanOrEqual(0.59);
      expect(acc(s)).toBeLessThanOrEqual(0.66);
    }
  }, LONG);

  it.each([7, 1, 3])('seed %i: the CNN passes 90 % by epoch 90; the MLP ends near two thirds', async (seed) => {
    const r = await edgesRun('', seed);
    const cnn = modelOf(r, 'cnn');
    expect(r.evalEpochs[29]).toBe(90);
    expect(cnn.valAccHistory[29]).toBeGreaterThanOrEqual(0.9);
    if (seed !== 7) expect(cnn.valAcc).toBeGreaterThan(0.99);
    expect(modelOf(r, 'mlp').valAcc).toBeGreaterThan(0.6);
    expect(modelOf(r, 'mlp').valAcc).toBeLessThan(0.7);
  }, LONG);

  it('seed 7 passes 90 % between epochs 60 and 90; the MLP gains less than 3 points after epoch 60', async () => {
    const r = await edgesRun('');
    const cnn = modelOf(r, 'cnn');
    expect(r.evalEpochs[19]).toBe(60);
    expect(cnn.valAccHistory[19]).toBeLessThan(0.9);
    expect(cnn.valAccHistory[29]).toBeGreaterThanOrEqual(0.9);
    const mlp = modelOf(r, 'mlp').valAccHistory;
    expect(Math.max(...mlp.slice(19)) - mlp[19]!).toBeLessThan(0.03);
  });

  it('the stuck seeds: the classifier\'s three features are practically zero on the classes it never separates', async () => {
    const features = async (seed: number) => modelOf(await edgesRun('', seed), 'cnn').featureMeans!;
    const silent = (row: number[]) => Math.max(...row) < 0.01;
    const f2 = await features(2);
    expect([silent(f2[0]!), silent(f2[1]!), silent(f2[2]!)]).toEqual([false, true, true]);
    const f8 = await features(8);
    expect([silent(f8[0]!), silent(f8[1]!), silent(f8[2]!)]).toEqual([true, false, true]);
    // Seed 5: two of the three features are (nearly) zero on every class.
    const f5 = await features(5);
    expect([0, 1, 2].filter((j) => f5.every((row) => row[j]! < 0.01))).toHaveLength(2);
  }, LONG);

  it('(ii) filters: both orientations on seeds 7, 1 and 3; all three row-like on seed 4; no column-like filter on seed 2, no row-like one on seed 8', async () => {
    for (const seed of [7, 1, 3]) {
      const s = stripes(modelOf(await edgesRun('', seed), 'cnn').filters!);
      expect(s.horizontal, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(s.vertical, `seed ${seed}`).toBeGreaterThanOrEqual(1);
    }
    expect(stripes(modelOf(await edgesRun('', 4), 'cnn').filters!).horizontal).toBe(3);
    expect(modelOf(await edgesRun('', 4), 'cnn').valAcc).toBeGreaterThan(0.9);
    expect(stripes(modelOf(await edgesRun('', 2), 'cnn').filters!).vertical).toBe(0);
    expect(stripes(modelOf(await edgesRun('', 8), 'cnn').filters!).horizontal).toBe(0);
  }, LONG);

  it.each([7, 1, 3])('(iii) seed %i: the MLP\'s validation loss at least doubles after its minimum while its accuracy does not fall', async (seed) => {
    const mlp = modelOf(await edgesRun('', seed), 'mlp');
    const min = Math.min(...mlp.valLoss);
    const at = mlp.valLoss.indexOf(min);
    expect(mlp.valLoss.at(-1)!).toBeGreaterThan(2 * min);
    expect(mlp.valAcc).toBeGreaterThanOrEqual(mlp.valAccHistory[at]! - 0.01);
    if (seed !== 7) expect(mlp.valAcc).toBeGreaterThan(mlp.valAccHistory[at]!);
  }, LONG);

  it('(iv) lr 0.01 for 300 epochs: the CNN at 98 % or more on seeds 7, 1, 3; seed 5 recovers fully, seed 2 mostly, seed 8 stays stuck; the MLP between 60 and 73 %', async () => {
    const q = 'lr=0.01&epochs=300';
    for (const seed of [7, 1, 3]) expect(modelOf(await edgesRun(q, seed), 'cnn').valAcc, `seed ${seed}`).toBeGreaterThanOrEqual(0.98);
    expect(modelOf(await edgesRun(q, 5), 'cnn').valAcc).toBeGreaterThan(0.99);
    const two = modelOf(await edgesRun(q, 2), 'cnn').valAcc;
    expect(two).toBeGreaterThan(0.8);
    expect(two).toBeLessThan(0.95);
    expect(modelOf(await edgesRun(q, 8), 'cnn').valAcc).toBeLessThan(0.7);
    for (const seed of [7, 1, 3, 2, 5, 8]) {
      const mlp = modelOf(await edgesRun(q, seed), 'mlp').valAcc;
      expect(mlp, `MLP seed ${seed}`).toBeGreaterThan(0.6);
      expect(mlp, `MLP seed ${seed}`).toBeLessThan(0.73);
    }
  }, LONG);

  it('(iv) what did not help: lr 0.02 leaves seed 5 at chance; minibatches of 5 leave seed 2 stuck; weight decay keeps the MLP below 73 %', async () => {
    expect(modelOf(await edgesRun('lr=0.02&models=cnn', 5), 'cnn').valAcc).toBeLessThan(0.4);
    expect(modelOf(await edgesRun('batch=5&models=cnn', 2), 'cnn').valAcc).toBeLessThan(0.7);
    for (const wd of ['0.005', '0.02']) {
      const mlp = modelOf(await edgesRun(`models=mlp&wd=${wd}`), 'mlp').valAcc;
      expect(mlp).toBeGreaterThan(0.6);
      expect(mlp).toBeLessThan(0.73);
    }
  }, LONG);

  it('(v) the MLP with 200 per class is near 99 % on seeds 1 and 3 and as good as the CNN with 20; with 100 it is between 90 and 97 %', async () => {
    const cnn20 = modelOf(await edgesRun(''), 'cnn').valAcc;
    expect(modelOf(await edgesRun('models=mlp&per_class=200'), 'mlp').valAcc).toBeGreaterThanOrEqual(cnn20 - 0.01);
    for (const seed of [1, 3]) expect(modelOf(await edgesRun('models=mlp&per_class=200', seed), 'mlp').valAcc).toBeGreaterThan(0.98);
    for (const seed of [7, 1, 3]) {
      const v = modelOf(await edgesRun('models=mlp&per_class=100', seed), 'mlp').valAcc;
      expect(v, `seed ${seed}`).toBeGreaterThan(0.9);
      expect(v, `seed ${seed}`).toBeLessThan(0.97);
    }
  }, LONG);
});

describe('details the page reads off the filters and confusion matrices', () => {
  it('(a)(i) of seeds 7, 1 and 3, seed 1 makes the most mistakes on vertical validation images', async () => {
    const wrong = async (seed: number) => 50 - modelOf(await edgesRun(Q1, seed), 'cnn').confusion[1]![1]!;
    const [w7, w1, w3] = [await wrong(7), await wrong(1), await wrong(3)];
    expect(w1).toBeGreaterThan(w7);
    expect(w1).toBeGreaterThan(w3);
  }, LONG);

  it('(b)(i) at 50 per class on seed 7 one filter is made of rows, the other two of columns', async () => {
    expect(stripes(modelOf(await edgesRun(SWEEP), 'cnn').filters!)).toEqual({ horizontal: 1, vertical: 2 });
  });

  it('(c)(ii) the default run on seed 7: one row-like filter, one column-like, one that mixes both', async () => {
    expect(stripes(modelOf(await edgesRun(''), 'cnn').filters!)).toEqual({ horizontal: 1, vertical: 1 });
  });

  it('(c) seed 2 has two row-like filters and no column-like one; seed 5 calls every empty image vertical', async () => {
    expect(stripes(modelOf(await edgesRun('', 2), 'cnn').filters!)).toEqual({ horizontal: 2, vertical: 0 });
    expect(modelOf(await edgesRun('', 5), 'cnn').confusion[2]![1]).toBe(50);
  }, LONG);
});
