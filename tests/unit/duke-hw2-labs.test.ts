// The claims the Duke ECE 661 HW2 pages (labs 1–3, true/false 1.3, 1.5, 1.7) and EECS 182 HW3
// P5 (c) make from runs of the lenet demo that lenet-claims-plain.test.ts and
// lenet-claims-bn.test.ts do not already check, each on the default seed and two others, on the
// exact states the pages show. A state a page shows on every seed is stored (no training here);
// the others train once per file (support/lenet-runs.ts).
import { describe, expect, it } from 'vitest';
import { parseDemoProps } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { memoryLogic, type MemoryResult } from '../../src/lib/demos/memory/memory-logic';
import { runInNode } from '../../src/lib/ort/node-runner';
import { LONG, SEEDS, gap, lenetRuns } from './support/lenet-runs';

const lenetRun = lenetRuns('duke-hw2-labs');

/** The lenet claims files' two base runs: 256 digits, 10 epochs; the second with batch norm at lr 0.1. */
const PLAIN = 'train=256&epochs=10';
const BASE = 'bn=1&lr=0.1&train=256&epochs=10';
const bnAt = (lr: number) => `bn=1&lr=${lr}&train=256&epochs=10`;
const all = (state: string) => Promise.all(SEEDS.map((seed) => lenetRun(state, seed)));

describe('Lab 1: LeNet-5 itself', () => {
  it('has 61,706 parameters: (25·1 + 1)·6 + (25·6 + 1)·16 + (400 + 1)·120 + (120 + 1)·84 + (84 + 1)·10', async () => {
    const r = await lenetRun(PLAIN);
    expect(r.parameters).toBe((25 * 1 + 1) * 6 + (25 * 6 + 1) * 16 + (400 + 1) * 120 + (120 + 1) * 84 + (84 + 1) * 10);
    expect(r.parameters).toBe(61_706);
  });

  it('(g) with Kaiming initialisation, training accuracy ends more than 8 points above validation accuracy on every seed', async () => {
    for (const r of await all(`${PLAIN}&init=kaiming`)) expect(gap(r)).toBeGreaterThan(0.08);
  }, LONG);
});

describe('Lab 2 (b): batch norm at the lab\'s learning rate', () => {
  it('at lr 0.01 with PyTorch\'s default init, the network with batch norm passes 85 % on validation in 10 epochs on every seed, the plain one stays below 50 %', async () => {
    const [plain, bn] = await Promise.all([all(PLAIN), all(bnAt(0.01))]);
    for (const r of plain) expect(r.final.valAcc).toBeLessThan(0.5);
    for (const r of bn) expect(r.final.valAcc).toBeGreaterThan(0.85);
  }, LONG);
});

describe('Lab 2 (c): the learning rate, with batch norm', () => {
  it('lr 1 ends more than 4 points below lr 0.1 on every seed, with a validation loss above 1 (lr 0.1: below 0.6)', async () => {
    const [big, base] = await Promise.all([all(bnAt(1)), all(BASE)]);
    SEEDS.forEach((_, i) => {
      expect(base[i]!.final.valAcc - big[i]!.final.valAcc).toBeGreaterThan(0.04);
      expect(big[i]!.history.at(-1)!.valLoss).toBeGreaterThan(1);
      expect(base[i]!.history.at(-1)!.valLoss).toBeLessThan(0.6);
    });
  }, LONG);

  it('lr 0.001 ends more than 14 points below lr 0.1 on every seed, its training loss still above 1.2 after 10 epochs', async () => {
    const [small, base] = await Promise.all([all(bnAt(0.001)), all(BASE)]);
    SEEDS.forEach((_, i) => {
      expect(base[i]!.final.valAcc - small[i]!.final.valAcc).toBeGreaterThan(0.14);
      expect(small[i]!.history.at(-1)!.trainLoss).toBeGreaterThan(1.2);
    });
  }, LONG);
});

