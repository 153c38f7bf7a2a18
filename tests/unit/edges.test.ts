import { describe, expect, it } from 'vitest';
import { parseDemoProps, parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { runDemo } from '../../src/lib/demos/common/run-demo';
import { CLASS_SETS, PIXELS, SIDE, edgeImage, edgeSet, pixelPermutation, streamOf, type EdgeLabel } from '../../src/lib/demos/edges/edge-images';
import { initialWeights } from '../../src/lib/demos/edges/edges-feeds';
import { EDGE_DETECTORS, edgeForward } from '../../src/lib/demos/edges/edges-model';
import { edgesLogic, scheduleOf, type EdgesResult } from '../../src/lib/demos/edges/edges-logic';
import { edgesSchema } from '../../src/lib/demos/edges/edges-schema';
import { softmaxCrossEntropy } from '../../src/lib/onnx/training/dense-ops';
import { runInNode } from '../../src/lib/ort/node-runner';
import { gradCheck, values } from './support/grad-check';

/** Reads an image back into the notebook's description: background, band value, banded rows and columns. */
function describeImage(img: Float32Array) {
  const background = img[0] === img[SIDE - 1] ? img[0]! : Math.min(...img);
  const values = new Set(Array.from(img));
  const bright = [...values].filter((v) => v !== background);
  const fullRows = Array.from({ length: SIDE }, (_, r) => r).filter((r) => Array.from(img.subarray(r * SIDE, (r + 1) * SIDE)).every((v) => v !== background));
  const fullCols = Array.from({ length: SIDE }, (_, c) => c).filter((c) => Array.from({ length: SIDE }, (_, r) => img[r * SIDE + c]).every((v) => v !== background));
  return { background, bright, fullRows, fullCols };
}

const isRun = (xs: number[]) => xs.every((x, i) => i === 0 || x === xs[i - 1]! + 1);

describe('edge images follow the notebook', () => {
  const draw = (label: EdgeLabel, i: number, range?: 'any' | 'first-half' | 'second-half') => edgeImage(label, streamOf(11, 99, i), range);

  it('one background in [0, 0.2) and, for an edge, one band value in [0.25, 1]', () => {
    for (const label of CLASS_SETS[5]) {
      for (let i = 0; i < 200; i++) {
        const d = describeImage(draw(label, i));
        expect(d.background).toBeGreaterThanOrEqual(0);
        expect(d.background).toBeLessThan(0.2);
        expect(d.bright.length).toBe(label === 'none' ? 0 : 1);
        if (d.bright.length) expect(d.bright[0]).toBeGreaterThanOrEqual(0.25);
        if (d.bright.length) expect(d.bright[0]).toBeLessThanOrEqual(1);
      }
    }
  });

  it('a horizontal edge is 1–4 whole rows starting at row 1–27 (clipped at row 27); a vertical edge the same in columns', () => {
    const starts = new Set<number>();
    const widths = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const h = describeImage(draw('horizontal', i));
      expect(h.fullCols).toEqual([]);
      expect(isRun(h.fullRows)).toBe(true);
      expect(h.fullRows[0]).toBeGreaterThanOrEqual(1);
      expect(h.fullRows.length).toBeGreaterThanOrEqual(1);
      expect(h.fullRows.length).toBeLessThanOrEqual(4);
      starts.add(h.fullRows[0]!);
      if (h.fullRows.at(-1)! < SIDE - 1) widths.add(h.fullRows.length);
      const v = describeImage(draw('vertical', i));
      expect(v.fullRows).toEqual([]);
      expect(isRun(v.fullCols)).toBe(true);
      expect(v.fullCols.length).toBeLessThanOrEqual(4);
    }
    // Every start 1..27 and every width 1..4 occurs; row 0 is never part of a band.
    expect([...starts].sort((a, b) => a - b)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect([...widths].sort()).toEqual([1, 2, 3, 4]);
  });

  it('"both" has a horizontal and a vertical band; "diagonal" a band along the main diagonal; "none" is flat', () => {
    for (let i = 0; i < 100; i++) {
      const b = describeImage(draw('both', i));
      expect(b.fullRows.length).toBeGreaterThan(0);
      expect(b.fullCols.length).toBeGreaterThan(0);
      const img = draw('diagonal', i);
      const bg = describeImage(img).background;
      // Membership depends on c − r only.
      for (let r = 1; r < SIDE; r++) for (let c = 1; c < SIDE; c++) expect(img[r * SIDE + c] !== bg).toBe(img[(r - 1) * SIDE + c - 1] !== bg);
      expect(new Set(draw('none', i)).size).toBe(1);
    }
  });

  it('the domain-shift split: training bands start in rows/columns 1–13, validation bands in 14–27', () => {
    for (let i = 0; i < 300; i++) {
      expect(describeImage(draw('horizontal', i, 'first-half')).fullRows[0]).toBeLessThanOrEqual(13);
      expect(describeImage(draw('vertical', i, 'second-half')).fullCols[0]).toBeGreaterThanOrEqual(14);
    }
  });

  it('a set has perClass images of each class, shuffled; a larger set contains the smaller one', () => {
    const small = edgeSet({ seed: 3, purpose: 'train', classes: 3, perClass: 5, range: 'any', permutation: null });
    const large = edgeSet({ seed: 3, purpose: 'train', classes: 3, perClass: 9, range: 'any', permutation: null });
    expect([0, 1, 2].map((c) => small.labels.filter((l) => l === c).length)).toEqual([5, 5, 5]);
    expect(Array.from(small.labels.slice(0, 5))).not.toEqual([0, 0, 0, 0, 0]);
    const key = (set: typeof small, i: number) => Array.from(set.images.subarray(i * PIXELS, (i + 1) * PIXELS)).join(',');
    const inLarge = new Set(Array.from({ length: large.count }, (_, i) => key(large, i)));
    for (let i = 0; i < small.count; i++) expect(inLarge.has(key(small, i))).toBe(true);
  });

  it('the pixel permutation is one bijection of the 784 pixels, applied alike to every image', () => {
    const perm = pixelPermutation(7);
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: PIXELS }, (_, i) => i));
    const plain = edgeSet({ seed: 3, purpose: 'val', classes: 3, perClass: 2, range: 'any', permutation: null });
    const shuffled = edgeSet({ seed: 3, purpose: 'val', classes: 3, perClass: 2, range: 'any', permutation: perm });
    for (let i = 0; i < plain.count; i++) for (let p = 0; p < PIXELS; p++) expect(shuffled.images[i * PIXELS + p]).toBe(plain.images[i * PIXELS + perm[p]!]);
  });
});

