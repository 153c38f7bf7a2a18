import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { MemoryResult } from '../../../lib/demos/memory/memory-logic';
import type { MemoryParams } from '../../../lib/demos/memory/memory-schema';
import { mb, MB, OPT_LABELS, PART_COLORS, PART_LABELS, PARTS, type Part } from './memory-format';

type Chart = SVGSVGElement | HTMLElement;

/**
 * One stacked bar per optimizer at this batch: weights, gradients, optimizer state and kept
 * activations, so the reader sees what the choice of optimizer adds and what it does not touch.
 */
export function stackChart(s: MemoryParams, r: MemoryResult, doc: Document, width: number): Chart {
  const label = (opt: keyof typeof OPT_LABELS) => `${OPT_LABELS[opt]}${opt === s.opt ? ' (chosen)' : ''}`;
  const rows = r.optimizers.flatMap((o) => PARTS.map((part) => ({ opt: label(o.opt), part, mb: o[part] / MB, color: PART_COLORS[part] })));
  const totals = r.optimizers.map((o) => ({ opt: label(o.opt), mb: o.total / MB, text: `${mb(o.total)} MB` }));
  const narrow = width < 520;
  return plot({
    document: doc,
    width,
    height: 150,
    marginLeft: narrow ? 120 : 150,
    marginRight: narrow ? 78 : 90,
    marginBottom: 36,
    x: { label: 'MB →', grid: true, nice: true },
    y: { label: null, domain: r.optimizers.map((o) => label(o.opt)) },
    color: { type: 'identity' },
    marks: [
      Plot.barX(rows, Plot.stackX({ y: 'opt', x: 'mb', fill: 'color', order: PARTS as unknown as string[], title: (d: { part: Part; mb: number; opt: string }) => `${d.opt}: ${PART_LABELS[d.part]} ${mb(d.mb * MB)} MB` })),
      Plot.text(totals, { y: 'opt', x: 'mb', text: 'text', dx: 4, textAnchor: 'start', fontSize: 11, fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
    ariaLabel: `Stacked bars of training memory for SGD, SGD with momentum and Adam: ${r.optimizers.map((o) => `${OPT_LABELS[o.opt]} ${mb(o.total)} MB`).join(', ')}`,
  });
}

/**
 * Memory against the batch size, each point counted from a graph built at that batch: the
 * batch-free part is flat, the activations grow in proportion, and the total follows them once
 * they dominate. Both axes are logarithmic.
 */
export function batchChart(s: MemoryParams, r: MemoryResult, doc: Document, width: number): Chart {
  const series = [
    { key: 'fixed', name: 'weights + gradients + optimizer state', color: PART_COLORS.weights, value: (p: MemoryResult['sweep'][number]) => p.weights + p.grads + p.optimizer },
    { key: 'activations', name: PART_LABELS.activations, color: PART_COLORS.activations, value: (p: MemoryResult['sweep'][number]) => p.activations },
    { key: 'total', name: 'total', color: 'currentColor', value: (p: MemoryResult['sweep'][number]) => p.total },
  ];
  const points = series.flatMap((line) => r.sweep.map((p) => ({ batch: p.batch, mb: line.value(p) / MB, name: line.name, color: line.color, chosen: p.batch === s.batch })));
  return plot({
    document: doc,
    width,
    height: Math.round(Math.min(340, Math.max(240, width * 0.5))),
    marginLeft: 64,
    marginRight: 16,
    marginBottom: 40,
    // d3's log-scale formatter blanks some of the given ticks (8, 64): the labels are a text mark instead.
    x: { type: 'log', label: 'batch size →', ticks: r.sweep.map((p) => p.batch), tickFormat: () => '', grid: true, inset: 8 },
    y: { type: 'log', label: '↑ MB', grid: true, tickFormat: '~s' },
    color: { type: 'identity' },
    marks: [
      Plot.text(r.sweep, { x: 'batch', text: (p: { batch: number }) => String(p.batch), frameAnchor: 'bottom', lineAnchor: 'top', dy: 9, fill: 'currentColor', fontSize: 10 }),
      Plot.line(points, { x: 'batch', y: 'mb', z: 'name', stroke: 'color', strokeWidth: 2 }),
      Plot.dot(points, { x: 'batch', y: 'mb', fill: 'color', r: (d: { chosen: boolean }) => (d.chosen ? 5 : 3), title: (d: { batch: number; mb: number; name: string }) => `batch ${d.batch}: ${d.name} ${mb(d.mb * MB)} MB` }),
    ],
    caption: `Each point counted from a graph built at that batch size (${OPT_LABELS[s.opt]}, ${s.dtype}); the larger dots are batch ${s.batch}.`,
    ariaLabel: `Memory against batch size, log-log: ${r.sweep.map((p) => `batch ${p.batch} total ${mb(p.total)} MB`).join('; ')}`,
  });
}
