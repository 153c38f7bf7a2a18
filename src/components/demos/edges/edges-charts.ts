import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { EdgesResult } from '../../../lib/demos/edges/edges-logic';
import { MODEL_NAMES, type EdgeModelName } from '../../../lib/demos/edges/edges-schema';

type Chart = SVGSVGElement | HTMLElement;

/**
 * One colour per model name, the same in every chart and on every run, whichever models a state
 * trains: mid-tone hues that read on light and dark backgrounds.
 */
const MODEL_COLORS: Record<EdgeModelName, string> = { cnn: '#4e79a7', 'cnn-avg': '#59a14f', mlp: '#e15759', 'cnn-frozen': '#b07aa1' };
function modelColor(names: readonly EdgeModelName[]) {
  const domain = MODEL_NAMES.filter((n) => names.includes(n));
  return { domain, range: domain.map((n) => MODEL_COLORS[n]), legend: true };
}

const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
const epochAxis = (epochs: number) => ({ label: 'epoch', domain: [1, Math.max(2, epochs)], tickFormat: 'd' as const, ticks: Math.min(epochs, 8) });

interface Point {
  model: EdgeModelName;
  x: number;
  value: number;
  series: string;
}

/** Validation accuracy (solid) and training accuracy (dashed) after each evaluated epoch. */
export function accuracyCurves(r: EdgesResult, doc: Document, width: number): Chart {
  const points = (pick: 'valAccHistory' | 'trainAccHistory', series: string): Point[] =>
    r.models.flatMap((m) => m[pick].map((value, i) => ({ model: m.name, x: r.evalEpochs[i]!, value, series })));
  const val = points('valAccHistory', 'validation');
  const train = points('trainAccHistory', 'training');
  const chance = 1 / r.classes.length;
  return plot({
    document: doc,
    width,
    height: 240,
    marginLeft: 44,
    x: epochAxis(r.epochs),
    y: { label: 'accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: modelColor(r.models.map((m) => m.name)),
    marks: [
      Plot.ruleY([chance], { stroke: 'currentColor', strokeDasharray: '2,3', strokeOpacity: 0.6 }),
      Plot.line(train, { x: 'x', y: 'value', stroke: 'model', strokeDasharray: '5,4', strokeOpacity: 0.8 }),
      Plot.line(val, { x: 'x', y: 'value', stroke: 'model', strokeWidth: 2.5 }),
      // The values show on pointing, not as a dot (and a tooltip element) per evaluation: a
      // write-up with ten of these charts would carry over a thousand of them.
      Plot.tip([...val, ...train], Plot.pointer({ x: 'x', y: 'value', title: (d: Point) => `${d.model}, epoch ${d.x}: ${d.series} ${percent(d.value)}` })),
    ],
    caption: `Solid: validation images. Dashed: training images. Dotted line: chance (${percent(chance)}).`,
    ariaLabel: `Validation and training accuracy after each evaluated epoch: ${r.models.map((m) => `${m.name} ends at ${percent(m.valAcc)} validation, ${percent(m.trainAcc)} training`).join('; ')}`,
  });
}

/** Mean training loss of each epoch (solid) and the validation loss at each evaluation (dashed). */
export function lossCurves(r: EdgesResult, doc: Document, width: number): Chart {
  const train: Point[] = r.models.flatMap((m) => m.loss.map((value, e) => ({ model: m.name, x: e + 1, value, series: 'training' })));
  const val: Point[] = r.models.flatMap((m) => m.valLoss.map((value, i) => ({ model: m.name, x: r.evalEpochs[i]!, value, series: 'validation' })));
  const top = Math.max(Math.log(r.classes.length) * 1.2, ...train.map((d) => d.value), ...val.map((d) => d.value));
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 44,
    x: epochAxis(r.epochs),
    y: { label: 'cross-entropy', domain: [0, top], grid: true },
    color: modelColor(r.models.map((m) => m.name)),
    marks: [
      Plot.line(val, { x: 'x', y: 'value', stroke: 'model', strokeDasharray: '5,4', strokeOpacity: 0.85 }),
      Plot.line(train, { x: 'x', y: 'value', stroke: 'model', strokeWidth: 2 }),
      Plot.tip([...train, ...val], Plot.pointer({ x: 'x', y: 'value', title: (d: Point) => `${d.model}, epoch ${d.x}: ${d.series} loss ${d.value}` })),
    ],
    caption: 'Solid: mean training loss of each epoch. Dashed: validation loss.',
    ariaLabel: `Training and validation loss per epoch for ${r.models.map((m) => m.name).join(', ')}`,
  });
}

interface SweepPoint {
  model: EdgeModelName;
  perClass: number;
  valAcc: number;
}

/** Final validation accuracy against the training images per class, one line per model. */
export function sweepChart(r: EdgesResult, doc: Document, width: number): Chart | null {
  if (!r.sweep?.length) return null;
  const points: SweepPoint[] = r.sweep.flatMap((s) => s.models.map((m) => ({ model: m.name, perClass: s.perClass, valAcc: m.valAcc })));
  const sizes = r.sweep.map((s) => s.perClass);
  // Sizes usually grow geometrically (1, 2, 5, 10, …): a log axis spaces them evenly.
  const log = Math.max(...sizes) / Math.min(...sizes) >= 8;
  const chance = 1 / r.classes.length;
  return plot({
    document: doc,
    width,
    height: 240,
    marginLeft: 44,
    x: { label: 'training images per class', type: log ? 'log' : 'linear', ticks: sizes, tickFormat: '~g', ...(sizes.length === 1 ? { domain: [sizes[0]! / 2, sizes[0]! * 2] } : {}) },
    y: { label: 'validation accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: modelColor(r.models.map((m) => m.name)),
    marks: [
      Plot.ruleY([chance], { stroke: 'currentColor', strokeDasharray: '2,3', strokeOpacity: 0.6 }),
      Plot.line(points, { x: 'perClass', y: 'valAcc', stroke: 'model', strokeWidth: 2 }),
      Plot.dot(points, { x: 'perClass', y: 'valAcc', fill: 'model', r: 3, tip: true, title: (d: SweepPoint) => `${d.model}, ${d.perClass} per class: ${percent(d.valAcc)}` }),
    ],
    caption: `After ${r.epochs} epochs at each size. Dotted line: chance (${percent(chance)}).`,
    ariaLabel: `Validation accuracy against training images per class: ${r.sweep.map((s) => `${s.perClass} per class: ${s.models.map((m) => `${m.name} ${percent(m.valAcc)}`).join(', ')}`).join('; ')}`,
  });
}
