import { describe, expect, it } from 'vitest';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { receptiveFieldLogic } from '../../src/lib/demos/receptive-field/receptive-field-logic';
import { receptiveFieldSchema } from '../../src/lib/demos/receptive-field/receptive-field-schema';
import { runInNode } from '../../src/lib/ort/node-runner';
import { bruteForceDependence } from './reference/receptive-field';

const compute = async (query: string) => {
  const { state, issues } = parseDemoState(receptiveFieldSchema, query);
  expect(issues).toEqual([]);
  return runDemo(receptiveFieldLogic, state, runInNode);
};

const clip = (a: number, b: number): [number, number] => [Math.max(0, a), Math.min(223, b)];

/** The page's closed forms, 0-based and inclusive: y1 ±2, y2 2i−2 … 2i+3, y3 4i−6 … 4i+9, clipped to the image. */
const closedForm = { y1: (i: number) => clip(i - 2, i + 2), y2: (i: number) => clip(2 * i - 2, 2 * i + 3), y3: (i: number) => clip(4 * i - 6, 4 * i + 9) };

const cases: ['y1' | 'y2' | 'y3', number, number, number][] = [
  ['y1', 0, 0, 0],
  ['y1', 63, 223, 223],
  ['y1', 5, 100, 1],
  ['y2', 0, 0, 111],
  ['y2', 63, 111, 0],
  ['y2', 7, 50, 60],
  ['y2', 0, 1, 110],
  ['y3', 0, 0, 0],
  ['y3', 127, 55, 55],
  ['y3', 3, 10, 20],
  ['y3', 64, 27, 1],
  ['y3', 0, 1, 54],
];

describe('receptive fields of VGG16 neurons, from the ONNX model', () => {
  it.each(cases)('%s[%i, %i, %i] matches brute-force dependency propagation', async (layer, k, i, j) => {
    const r = await compute(`layer=${layer}&k=${k}&i=${i}&j=${j}`);
    const ref = bruteForceDependence(layer, k, i, j);
    const rows = [...ref.pixels.keys()].map((key) => Number(key.split(',')[0]));
    const cols = [...ref.pixels.keys()].map((key) => Number(key.split(',')[1]));
    expect(r.channels).toEqual(ref.channels);
    expect(r.rows).toEqual([Math.min(...rows), Math.max(...rows)]);
    expect(r.cols).toEqual([Math.min(...cols), Math.max(...cols)]);
    // The dependency set is the full rectangle, and the model's path counts are the brute-force ones.
    expect(ref.pixels.size).toBe((r.rows[1] - r.rows[0] + 1) * (r.cols[1] - r.cols[0] + 1));
    r.paths.forEach((row, a) => row.forEach((v, b) => expect(v).toBe(ref.pixels.get(`${r.rows[0] + a},${r.cols[0] + b}`))));
  });

  it.each(cases)('%s[%i, %i, %i] matches the closed form on the page', async (layer, k, i, j) => {
    const r = await compute(`layer=${layer}&k=${k}&i=${i}&j=${j}`);
    expect(r.rows).toEqual(closedForm[layer](i));
    expect(r.cols).toEqual(closedForm[layer](j));
    expect(r.channels).toEqual([0, 1, 2]);
  });

  it('does not depend on the channel k', async () => {
    const a = await compute('layer=y3&k=0&i=30&j=12');
    const b = await compute('layer=y3&k=127&i=30&j=12');
    expect(b).toEqual(a);
  });

  it('interior fields are 5×5, 6×6 and 16×16 pixels in all three channels', async () => {
    const size = (r: { rows: number[]; cols: number[] }) => [r.rows[1]! - r.rows[0]! + 1, r.cols[1]! - r.cols[0]! + 1];
    expect(size(await compute('layer=y1&i=100&j=100'))).toEqual([5, 5]);
    expect(size(await compute('layer=y2&i=50&j=50'))).toEqual([6, 6]);
    expect(size(await compute('layer=y3&i=20&j=20'))).toEqual([16, 16]);
  });

  it('a max pool counts its whole window: y2[0,0,0] depends on rows 0…3, not on one pixel per window', async () => {
    const r = await compute('layer=y2&i=0&j=0');
    expect(r.rows).toEqual([0, 3]);
    // By hand, along one axis: y1 row 0 reaches input rows 0, 1, 2 by 2, 2, 1 paths (its conv-1 rows are 0 and 1;
    // row −1 is padding), y1 row 1 reaches rows 0 … 3 by 2, 3, 2, 1 paths; the pool adds them: 4, 5, 3, 1.
    const v = [4, 5, 3, 1];
    expect(r.paths).toEqual(v.map((a) => v.map((b) => a * b)));
  });
});

describe('receptive-field parameters', () => {
  it('i=9999 is reported and the default neuron is used', () => {
    const { state, issues } = parseDemoState(receptiveFieldSchema, 'i=9999');
    expect(issues).toEqual([{ param: 'i', message: 'i must be an integer from 0 to 223 (got "9999"); using 10.' }]);
    expect(state.i).toBe(10);
  });

  it('checks i, j against the chosen layer and k against its channels', () => {
    const y3 = parseDemoState(receptiveFieldSchema, 'layer=y3&i=56&j=3');
    expect(y3.issues[0]!.message).toBe('i = 56 is outside y3, which has 128 channels of 56 × 56 (k from 0 to 127, i and j from 0 to 55); using the default i.');
    expect(y3.state).toMatchObject({ layer: 'y3', i: 10, j: 3 });
    const y2 = parseDemoState(receptiveFieldSchema, 'layer=y2&k=64&i=111&j=112');
    expect(y2.issues[0]!.message).toContain('k = 64 and j = 112 is outside y2');
    expect(y2.state).toMatchObject({ layer: 'y2', k: 0, i: 111, j: 20 });
    expect(parseDemoState(receptiveFieldSchema, 'layer=y3&k=127&i=55&j=55').issues).toEqual([]);
    expect(parseDemoState(receptiveFieldSchema, 'layer=y1&k=127').issues[0]!.message).toContain('k = 127 is outside y1, which has 64 channels');
  });
});
