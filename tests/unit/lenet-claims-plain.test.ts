// Claims about LeNet-5 without batch norm that the Duke HW2 write-ups make from the lenet demo
// (Lab 1 (a), (g), (h); Lab 2 (b) and the learning-rate sweep of (c)), each on the default seed
// and two others. Every state trains once per file (support/lenet-runs.ts). The claims about the
// network with batch norm: lenet-claims-bn.test.ts.
import { describe, expect, it } from 'vitest';
import { LONG, SEEDS, lenetRuns } from './support/lenet-runs';

const lenetRun = lenetRuns('lenet-claims-plain');

const LN10 = Math.log(10);
/** 256 digits, 10 epochs (40 steps of 64), the default lr 0.01 and PyTorch's default init. */
export const PLAIN = 'train=256&epochs=10';

describe('(A) the untrained loss', () => {
  it.each(SEEDS)('seed %i: within 0.01 of ln 10 with PyTorch\'s default init, 0.02–0.12 above it with Xavier normal, more than 1.5 above it with Kaiming normal', async (seed) => {
    const [d, x, k] = await Promise.all(['', '&init=xavier', '&init=kaiming'].map((q) => lenetRun(PLAIN + q, seed)));
    expect(Math.abs(d!.initialLoss - LN10)).toBeLessThan(0.01);
    expect(x!.initialLoss - LN10).toBeGreaterThan(0.02);
    expect(x!.initialLoss - LN10).toBeLessThan(0.12);
    expect(k!.initialLoss - LN10).toBeGreaterThan(1.5);
  }, LONG);
});

describe('(G) the initialisation', () => {
  it.each(SEEDS)('seed %i: at lr 0.01 the default init is still near ln 10 after 10 epochs (loss above 2.0, validation below 50 %) while Kaiming and Xavier normal pass 70 %, 30 points ahead', async (seed) => {
    const [d, x, k] = await Promise.all(['', '&init=xavier', '&init=kaiming'].map((q) => lenetRun(PLAIN + q, seed)));
    expect(d!.history.at(-1)!.trainLoss).toBeGreaterThan(2.0);
    expect(d!.final.valAcc).toBeLessThan(0.5);
    for (const r of [x!, k!]) {
      expect(r.final.valAcc).toBeGreaterThan(0.7);
      expect(r.final.valAcc - d!.final.valAcc).toBeGreaterThan(0.3);
    }
  }, LONG);
});

describe('(B) batch norm allows a larger learning rate', () => {
  it.each(SEEDS)('seed %i: at lr 0.5 the plain network ends at chance (validation 10 %, loss within 0.05 of ln 10), the one with batch norm above 75 %', async (seed) => {
    const [plain, bn] = await Promise.all([lenetRun(`${PLAIN}&lr=0.5`, seed), lenetRun(`${PLAIN}&lr=0.5&bn=1`, seed)]);
    expect(plain.diverged).toBe(false);
    expect(plain.final.valAcc).toBeLessThanOrEqual(0.11);
    expect(Math.abs(plain.history.at(-1)!.trainLoss - LN10)).toBeLessThan(0.05);
    expect(bn.final.valAcc).toBeGreaterThan(0.75);
  }, LONG);
});

describe('(H) the learning rate', () => {
  it.each(SEEDS)('seed %i: too small: at lr 0.001 the loss is still within 0.02 of ln 10 after 10 epochs and validation below 20 %', async (seed) => {
    const r = await lenetRun(`${PLAIN}&lr=0.001`, seed);
    expect(Math.abs(r.history.at(-1)!.trainLoss - LN10)).toBeLessThan(0.02);
    expect(r.final.valAcc).toBeLessThan(0.2);
  }, LONG);

  it('too large, ReLU: at lr 10 seeds 1 and 2 diverge (a loss becomes NaN or infinite, in epochs 1 and 2); seed 0 does not — its units die and it sits at chance with a finite loss', async () => {
    const [r0, r1, r2] = await Promise.all(SEEDS.map((seed) => lenetRun(`${PLAIN}&lr=10`, seed)));
    expect([r0!.diverged, r1!.diverged, r2!.diverged]).toEqual([false, true, true]);
    expect([r1!.divergedEpoch, r2!.divergedEpoch]).toEqual([1, 2]);
    expect(r0!.final.valAcc).toBeLessThanOrEqual(0.11);
  }, LONG);

  it('too large, Swish: at lr 30 every seed diverges within two epochs (seed 0 in epoch 2, seeds 1 and 2 in epoch 1) and training stops there', async () => {
    const runs = await Promise.all(SEEDS.map((seed) => lenetRun(`${PLAIN}&lr=30&act=swish`, seed)));
    expect(runs.map((r) => r.diverged)).toEqual([true, true, true]);
    expect(runs.map((r) => r.divergedEpoch)).toEqual([2, 1, 1]);
    for (const r of runs) expect(r.history).toHaveLength(r.divergedEpoch! - 1);
  }, LONG);
});
