// Claims about LeNet-5 with batch norm that the write-ups make from the lenet demo (Duke HW2
// Lab 2 (a)–(c), EECS 182 HW3 P5 (c)), each on the default seed and two others, all against the
// same base run: 256 digits, 10 epochs, lr 0.1. Every state trains once per file.
import { describe, expect, it } from 'vitest';
import { LONG, SEEDS, gap, lenetRuns } from './support/lenet-runs';

const lenetRun = lenetRuns('lenet-claims-bn');

export const BASE = 'bn=1&lr=0.1&train=256&epochs=10';
const run = (extra: string, seed: number) => lenetRun(extra ? `${BASE}&${extra}` : BASE, seed);

describe('(C) augmentation on digits', () => {
  it.each(SEEDS)('seed %i: a horizontal flip lowers validation accuracy by more than 5 points; in 10 epochs a random crop lowers it too, by more than 2', async (seed) => {
    const [none, crop, flip] = await Promise.all(['', 'aug=crop', 'aug=flip'].map((q) => run(q, seed)));
    expect(none!.final.valAcc - flip!.final.valAcc).toBeGreaterThan(0.05);
    expect(none!.final.valAcc - crop!.final.valAcc).toBeGreaterThan(0.02);
  }, LONG);
});

describe('(D) dropout', () => {
  it.each(SEEDS)('seed %i: dropout 0.5 narrows the gap between training and validation accuracy by more than 1.5 points', async (seed) => {
    const [none, drop] = await Promise.all([run('', seed), run('dropout=0.5', seed)]);
    expect(gap(none)).toBeGreaterThan(0.05);
    expect(gap(drop)).toBeLessThan(gap(none) - 0.015);
  }, LONG);
});

describe('(E) L1 against L2 at the same strength', () => {
  it.each(SEEDS)('seed %i: L1 0.001 leaves more than 15 % of the weights below 10⁻³, L2 0.001 no more than without a penalty (within half a point, about 1.7 %); both still pass 85 % on validation', async (seed) => {
    const [none, l1, l2] = await Promise.all([run('', seed), run('l1=0.001', seed), run('wd=0.001', seed)]);
    expect(l1!.weights.nearZero).toBeGreaterThan(0.15);
    expect(l1!.weights.nearZero).toBeGreaterThan(5 * l2!.weights.nearZero);
    expect(Math.abs(l2!.weights.nearZero - none!.weights.nearZero)).toBeLessThan(0.005);
    expect(l1!.final.valAcc).toBeGreaterThan(0.85);
    expect(l2!.final.valAcc).toBeGreaterThan(0.85);
  }, LONG);
});

describe('(F) Swish against ReLU', () => {
  it('no robust difference: validation accuracy within 3 points of ReLU\'s on each seed, and not on the same side on all three', async () => {
    const diffs = await Promise.all(SEEDS.map(async (seed) => (await run('act=swish', seed)).final.valAcc - (await run('', seed)).final.valAcc));
    for (const d of diffs) expect(Math.abs(d)).toBeLessThan(0.03);
    expect(diffs.some((d) => d > 0) && diffs.some((d) => d < 0)).toBe(true);
  }, LONG);
});