describe('Lab 2 (c) and 1.5: an L2 penalty, dropout, and both', () => {
  const WD = `${BASE}&wd=0.01`;
  const DROP = `${BASE}&dropout=0.8`;
  const BOTH = `${BASE}&wd=0.01&dropout=0.8`;

  it('weight decay 0.01 ends more than 2 points below no penalty on every seed', async () => {
    const [wd, none] = await Promise.all([all(WD), all(BASE)]);
    SEEDS.forEach((_, i) => expect(none[i]!.final.valAcc - wd[i]!.final.valAcc).toBeGreaterThan(0.02));
  }, LONG);

  it('1.5: weight decay 0.01 together with dropout 0.8 ends below each of them alone on every seed: more than 10 points below the penalty alone, more than 2 below dropout alone; dropout 0.8 alone keeps training accuracy below 85 %', async () => {
    const [wd, drop, both] = await Promise.all([all(WD), all(DROP), all(BOTH)]);
    SEEDS.forEach((_, i) => {
      expect(wd[i]!.final.valAcc - both[i]!.final.valAcc).toBeGreaterThan(0.1);
      expect(drop[i]!.final.valAcc - both[i]!.final.valAcc).toBeGreaterThan(0.02);
      expect(drop[i]!.final.trainAcc).toBeLessThan(0.85);
    });
  }, LONG);
});

describe('HW3 P5 (c): dropout at 0.5 and 0.8 against none', () => {
  it('dropout 0.8 narrows the train–validation gap below dropout 0.5\'s on every seed and costs more than 10 points of validation accuracy', async () => {
    const [none, half, drop] = await Promise.all([all(BASE), all(`${BASE}&dropout=0.5`), all(`${BASE}&dropout=0.8`)]);
    SEEDS.forEach((_, i) => {
      expect(gap(drop[i]!)).toBeLessThan(gap(half[i]!));
      expect(gap(drop[i]!)).toBeLessThan(gap(none[i]!));
      expect(none[i]!.final.valAcc - drop[i]!.final.valAcc).toBeGreaterThan(0.1);
    });
  }, LONG);

  it('dropout 0.5 does not raise validation accuracy on every seed: it is lower than without dropout on at least one, and never more than 1 point higher', async () => {
    const [none, drop] = await Promise.all([all(BASE), all(`${BASE}&dropout=0.5`)]);
    const diffs = SEEDS.map((_, i) => drop[i]!.final.valAcc - none[i]!.final.valAcc);
    expect(diffs.some((d) => d < 0)).toBe(true);
    for (const d of diffs) expect(d).toBeLessThan(0.01);
  }, LONG);
});

describe('1.7: L1 in a trained network is approximately sparse, not sparse', () => {
  it('with L1 0.001, more than 15 % of the weights are below 10⁻³ and fewer than 0.05 % below 10⁻⁶, on every seed', async () => {
    for (const r of await all(`${BASE}&l1=0.001`)) {
      expect(r.weights.nearZero).toBeGreaterThan(0.15);
      expect(r.histogram[0]!.from).toBe(0);
      expect(r.histogram[0]!.to).toBe(1e-6);
      expect(r.histogram[0]!.count / r.weights.count).toBeLessThan(0.0005);
    }
  }, LONG);
});

describe('Lab 2 (b): Swish', () => {
  it('its derivative σ(x)(1 + x(1 − σ(x))) is negative exactly below x ≈ −1.28', () => {
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    const d = (x: number) => sigma(x) * (1 + x * (1 - sigma(x)));
    // Bisection for the root of 1 + x(1 − σ(x)), then finite differences of x·σ(x) on both sides.
    let [lo, hi] = [-3, 0];
    for (let k = 0; k < 100; k++) {
      const mid = (lo + hi) / 2;
      if (1 + mid * (1 - sigma(mid)) < 0) lo = mid;
      else hi = mid;
    }
    expect(lo).toBeCloseTo(-1.28, 2);
    const swish = (x: number) => x * sigma(x);
    for (const x of [-4, -2, -1.3, -1.25, 0, 2]) expect(Math.sign((swish(x + 1e-6) - swish(x - 1e-6)) / 2e-6)).toBe(Math.sign(d(x)));
    expect(d(-1.3)).toBeLessThan(0);
    expect(d(-1.25)).toBeGreaterThan(0);
  });
});

describe('Lab 3: the size of ResNet-18', () => {
  it('torchvision\'s ResNet-18 with 10 outputs has its published 11,689,512 minus 990 classifier rows of 512 weights and a bias; the CIFAR variant\'s 3×3 first convolution has 7·7·3·64 − 3·3·3·64 = 7,680 fewer', async () => {
    const q = 'arch=resnet18&classes=10&input=32';
    const r = (await runDemo(memoryLogic, parseDemoProps(memoryLogic.schema, q, q), runInNode)) as MemoryResult;
    expect(r.params).toBe(11_689_512 - 990 * (512 + 1));
    expect(r.params - (7 * 7 * 3 * 64 - 3 * 3 * 3 * 64)).toBe(11_173_962);
  });
});
