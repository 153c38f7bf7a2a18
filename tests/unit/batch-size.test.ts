import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import type { TrainingJob } from '../../src/lib/demos/common/demo-logic';
import { batchSizeNodeLogic } from '../../src/lib/demos/batch-size/batch-size-node';
import { stepsPerCall } from '../../src/lib/demos/batch-size/batch-size-model';
import { batchSizeSchema } from '../../src/lib/demos/batch-size/batch-size-schema';
import { runInNode } from '../../src/lib/ort/node-runner';

const state = (query: string) => {
  const { state: s, issues } = parseDemoState(batchSizeSchema, query);
  expect(issues).toEqual([]);
  return s;
};

describe('the batch-size experiment', () => {
  it('scales the learning rate with the batch as the notebook does: 0.1·b/64, and counts steps and calls by hand', () => {
    const jobs = batchSizeNodeLogic.plan(state('')) as TrainingJob[];
    // a warm-up call, then the timed run, per batch size
    expect(jobs.map((j) => j.totalSteps)).toEqual([16, 1024 / 4 * 4, 16, 1024 / 16 * 4, 16, 1024 / 64 * 4, 4, 1024 / 256 * 4]);
    const lrs = jobs.filter((_, i) => i % 2).map((j) => j.feeds(0, j.stepsPerCall)['lr']!.data[0]!);
    [4, 16, 64, 256].forEach((b, i) => expect(lrs[i]).toBeCloseTo((0.1 * b) / 64, 7));
    expect([256, 64, 16, 4, 62, 7].map(stepsPerCall)).toEqual([16, 16, 16, 4, 2, 7]);
  });

  it('feeds every batch size the same images in the same order, from the same initial weights', () => {
    const jobs = (batchSizeNodeLogic.plan(state('')) as TrainingJob[]).filter((_, i) => i % 2);
    const epoch = (j: TrainingJob) => {
      const perEpoch = j.totalSteps / 4;
      const parts: Float32Array[] = [];
      for (let first = 0; first < perEpoch; first += j.stepsPerCall) parts.push(j.feeds(first, j.stepsPerCall)['x']!.data);
      return Float32Array.from(parts.flatMap((p) => Array.from(p)));
    };
    const reference = epoch(jobs[0]!);
    for (const j of jobs) {
      expect(epoch(j)).toEqual(reference);
      expect(j.initial['w2']!.data).toEqual(jobs[0]!.initial['w2']!.data);
    }
  });

  it('after 4 epochs the training accuracy falls with the batch size, 4 > 16 > 64 > 256, on seeds 0, 1 and 2', async () => {
    for (const seed of [0, 1, 2]) {
      const r = await runDemo(batchSizeNodeLogic, state(seed ? `seed=${seed}` : ''), runInNode);
      expect(r.runs.map((x) => x.batch)).toEqual([4, 16, 64, 256]);
      const acc = r.runs.map((x) => x.acc);
      for (let i = 1; i < acc.length; i++) expect(acc[i - 1], `seed ${seed}: ${acc}`).toBeGreaterThan(acc[i]!);
      for (const run of r.runs) {
        expect(run.steps).toBe((1024 / run.batch) * 4);
        expect(run.calls).toBe(run.steps / stepsPerCall(1024 / run.batch));
        // counts of correct images out of 1024 per epoch (the result rounds to 4 decimals)
        for (const e of run.epochs) expect(Math.abs(e.acc * 1024 - Math.round(e.acc * 1024))).toBeLessThan(0.06);
        expect(run.epochs.at(-1)!.loss).toBeLessThan(run.epochs[0]!.loss);
        expect(run.epochs.map((e) => e.ms)).toEqual([...run.epochs.map((e) => e.ms)].sort((a, b) => a - b));
      }
      // Before any learning, a 10-class guess: the first epoch of batch 256 is near chance.
      expect(r.runs[3]!.epochs[0]!.acc).toBeLessThan(0.2);
    }
  }, 120_000);

  it('rejects bad parameters with a message and uses the defaults', () => {
    const { state: s, issues } = parseDemoState(batchSizeSchema, 'batches=0,4&epochs=99');
    expect(issues.map((i) => i.message)).toEqual([
      'batches must be a comma-separated list of up to 6 integers from 1 to 512 (got "0,4"); using 4,16,64,256.',
      'epochs must be an integer from 1 to 20 (got "99"); using 4.',
    ]);
    expect(s).toMatchObject({ batches: [4, 16, 64, 256], epochs: 4 });
    const big = parseDemoState(batchSizeSchema, 'batches=512&train=100');
    expect(big.issues[0]!.message).toContain('batch 512 is larger than the 100 training images');
    expect(big.state).toMatchObject({ batches: [4, 16, 64, 256], train: 1024 });
  });
});
