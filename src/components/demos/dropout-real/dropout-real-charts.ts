import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { DropoutRealResult } from '../../../lib/demos/dropout-real/dropout-real-logic';

/** How a model is named in legends: its drop rate. */
export const modelLabel = (p: number) => `p = ${p}`;

const percent = (v: number) => `${(100 * v).toFixed(1)} %`;

/**
 * Final test accuracy of every model on held-out digits with the cheat and without it, with the
 * chance level (1 in 10) marked: the bars this demo is about.
 */
export function accuracyBars(r: DropoutRealResult, doc: Document, width: number): SVGSVGElement | HTMLElement {
  const rows = r.models.flatMap((m) => [
    { model: modelLabel(m.p), test: 'with cheat', acc: m.accWithCheat },
    { model: modelLabel(m.p), test: 'clean', acc: m.accClean },
  ]);
  return plot({
    document: doc,
    width,
    height: 260,
    marginLeft: 44,
    marginTop: 26,
    marginBottom: 36,
    fx: { label: null, padding: 0.15 },
    x: { axis: null, domain: ['with cheat', 'clean'], padding: 0.1 },
    y: { label: 'test accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: { domain: ['with cheat', 'clean'], range: ['var(--dreal-cheat, #9aa3b5)', 'var(--demo-chart, steelblue)'], legend: true },
    marks: [
      Plot.barY(rows, { fx: 'model', x: 'test', y: 'acc', fill: 'test', title: (d: (typeof rows)[number]) => `${d.model}, ${d.test}: ${percent(d.acc)}` }),
      Plot.text(rows, { fx: 'model', x: 'test', y: 'acc', text: (d: (typeof rows)[number]) => percent(d.acc), dy: -8, fontSize: 11 }),
      Plot.ruleY([r.chance], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
    ],
    caption: `Dashed line: chance (${percent(r.chance)}).`,
    ariaLabel: `Test accuracy with and without the cheating feature: ${r.models.map((m) => `${modelLabel(m.p)} ${percent(m.accWithCheat)} with cheat, ${percent(m.accClean)} clean`).join('; ')}`,
  });
}

interface EpochPoint {
  model: string;
  epoch: number;
  value: number;
  series: string;
}

/** Clean test accuracy (solid) and with-cheat accuracy (dashed) after each epoch, per model. */
export function accuracyCurves(r: DropoutRealResult, doc: Document, width: number): SVGSVGElement | HTMLElement {
  const points = (pick: 'accCleanByEpoch' | 'accWithCheatByEpoch', series: string): EpochPoint[] =>
    r.models.flatMap((m) => m[pick].map((value, e) => ({ model: modelLabel(m.p), epoch: e + 1, value, series })));
  const clean = points('accCleanByEpoch', 'clean');
  const cheat = points('accWithCheatByEpoch', 'with cheat');
  return plot({
    document: doc,
    width,
    height: 240,
    marginLeft: 44,
    x: { label: 'epoch', tickFormat: 'd', domain: [1, Math.max(2, r.epochs)], ticks: Math.min(r.epochs, 10) },
    y: { label: 'test accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: { legend: true, domain: r.models.map((m) => modelLabel(m.p)) },
    marks: [
      Plot.ruleY([r.chance], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.5 }),
      Plot.line(cheat, { x: 'epoch', y: 'value', stroke: 'model', strokeDasharray: '5,4', strokeOpacity: 0.8 }),
      Plot.line(clean, { x: 'epoch', y: 'value', stroke: 'model', strokeWidth: 2.5 }),
      // The values show on pointing, not as a dot (and a tooltip element) per epoch: the static
      // page would carry hundreds of them.
      Plot.tip([...clean, ...cheat], Plot.pointer({ x: 'epoch', y: 'value', title: (d: EpochPoint) => `${d.model}, epoch ${d.epoch}, ${d.series}: ${percent(d.value)}` })),
    ],
    caption: `Solid: clean test digits. Dashed: the same digits with the cheat. Grey dashed line: chance (${percent(r.chance)}).`,
    ariaLabel: `Test accuracy after each of ${r.epochs} epochs, clean and with the cheat, for ${r.models.map((m) => modelLabel(m.p)).join(' and ')}`,
  });
}

/** Mean training loss (cross-entropy with dropout active) of each epoch, per model. */
export function lossCurves(r: DropoutRealResult, doc: Document, width: number): SVGSVGElement | HTMLElement {
  const points = r.models.flatMap((m) => m.trainLoss.map((value, e) => ({ model: modelLabel(m.p), epoch: e + 1, value, series: 'loss' })));
  return plot({
    document: doc,
    width,
    height: 200,
    marginLeft: 44,
    x: { label: 'epoch', tickFormat: 'd', domain: [1, Math.max(2, r.epochs)], ticks: Math.min(r.epochs, 10) },
    y: { label: 'training loss', domain: [0, Math.max(2.4, ...points.map((d) => d.value))], grid: true },
    color: { domain: r.models.map((m) => modelLabel(m.p)) },
    marks: [
      Plot.line(points, { x: 'epoch', y: 'value', stroke: 'model', strokeWidth: 2 }),
      Plot.tip(points, Plot.pointer({ x: 'epoch', y: 'value', title: (d: EpochPoint) => `${d.model}, epoch ${d.epoch}: loss ${d.value}` })),
    ],
    ariaLabel: `Mean training loss of each epoch for ${r.models.map((m) => modelLabel(m.p)).join(' and ')}`,
  });
}
