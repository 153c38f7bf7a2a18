// The HW4 Problem 4 page's claims from training runs, parts (d)–(f), on the default seed (7,
// stored) and the other seeds the page names (see edges-claims.test.ts for (a)–(c)).
import { describe, expect, it } from 'vitest';
import { bandOf, edgesRuns, modelOf, stripes, valLabels } from './support/edges-runs';

const edgesRun = edgesRuns('edges-claims-shift');

const PERMUTED = 'permute=1&per_class=30&sweep=70&kernel=3&lr=0.01&wd=0.0005&epochs=300';
const KERNEL7 = 'permute=1&per_class=30&kernel=7&lr=0.01&wd=0.0005&epochs=300&models=cnn';
const LONG = 600_000;

describe('(d) domain shift: training bands in the first half, validation bands in the second', () => {
  it.each([7, 1, 3])('seed %i: the MLP at chance, the CNN between 86 and 98 %; both fit their training images', async (seed) => {
    const r = await edgesRun('shift=split', seed);
    const mlp = modelOf(r, 'mlp');
    expect(Math.abs(mlp.valAcc - 1 / 3)).toBeLessThan(0.02);
    expect(modelOf(r, 'cnn').valAcc).toBeGreaterThanOrEqual(0.86);
    expect(modelOf(r, 'cnn').valAcc).toBeLessThan(0.98);
    if (seed === 7) {
      expect(mlp.trainAcc).toBe(1);
      expect(modelOf(r, 'cnn').trainAcc).toBe(1);
    }
  }, LONG);

  it('the MLP swaps horizontal and vertical on seeds 7 and 1; on seed 3 it calls most edges "none"; the empty images are right', async () => {
    for (const seed of [7, 1]) {
      const c = modelOf(await edgesRun('shift=split', seed), 'mlp').confusion;
      expect(c[0]![1]!, `seed ${seed}`).toBeGreaterThan(c[0]![0]! + c[0]![2]!);
      expect(c[1]![0]!, `seed ${seed}`).toBeGreaterThan(c[1]![1]! + c[1]![2]!);
      expect(c[2]![2]).toBe(50);
    }
    const c3 = modelOf(await edgesRun('shift=split', 3), 'mlp').confusion;
    expect(c3[0]![2]! + c3[1]![2]!).toBeGreaterThan(50);
  }, LONG);

  it('seed 2, stuck as in (c), learns nothing here', async () => {
    expect(modelOf(await edgesRun('shift=split', 2), 'cnn').valAcc).toBeLessThan(0.34);
  }, LONG);

  it('every CNN error is a band from row or column 19 on (on seed 7 from 23 on); most of seed 7\'s errors are horizontal bands called vertical', async () => {
    for (const seed of [7, 1, 3]) {
      const cnn = modelOf(await edgesRun('shift=split', seed), 'cnn');
      const labels = valLabels('shift=split', seed);
      const errors = cnn.valPredictions.map((p, i) => ({ p, i })).filter(({ p, i }) => p !== labels[i]);
      expect(errors.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const { i } of errors) {
        const band = bandOf('shift=split', seed, i);
        expect(band.first, `seed ${seed}, image ${i}`).toBeGreaterThanOrEqual(seed === 7 ? 23 : 19);
      }
    }
    const c = modelOf(await edgesRun('shift=split'), 'cnn').confusion;
    expect(c[0]![1]!).toBeGreaterThan(c[0]![2]! + c[1]![0]! + c[1]![2]!);
    // Some are called "none".
    expect(c[0]![2]! + c[1]![2]!).toBeGreaterThan(0);
  }, LONG);
});