describe('edges networks', () => {
  it('the whole CNN (reflect pad → conv 7 → relu → max pool → reflect pad → conv 7 → relu → GAP → linear → cross-entropy) agrees with finite differences', async () => {
    const n = 2;
    const c = { model: 'cnn' as const, classes: 3, kernel: 7 };
    const w = initialWeights(5, c);
    const image = edgeSet({ seed: 5, purpose: 'train', classes: 3, perClass: 1, range: 'any', permutation: null });
    const input = (name: string) => ({ name, dims: w[name]!.dims, data: Array.from(w[name]!.data) });
    const { analytic, numeric } = await gradCheck(
      (t, x) => softmaxCrossEntropy(t, edgeForward(t, c, x, x['x']!, n), x['y']!, n),
      [],
      [
        { name: 'x', dims: [n, 1, SIDE, SIDE], data: Array.from(image.images.subarray(0, n * PIXELS)), wrt: false },
        { name: 'y', dims: [n, 3], data: [...[0, 1, 2].map((k) => Number(k === image.labels[0])), ...[0, 1, 2].map((k) => Number(k === image.labels[1]))], wrt: false },
        // Biases of the convolutions lifted so no ReLU sits at its kink in the probe.
        { ...input('w1') },
        { name: 'b1', dims: [3], data: [0.3, 0.4, 0.5] },
        { ...input('w2') },
        { name: 'b2', dims: [3], data: [0.3, 0.4, 0.5] },
        { ...input('fc') },
        { ...input('fb') },
      ],
      1e-3,
    );
    for (const name of Object.keys(numeric)) {
      const scale = Math.max(...numeric[name]!.map(Math.abs), 1e-3);
      analytic[name]!.forEach((v, i) => expect(Math.abs(v - numeric[name]![i]!), `${name}[${i}]`).toBeLessThanOrEqual(0.02 * scale + 2e-4));
    }
  });

  it('the MLP head (784 → 50 → 10 → 3) agrees with finite differences', async () => {
    const c = { model: 'mlp' as const, classes: 3, kernel: 7 };
    const w = initialWeights(6, c);
    const input = (name: string, wrt = true) => ({ name, dims: w[name]!.dims, data: Array.from(w[name]!.data), wrt });
    const { analytic, numeric } = await gradCheck(
      (t, x) => softmaxCrossEntropy(t, edgeForward(t, c, x, x['x']!, 2), x['y']!, 2),
      [],
      [
        { name: 'x', dims: [2, 1, SIDE, SIDE], data: values(2 * PIXELS, 7).map((v) => (v + 1) / 2), wrt: false },
        { name: 'y', dims: [2, 3], data: [1, 0, 0, 0, 0, 1], wrt: false },
        input('w1', false),
        input('b1', false),
        input('w2'),
        input('b2'),
        input('w3'),
        input('b3'),
      ],
      1e-3,
    );
    for (const name of Object.keys(numeric)) {
      const scale = Math.max(...numeric[name]!.map(Math.abs), 1e-3);
      analytic[name]!.forEach((v, i) => expect(Math.abs(v - numeric[name]![i]!), `${name}[${i}]`).toBeLessThanOrEqual(0.02 * scale + 2e-4));
    }
  });

  it('Xavier where the notebook puts it (first conv, classifier), PyTorch default elsewhere', () => {
    const w = initialWeights(1, { model: 'cnn', classes: 3, kernel: 7 });
    const max = (name: string) => Math.max(...Array.from(w[name]!.data, Math.abs));
    expect(max('w1')).toBeLessThanOrEqual(Math.sqrt(6 / (49 + 147)));
    expect(max('w1')).toBeGreaterThan(0.9 * Math.sqrt(6 / (49 + 147)));
    expect(max('w2')).toBeLessThanOrEqual(1 / Math.sqrt(147));
    expect(max('fc')).toBeLessThanOrEqual(Math.sqrt(6 / (3 + 3)));
    const frozen = initialWeights(1, { model: 'cnn-frozen', classes: 3, kernel: 7 });
    expect(Array.from(frozen['w1']!.data)).toEqual(EDGE_DETECTORS.flat(2));
  });
});

