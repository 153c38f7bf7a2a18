import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { LenetEpoch } from '../../../lib/demos/lenet/lenet-logic';
import { NEAR_ZERO, type HistogramBin } from '../../../lib/demos/lenet/lenet-weights';

type Chart = SVGSVGElement | HTMLElement;

/** What the curves need: the epochs done so far (all of them once a run is done) and how many there will be. */
export interface CurveData {
  history: readonly LenetEpoch[];
  epochs: number;
  /** The untrained network's loss, drawn at epoch 0 (null while it is being computed). */
  initialLoss: number | null;
  lnClasses: number;
}

const percent = (v: number) => `${(100 * v).toFixed(1)}\u00a0%`;
// The whole run's width from epoch 0 on, so that live curves grow from left to right.
const epochAxis = (epochs: number) => ({ label: 'epoch', domain: [0, Math.max(1, epochs)], tickFormat: 'd' as const, ticks: Math.min(epochs, 8) });
const TRAIN = 'var(--demo-chart, steelblue)';
const VAL = 'var(--lenet-val, #e8590c)';

interface Point {
  epoch: number;
  value: number;
  series: string;
}

/**
 * Training loss (mean of each epoch's minibatches) and validation loss after each epoch, from
 * the untrained network's loss at epoch 0; ln 10 marked. Losses of a blowing-up run are clipped
 * at the top of the chart.
 */
export function lossChart(d: CurveData, doc: Document, width: number): Chart {
  const start = d.initialLoss === null ? [] : [{ epoch: 0, value: d.initialLoss }];
  const train: Point[] = [...start, ...d.history.map((h) => ({ epoch: h.epoch, value: h.trainLoss }))].map((p) => ({ ...p, series: 'training' }));
  const val: Point[] = [...start, ...d.history.map((h) => ({ epoch: h.epoch, value: h.valLoss }))].map((p) => ({ ...p, series: 'validation' }));
  const top = Math.min(8, Math.max(2.6, ...[...train, ...val].map((p) => p.value + 0.1)));
  const last = d.history.at(-1);
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 44,
    x: epochAxis(d.epochs),
    y: { label: 'cross-entropy', domain: [0, top], grid: true },
    color: { domain: ['training', 'validation'], range: [TRAIN, VAL], legend: true },
    marks: [
      Plot.ruleY([d.lnClasses], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      Plot.text([d.lnClasses], { y: (v: number) => v, frameAnchor: 'right', text: () => `ln 10 ≈ ${d.lnClasses.toFixed(3)}`, dy: -7, fontSize: 11 }),
      Plot.line(val, { x: 'epoch', y: 'value', stroke: 'series', strokeWidth: 2, clip: true }),
      Plot.line(train, { x: 'epoch', y: 'value', stroke: 'series', strokeWidth: 2.5, clip: true }),
      // A run of one epoch (or one that diverged after it) is a single point: no line without a dot.
      Plot.dot([...train, ...val].filter((p) => p.epoch > 0), { x: 'epoch', y: 'value', fill: 'series', r: 2, clip: true }),
      Plot.dot(start, { x: 'epoch', y: 'value', fill: 'currentColor', r: 3.5, clip: true }),
      Plot.tip([...train, ...val], Plot.pointer({ x: 'epoch', y: 'value', title: (p: Point) => (p.epoch === 0 ? `untrained: loss ${p.value.toFixed(3)}` : `epoch ${p.epoch}: ${p.series} loss ${p.value.toFixed(3)}`) })),
    ],
    caption: 'Training: mean cross-entropy of the epoch\'s minibatches (augmented, with dropout, batch statistics). Validation: after the epoch, in inference mode. Dot at epoch 0: the untrained network\'s loss on the training digits. Dashed: ln 10, the loss of a uniform guess.',
    ariaLabel: last
      ? `Loss per epoch: untrained ${d.initialLoss?.toFixed(3) ?? 'not yet computed'}; after epoch ${last.epoch} training ${last.trainLoss.toFixed(3)}, validation ${last.valLoss.toFixed(3)}; ln 10 is ${d.lnClasses.toFixed(3)}`
      : `Loss per epoch: no epoch yet; untrained ${d.initialLoss?.toFixed(3) ?? 'not yet computed'}, ln 10 is ${d.lnClasses.toFixed(3)}`,
  });
}

