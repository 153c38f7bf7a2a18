import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import { FLOAT32_ROUNDOFF, type MomentumResult } from '../../../lib/demos/momentum/momentum-logic';
import type { MomentumParams } from '../../../lib/demos/momentum/momentum-schema';
import { quadratic } from '../../../lib/demos/momentum/momentum-theory';

type Chart = SVGSVGElement | HTMLElement;
type Point = { k: number; x: number; y: number };

/** Form I in the accent, Form II in an orange; both set per theme in momentum.css. */
const FORM_I = 'var(--mom-one, #2556c4)';
const FORM_II = 'var(--mom-two, #c2410c)';

const points = (rows: number[][]): Point[] => rows.map(([x, y], k) => ({ k, x: x!, y: y! }));

/**
 * Both paths over the contours of f − f*, with θ⁰ and θ*. The axes share one scale, so the
 * ellipses keep their true shape (their axis ratio is √(λmax/λmin)).
 */
export function pathChart(s: MomentumParams, r: MomentumResult, doc: Document, width: number): Chart {
  const all = [...r.formI, ...r.formII, r.minimizer];
  const lo = (j: number) => Math.min(...all.map((p) => p[j]!));
  const hi = (j: number) => Math.max(...all.map((p) => p[j]!));
  const margin = { left: 48, right: 16, top: 16, bottom: 40 };
  const size = Math.min(width, 560);
  const inner = size - margin.left - margin.right;
  // Equal scales: the wider span fills the width; the height follows, within [0.45, 1] × width.
  const pad = (a: number, b: number) => Math.max(0.08 * (b - a), 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)));
  let [x1, x2, y1, y2] = [lo(0), hi(0), lo(1), hi(1)];
  [x1, x2] = [x1 - pad(x1, x2), x2 + pad(x1, x2)];
  [y1, y2] = [y1 - pad(y1, y2), y2 + pad(y1, y2)];
  const perUnit = Math.min(inner / (x2 - x1), inner / (y2 - y1));
  const innerW = inner;
  const innerH = Math.min(inner, Math.max(0.45 * inner, (y2 - y1) * perUnit));
  const grow = (a: number, b: number, span: number): [number, number] => {
    const extra = (span - (b - a)) / 2;
    return [a - extra, b + extra];
  };
  [x1, x2] = grow(x1, x2, innerW / perUnit);
  [y1, y2] = grow(y1, y2, innerH / perUnit);
  const fStar = quadratic(s.A, s.b, r.minimizer);
  const gap = (a: number, b: number) => Math.max(quadratic(s.A, s.b, [a, b]) - fStar, 1e-12);
  const top = Math.max(gap(x1, y1), gap(x1, y2), gap(x2, y1), gap(x2, y2));
  // Levels a factor 2 apart: on a quadratic, each ellipse is √2 times the size of the one inside.
  const thresholds = Array.from({ length: 14 }, (_, i) => top / 2 ** (i + 1)).reverse();
  const xy = { x: 'x', y: 'y' } as const;
  return plot({
    document: doc,
    width: innerW + margin.left + margin.right,
    height: innerH + margin.top + margin.bottom,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    x: { label: 'θ₁', domain: [x1, x2] },
    y: { label: 'θ₂', domain: [y1, y2] },
    marks: [
      // One ink for every level, stacked: higher f is more ink, in either theme, and the paths stay the brightest marks.
      Plot.contour({ value: gap, x1, x2, y1, y2, thresholds, fill: 'currentColor', fillOpacity: 0.025, stroke: 'currentColor', strokeOpacity: 0.3 }),
      Plot.line(points(r.formI), { ...xy, stroke: FORM_I, strokeWidth: 1.5 }),
      Plot.dot(points(r.formI), { ...xy, fill: FORM_I, r: 2.2, title: (p: Point) => `Form I, k = ${p.k}: (${p.x.toPrecision(5)}, ${p.y.toPrecision(5)})` }),
      Plot.dot(points(r.formII), { ...xy, stroke: FORM_II, r: 4.5, strokeWidth: 1.2, title: (p: Point) => `Form II, k = ${p.k}: (${p.x.toPrecision(5)}, ${p.y.toPrecision(5)})` }),
      Plot.dot([r.formI[0]!], { x: (p: number[]) => p[0], y: (p: number[]) => p[1], symbol: 'square', r: 5, fill: 'currentColor', title: () => 'θ⁰' }),
      Plot.dot([r.minimizer], { x: (p: number[]) => p[0], y: (p: number[]) => p[1], symbol: 'star', r: 7, stroke: 'currentColor', fill: 'gold', title: () => 'θ* = A⁻¹b' }),
    ],
    caption: `Line and dots: Form I (heavy ball). Rings: Form II (velocity form), drawn on top. Square: θ⁰; star: the minimizer θ*. Contours of f − f*, each level half the one outside it, shaded more heavily where f is higher.`,
    ariaLabel: `Paths of Form I and Form II over ${s.steps} steps on the contours of f, from θ⁰ = (${s.theta0.join(', ')}) toward θ* = (${r.minimizer.map((v) => Number(v.toPrecision(4))).join(', ')})`,
  });
}

/**
 * |θ_I^k − θ_II^k| on a log scale. Steps where the two agree to the last bit (difference 0, which
 * a log scale cannot place) are marked on the bottom edge instead.
 */
export function diffChart(s: MomentumParams, r: MomentumResult, doc: Document, width: number): Chart {
  const nonzero = r.diff.flatMap((d, k) => (d > 0 ? [{ k, d }] : []));
  const zeros = r.diff.flatMap((d, k) => (d === 0 ? [{ k }] : []));
  const largest = Math.max(...r.formI.map(([a, b]) => Math.hypot(a!, b!)));
  const unit = FLOAT32_ROUNDOFF * largest;
  const values = [...nonzero.map((p) => p.d), unit].filter((v) => v > 0);
  const domain: [number, number] = values.length ? [Math.min(...values) / 2, Math.max(...values) * 2] : [1e-9, 1e-6];
  return plot({
    document: doc,
    width: Math.min(width, 560),
    height: 230,
    marginLeft: 60,
    marginRight: 16,
    marginBottom: 40,
    x: { label: 'step k', domain: [0, s.steps], tickFormat: '~s' },
    y: { type: 'log', label: '|θ_I − θ_II|', domain, grid: true, tickFormat: '.0e' },
    marks: [
      Plot.ruleY([unit], { stroke: 'currentColor', strokeDasharray: '5,4', strokeOpacity: 0.7 }),
      Plot.dot(nonzero, { x: 'k', y: 'd', fill: FORM_II, r: 2.4, title: (p: { k: number; d: number }) => `k = ${p.k}: ${p.d.toExponential(2)}` }),
      Plot.dot(zeros, { x: 'k', frameAnchor: 'bottom', symbol: 'times', r: 3, stroke: 'currentColor', title: (p: { k: number }) => `k = ${p.k}: exactly 0` }),
    ],
    caption: `Dots: distance between the two forms' iterates. ×: ${zeros.length} step${zeros.length === 1 ? '' : 's'} where they are bit for bit equal. Dashed: 2⁻²⁴ × the largest |θ|, one float32 rounding of the largest iterate.`,
    ariaLabel: `Log-scale plot of the distance between the iterates of the two forms at each step, largest ${r.maxDiff.toExponential(2)}`,
  });
}