describe('edges schedule and schema', () => {
  it('short epochs are grouped into calls of whole epochs (evaluated about 50 times); long ones split evenly', () => {
    expect(scheduleOf(6, 150)).toEqual({ stepsPerCall: 18, evalEvery: 3, callsPerEval: 1 });
    expect(scheduleOf(1, 500)).toEqual({ stepsPerCall: 10, evalEvery: 10, callsPerEval: 1 });
    expect(scheduleOf(6, 7)).toEqual({ stepsPerCall: 6, evalEvery: 1, callsPerEval: 1 });
    expect(scheduleOf(60, 10)).toEqual({ stepsPerCall: 30, evalEvery: 1, callsPerEval: 2 });
    expect(scheduleOf(41, 10)).toEqual({ stepsPerCall: 1, evalEvery: 1, callsPerEval: 41 });
  });

  it('bad parameters name themselves and fall back to the defaults', () => {
    const { state, issues } = parseDemoState(edgesSchema, 'per_class=0&models=resnet&classes=4');
    expect(issues.map((i) => i.param).sort()).toEqual(['classes', 'models', 'per_class']);
    expect(state.per_class).toBe(20);
    expect(state.models).toEqual(['cnn', 'mlp']);
    expect(issues.find((i) => i.param === 'models')!.message).toMatch(/models must be a comma-separated list of "cnn", "cnn-avg", "mlp", "cnn-frozen"/);
    const big = parseDemoState(edgesSchema, 'epochs=1000&per_class=500');
    expect(big.issues[0]!.message).toMatch(/more training than one run may ask for/);
    expect([big.state.epochs, big.state.per_class]).toEqual([150, 20]);
  });
});

describe('a short run trains what it says', () => {
  it('cnn-frozen keeps its edge detectors and its second conv; the others move', async () => {
    const s = parseDemoProps(edgesSchema, 'models=cnn-frozen,cnn&per_class=4&val_per_class=3&epochs=3&batch=4', 'test');
    const r = (await runDemo(edgesLogic, s, runInNode)) as EdgesResult;
    const [frozen, cnn] = r.models;
    expect(frozen!.filters).toEqual(EDGE_DETECTORS);
    expect(frozen!.initialFilters).toEqual(EDGE_DETECTORS);
    expect(cnn!.filters).not.toEqual(cnn!.initialFilters);
    for (const m of r.models) {
      expect(m.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([3, 3, 3]);
      expect(m.valAccHistory.length).toBe(r.evalEpochs.length);
      expect(m.loss.length).toBe(3);
    }
    expect(r.stepsPerEpoch).toBe(3);
    expect(r.samples.filter((x) => x.label === 'vertical').length).toBe(2);
  });
});