/** Training and validation accuracy after each epoch (inference mode, unaugmented), chance marked. */
export function accuracyChart(d: CurveData, doc: Document, width: number): Chart {
  const train: Point[] = d.history.map((h) => ({ epoch: h.epoch, value: h.trainAcc, series: 'training' }));
  const val: Point[] = d.history.map((h) => ({ epoch: h.epoch, value: h.valAcc, series: 'validation' }));
  const last = d.history.at(-1);
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 44,
    x: epochAxis(d.epochs),
    y: { label: 'accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: { domain: ['training', 'validation'], range: [TRAIN, VAL], legend: true },
    marks: [
      Plot.ruleY([0.1], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      Plot.line(val, { x: 'epoch', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.line(train, { x: 'epoch', y: 'value', stroke: 'series', strokeWidth: 2.5 }),
      Plot.dot([...train, ...val], { x: 'epoch', y: 'value', fill: 'series', r: 2 }),
      Plot.tip([...train, ...val], Plot.pointer({ x: 'epoch', y: 'value', title: (p: Point) => `epoch ${p.epoch}: ${p.series} ${percent(p.value)}` })),
    ],
    caption: 'The share of the training digits (as they are, not augmented) and of the validation digits classified right after each epoch. Dashed: chance (10 %).',
    ariaLabel: last ? `Accuracy after each epoch; after epoch ${last.epoch}: training ${percent(last.trainAcc)}, validation ${percent(last.valAcc)}` : 'Accuracy after each epoch: no epoch yet',
  });
}

/** A bin's extent in decades (log₁₀|w|); the open ends are drawn a quarter decade wide. */
const lo = (b: HistogramBin) => (b.from === 0 ? Math.log10(b.to!) - 0.25 : Math.log10(b.from));
const hi = (b: HistogramBin) => (b.to === null ? Math.log10(b.from) + 0.25 : Math.log10(b.to));
const decadeLabel = (k: number) => (k === 0 ? '1' : `10${String(k).replace('-', '⁻').replace(/\d/g, (c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(c)]!)}`);

interface Bar {
  x1: number;
  x2: number;
  count: number;
  bin: HistogramBin;
}

/**
 * How the magnitudes of the convolution and FC weights spread over the decades, after training
 * (bars) and before it (outline); the 10⁻³ line marks "near zero".
 */
export function histogramChart(after: readonly HistogramBin[], before: readonly HistogramBin[], doc: Document, width: number, what: string, count: number): Chart {
  const bars = (h: readonly HistogramBin[]): Bar[] => h.map((b) => ({ x1: lo(b), x2: hi(b), count: b.count, bin: b }));
  const final = bars(after);
  const initial = bars(before);
  const steps = initial.flatMap((b) => [
    { x: b.x1, count: b.count },
    { x: b.x2, count: b.count },
  ]);
  const near = after.filter((b) => b.to !== null && b.to <= NEAR_ZERO).reduce((n, b) => n + b.count, 0);
  const binned = after.reduce((n, b) => n + b.count, 0);
  const total = count.toLocaleString('en');
  const missing = count - binned ? ` ${(count - binned).toLocaleString('en')} of them are NaN or infinite and in no bin.` : '';
  const range = (b: HistogramBin) => (b.from === 0 ? `|w| < ${b.to}` : b.to === null ? `|w| ≥ ${b.from}` : `${b.from} ≤ |w| < ${b.to}`);
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 52,
    x: { label: '|w| (log scale)', domain: [-6.25, 0.25], ticks: [-6, -5, -4, -3, -2, -1, 0], tickFormat: decadeLabel },
    y: { label: 'weights', grid: true },
    marks: [
      Plot.rectY(final, { x1: 'x1', x2: 'x2', y: 'count', fill: 'var(--demo-chart, steelblue)', fillOpacity: 0.75, insetLeft: 0.5, insetRight: 0.5 }),
      Plot.line(steps, { x: 'x', y: 'count', stroke: 'currentColor', strokeWidth: 1.25, strokeDasharray: '3,2' }),
      Plot.ruleX([Math.log10(NEAR_ZERO)], { stroke: 'var(--lenet-val, #e8590c)', strokeWidth: 1.5 }),
      Plot.ruleY([0]),
      Plot.tip(final, Plot.pointerX({ x1: 'x1', x2: 'x2', y: 'count', title: (b: Bar) => `${range(b.bin)}: ${b.count.toLocaleString('en')} weights after training` })),
    ],
    caption: `|w| of the ${total} convolution and FC weights (${what}), in quarter decades: bars after training, dashed outline before it. The line at 10⁻³ marks "near zero"; the first bin holds every |w| below 10⁻⁶, the last every |w| of 1 or more.${missing}`,
    ariaLabel: `Histogram of weight magnitudes: ${near.toLocaleString('en')} of ${total} weights below 10⁻³ after training`,
  });
}
