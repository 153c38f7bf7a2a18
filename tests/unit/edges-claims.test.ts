// The claims the HW4 Problem 4 page makes from training runs, each checked on the default seed
// (7) and two others: a claim that only one lucky seed supports is not written on the page.
import { describe, expect, it } from 'vitest';
import { parseDemoProps } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { edgesLogic, type EdgesResult } from '../../src/lib/demos/edges/edges-logic';
import { runInNode } from '../../src/lib/ort/node-runner';

const run = async (query: string) => (await runDemo(edgesLogic, parseDemoProps(edgesLogic.schema, query, query), runInNode)) as EdgesResult;
const model = (r: EdgesResult, name: string) => r.models.find((m) => m.name === name)!;

describe('HW4 P4 (c): with 20 images per class the CNN reaches 90 % validation accuracy; the MLP does not', () => {
  it.each([7, 1, 3])('seed %i, the default state (150 epochs)', async (seed) => {
    const r = await run(seed === 7 ? '' : `seed=${seed}`);
    expect(model(r, 'cnn').valAcc).toBeGreaterThanOrEqual(0.9);
    expect(model(r, 'mlp').valAcc).toBeLessThan(0.8);
    // Both fit the 60 training images: the gap is generalisation, not fitting.
    expect(model(r, 'cnn').trainAcc).toBeGreaterThanOrEqual(0.95);
    expect(model(r, 'mlp').trainAcc).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