describe('(e) permuted pixels', () => {
  it.each([7, 1, 3])('seed %i: the CNN between 65 and 72 % at 30 and 70 per class and cannot fit its training set; the MLP ahead and improving (77–79 % → 92–96 % on seeds 1 and 3)', async (seed) => {
    const r = await edgesRun(PERMUTED, seed);
    for (const s of r.sweep!) {
      const cnn = modelOf(s, 'cnn');
      expect(cnn.valAcc, `${s.perClass} per class`).toBeGreaterThanOrEqual(0.65);
      expect(cnn.valAcc).toBeLessThanOrEqual(0.72);
      expect(cnn.trainAcc).toBeLessThan(0.72);
      expect(modelOf(s, 'mlp').valAcc).toBeGreaterThan(cnn.valAcc);
    }
    const [small, large] = r.sweep!.map((s) => modelOf(s, 'mlp').valAcc);
    expect(large!).toBeGreaterThan(small!);
    expect(small!).toBeGreaterThan(0.7);
    expect(large!).toBeGreaterThan(0.87);
    if (seed !== 7) {
      expect(small!).toBeGreaterThanOrEqual(0.77);
      expect(small!).toBeLessThan(0.79);
      expect(large!).toBeGreaterThanOrEqual(0.92);
      expect(large!).toBeLessThan(0.96);
    }
    // The CNN gets every empty image right and mixes up the two edge classes among themselves.
    const c = modelOf(r, 'cnn').confusion;
    expect(c[2]![2]).toBe(50);
    if (seed === 7) expect(c[0]![2]! + c[1]![2]!).toBe(0);
  }, LONG);

  it.each([7, 1, 3])('seed %i: on unshuffled images the MLP scores within 5 points of its shuffled run', async (seed) => {
    const shuffled = modelOf(await edgesRun(PERMUTED, seed), 'mlp').valAcc;
    const plain = modelOf(await edgesRun('per_class=30&kernel=3&lr=0.01&wd=0.0005&epochs=300&models=mlp', seed), 'mlp').valAcc;
    expect(Math.abs(plain - shuffled)).toBeLessThan(0.05);
  }, LONG);

  it.each([7, 1, 3])('seed %i: (iii) the permuted filters are not oriented and end three to four times larger than they start', async (seed) => {
    const cnn = modelOf(await edgesRun(PERMUTED, seed), 'cnn');
    expect(stripes(cnn.filters!)).toEqual({ horizontal: 0, vertical: 0 });
    const size = (f: number[][][]) => f.flat(2).reduce((a, b) => a + Math.abs(b), 0);
    const growth = size(cnn.filters!) / size(cnn.initialFilters!);
    expect(growth).toBeGreaterThan(2.8);
    expect(growth).toBeLessThan(4.2);
  }, LONG);

  it('(ii) kernel 7 does not help: within 3 points of kernel 3 on seed 7 and a few points worse on seeds 1 and 3; its training accuracy is higher', async () => {
    for (const seed of [7, 1, 3]) {
      const k3 = modelOf(await edgesRun(PERMUTED, seed), 'cnn');
      const k7 = modelOf(await edgesRun(KERNEL7, seed), 'cnn');
      if (seed === 7) expect(Math.abs(k7.valAcc - k3.valAcc)).toBeLessThan(0.03);
      else {
        expect(k7.valAcc, `seed ${seed}`).toBeLessThan(k3.valAcc);
        expect(k3.valAcc - k7.valAcc).toBeLessThan(0.06);
      }
      expect(k7.trainAcc, `seed ${seed}`).toBeGreaterThan(k3.trainAcc);
      // "Clearly" on seed 7, "slightly" (under 6 points) on seeds 1 and 3.
      if (seed === 7) expect(k7.trainAcc - k3.trainAcc).toBeGreaterThan(0.1);
      else expect(k7.trainAcc - k3.trainAcc).toBeLessThan(0.06);
    }
  }, LONG);
});

describe('(f) five classes: max against average pooling', () => {
  it.each([7, 1, 3])('seed %i: max pooling ahead by 2 to 9 points', async (seed) => {
    const r = await edgesRun('classes=5&models=cnn,cnn-avg', seed);
    const gap = modelOf(r, 'cnn').valAcc - modelOf(r, 'cnn-avg').valAcc;
    expect(gap).toBeGreaterThanOrEqual(0.02);
    expect(gap).toBeLessThanOrEqual(0.09);
  }, LONG);

  it('seed 2: max pooling is stuck and never learns "both"; average pooling is ahead', async () => {
    const r = await edgesRun('classes=5&models=cnn,cnn-avg', 2);
    const max = modelOf(r, 'cnn');
    expect(max.valAcc).toBeLessThan(modelOf(r, 'cnn-avg').valAcc);
    expect(max.confusion[3]![3]).toBeLessThan(5);
  }, LONG);

  it('"both" is the hardest class on seeds 1 and 3; on seed 7 the max-pooling network\'s errors are mostly diagonal bands called vertical', async () => {
    for (const seed of [1, 3]) {
      for (const name of ['cnn', 'cnn-avg']) {
        const c = modelOf(await edgesRun('classes=5&models=cnn,cnn-avg', seed), name).confusion;
        const right = c.map((row, i) => row[i]!);
        expect(Math.min(...right), `seed ${seed} ${name}`).toBe(right[3]);
      }
    }
    const c7 = modelOf(await edgesRun('classes=5&models=cnn,cnn-avg'), 'cnn').confusion;
    const errors = c7.flatMap((row, i) => row.map((n, j) => (i === j ? 0 : n)));
    expect(c7[2]![1]!).toBe(Math.max(...errors));
    expect(2 * c7[2]![1]!).toBeGreaterThan(errors.reduce((a, b) => a + b, 0));
    // On seeds 1 and 3 "both" is mostly taken for one of its two parts (horizontal or vertical).
    for (const seed of [1, 3]) {
      const both = modelOf(await edgesRun('classes=5&models=cnn,cnn-avg', seed), 'cnn').confusion[3]!;
      const missed = both.reduce((a, b) => a + b, 0) - both[3]!;
      expect(2 * (both[0]! + both[1]!), `seed ${seed}`).toBeGreaterThan(missed);
    }
  }, LONG);
});
