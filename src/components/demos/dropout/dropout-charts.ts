import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import { expectedLoss } from '../../../lib/demos/dropout/dropout-closed-form';
import type { DropoutResult } from '../../../lib/demos/dropout/dropout-logic';
import type { DropoutParams } from '../../../lib/demos/dropout/dropout-schema';

type Chart = SVGSVGElement | HTMLElement;
const accent = 'var(--demo-chart, steelblue)';

/** Training loss per step (bucket means), log scale: noise shows as a band, not a spike. */
export function lossChart(s: DropoutParams, r: DropoutResult, doc: Document, width: number): Chart {
  const points = r.loss.map((loss, i) => ({ step: (i + 1) * r.lossEvery, loss: Math.max(loss, 1e-12) }));
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 56,
    y: { type: 'log', label: 'training loss', grid: true, tickFormat: '~g' },
    x: { label: 'step', tickFormat: '~s' },
    marks: [Plot.line(points, { x: 'step', y: 'loss', stroke: accent, strokeWidth: 1.2 })],
    caption: r.lossEvery > 1 ? `Mean over every ${r.lossEvery} steps. Batch ${s.batch}, drop rate ${s.p}.` : `Batch ${s.batch}, drop rate ${s.p}.`,
  });
}

/**
 * The path of (w₁, w₂) over contours of the expected loss the dropout run minimises, with the
 * closed-form optimum and, for reference, the minimum-norm fit without dropout.
 */
export function pathChart(s: DropoutParams, r: DropoutResult, doc: Document, width: number): Chart | null {
  if (s.x[0]!.length !== 2) return null;
  const inference = (w: number[]) => (s.scaling === 'none' ? w.map((v) => v * (1 - s.p)) : w);
  const path = r.path.map((w) => inference(w));
  const marks = [...path, inference(r.closedForm ?? r.w), r.leastSquares ?? [0, 0], [0, 0]];
  const span = (j: number) => {
    const lo = Math.min(...marks.map((w) => w[j]!));
    const hi = Math.max(...marks.map((w) => w[j]!));
    const pad = Math.max(0.15 * (hi - lo), 0.05 * Math.max(Math.abs(lo), Math.abs(hi)), 0.1);
    return [lo - pad, hi + pad] as [number, number];
  };
  const [x1, x2] = span(0);
  const [y1, y2] = span(1);
  const size = Math.min(width, 460);
  return plot({
    document: doc,
    width: size,
    height: size,
    marginLeft: 48,
    x: { label: 'w₁', domain: [x1, x2] },
    y: { label: 'w₂', domain: [y1, y2] },
    color: { type: 'log', scheme: 'blues', reverse: true },
    marks: [
      Plot.contour({
        fill: (a: number, b: number) => Math.max(expectedLoss(s.x, s.y, s.p, [a, b]), 1e-9),
        x1,
        x2,
        y1,
        y2,
        stroke: 'currentColor',
        strokeOpacity: 0.25,
        fillOpacity: 0.35,
        thresholds: 14,
      }),
      Plot.line(path, { x: (w: number[]) => w[0], y: (w: number[]) => w[1], stroke: '#d9480f', strokeWidth: 1.5 }),
      Plot.dot([inference(r.w)], { x: (w: number[]) => w[0], y: (w: number[]) => w[1], fill: '#d9480f', r: 4, title: () => 'trained' }),
      Plot.dot(r.closedForm ? [inference(r.closedForm)] : [], { x: (w: number[]) => w[0], y: (w: number[]) => w[1], symbol: 'star', r: 7, stroke: 'currentColor', fill: 'gold', title: () => 'closed form' }),
      Plot.dot(r.leastSquares ? [r.leastSquares] : [], { x: (w: number[]) => w[0], y: (w: number[]) => w[1], symbol: 'diamond', r: 5, stroke: 'currentColor', title: () => 'minimum-norm fit, no dropout' }),
    ],
    caption: 'Orange: the weights during training (inference scale). Star: closed-form optimum of the expected loss. Diamond: minimum-norm fit without dropout. Shading: expected loss.',
  });
}

/** The closed form against the drop rate, with the trained points of the sweep on top. */
export function sweepChart(s: DropoutParams, r: DropoutResult, doc: Document, width: number): Chart | null {
  if (!r.sweep || !r.sweepCurve) return null;
  const d = s.x[0]!.length;
  const inference = (p: number, w: number[]) => (s.scaling === 'none' ? w.map((v) => v * (1 - p)) : w);
  const curve = r.sweepCurve.flatMap(({ p, w }) => (w ? inference(p, w).map((v, j) => ({ p, v, weight: `w${j + 1}` })) : []));
  const trained = r.sweep.flatMap(({ p, w }) => inference(p, w).map((v, j) => ({ p, v, weight: `w${j + 1}` })));
  return plot({
    document: doc,
    width,
    height: 260,
    marginLeft: 48,
    x: { label: 'drop rate p', domain: [0, 1] },
    y: { label: 'weight (inference scale)', grid: true },
    color: { legend: true, domain: Array.from({ length: d }, (_, j) => `w${j + 1}`) },
    marks: [
      // p = 0 is drawn apart: the curve's limit there is not the value there (part g).
      Plot.line(curve.filter((c) => c.p > 0), { x: 'p', y: 'v', stroke: 'weight' }),
      Plot.dot(curve.filter((c) => c.p === 0), { x: 'p', y: 'v', stroke: 'weight', r: 4 }),
      Plot.dot(trained, { x: 'p', y: 'v', fill: 'weight', r: 4, symbol: 'square' }),
    ],
    caption: 'Lines: closed form for p > 0; circles at p = 0: the minimum-norm solution; squares: trained.',
  });
}
