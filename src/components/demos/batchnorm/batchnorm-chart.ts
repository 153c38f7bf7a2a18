import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { BatchnormResult, BatchStats } from '../../../lib/demos/batchnorm/batchnorm-logic';
import { sdEllipse } from '../../../lib/demos/batchnorm/batchnorm-geometry';
import { gaussianSetup, type BatchnormParams } from '../../../lib/demos/batchnorm/batchnorm-schema';

type Chart = SVGSVGElement | HTMLElement;

/** Before: a fixed orange that reads on both themes; after: the frame's accent (demo.css). */
export const BEFORE = '#d9480f';
export const AFTER = 'var(--demo-chart, steelblue)';

const fmt = (v: number) => String(Number(v.toPrecision(3))).replace(/^-/, '−');

/** The population's statistics, drawn (contours only) while a state has not been run. */
function population(s: BatchnormParams): BatchStats {
  const g = gaussianSetup(s);
  const std = g.cov.map((r, i) => Math.sqrt(r[i]!));
  return { mean: g.mu, cov: g.cov, std, corr: g.cov.map((r, i) => r.map((v, j) => v / (std[i]! * std[j]!))) };
}

function span(values: number[], pad: number): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const p = Math.max(pad * (hi - lo), 1e-6);
  return [lo - p, hi + p];
}

/** Histograms of x and of y = BN(x) on one axis, each with its sample Gaussian and its mean ± 1, 2 SD. */
function histogram(s: BatchnormParams, r: BatchnormResult | null, doc: Document, width: number): Chart {
  const before = r?.before ?? population(s);
  const groups = [
    { name: 'before', stats: before, values: r ? r.points.before.map((p) => p[0]!) : [], color: BEFORE, label: `μ = ${fmt(before.mean[0]!)}` },
    ...(r ? [{ name: 'after', stats: r.after, values: r.points.after.map((p) => p[0]!), color: AFTER, label: `β = ${fmt(gaussianSetup(s).beta[0]!)}` }] : []),
  ];
  const reach = groups.flatMap((gr) => [gr.stats.mean[0]! - 3 * gr.stats.std[0]!, gr.stats.mean[0]! + 3 * gr.stats.std[0]!, ...gr.values]);
  const [lo, hi] = span(reach, 0.02);
  const bins = 60;
  const w = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * w);
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 })];
  for (const gr of groups) {
    const m = gr.stats.mean[0]!;
    const sd = gr.stats.std[0]!;
    if (gr.values.length) {
      marks.push(Plot.rectY(gr.values, { ...Plot.binX({ y: 'count' }, { x: (v: number) => v, thresholds: edges }), fill: gr.color, fillOpacity: 0.45, inset: 0 }));
      const count = gr.values.length;
      const curve = Array.from({ length: 161 }, (_, i) => {
        const t = m - 4 * sd + (8 * sd * i) / 160;
        return { t, c: (count * w * Math.exp(-0.5 * ((t - m) / sd) ** 2)) / (sd * Math.sqrt(2 * Math.PI)) };
      });
      marks.push(Plot.line(curve, { x: 't', y: 'c', stroke: gr.color, strokeWidth: 2 }));
    }
    marks.push(Plot.ruleX([m], { stroke: gr.color, strokeWidth: 2 }));
    marks.push(Plot.ruleX([m - sd, m + sd], { stroke: gr.color, strokeDasharray: '5,3', strokeWidth: 1.5 }));
    marks.push(Plot.ruleX([m - 2 * sd, m + 2 * sd], { stroke: gr.color, strokeDasharray: '2,3', strokeWidth: 1.5 }));
    marks.push(Plot.text([m], { x: (v: number) => v, frameAnchor: 'top', dy: -2, text: () => gr.label, fill: 'currentColor', fontSize: 12, textAnchor: 'start', dx: 4 }));
  }
  return plot({
    document: doc,
    width,
    height: Math.round(Math.min(360, Math.max(240, width * 0.5))),
    marginLeft: 48,
    marginTop: 24,
    x: { label: 'value: x before, y = BN(x) after →', domain: [lo, hi], grid: true },
    y: { label: '↑ count per bin', grid: true },
    marks,
    ariaLabel: r
      ? `Histograms of the ${r.points.before.length} samples drawn: x, mean ${fmt(before.mean[0]!)} and standard deviation ${fmt(before.std[0]!)}, and y = BN(x), mean ${fmt(r.after.mean[0]!)} and standard deviation ${fmt(r.after.std[0]!)}, each with lines at its mean and 1 and 2 standard deviations from it`
      : `The Gaussian's mean ${fmt(before.mean[0]!)} and 1 and 2 standard deviations from it; not computed yet`,
  });
}

/** Scatter of x and of y = BN(x) on equal axes, each with its 1-SD and 2-SD ellipses from the sample covariance. */
function scatter(s: BatchnormParams, r: BatchnormResult | null, doc: Document, width: number): Chart {
  const before = r?.before ?? population(s);
  const groups = [
    { name: 'before', stats: before, points: r?.points.before ?? [], color: BEFORE },
    ...(r ? [{ name: 'after', stats: r.after, points: r.points.after, color: AFTER }] : []),
  ];
  const rings = groups.flatMap((gr) => [1, 2].map((k) => ({ ...gr, k, path: sdEllipse(gr.stats.mean, gr.stats.cov, k) })));
  const all = [...rings.flatMap((ring) => ring.path), ...groups.flatMap((gr) => gr.points.map((p) => [p[0]!, p[1]!] as [number, number]))];
  const xd = span(all.map((p) => p[0]), 0.04);
  const yd = span(all.map((p) => p[1]), 0.04);
  const margin = { marginLeft: 44, marginRight: 12, marginTop: 16, marginBottom: 40 };
  // Equal units on both axes (the ellipses' shapes are the point), within a height that fits a screen.
  const unitsPerPx = Math.max((xd[1] - xd[0]) / (width - margin.marginLeft - margin.marginRight), (yd[1] - yd[0]) / (460 - margin.marginTop - margin.marginBottom));
  const plotWidth = Math.round((xd[1] - xd[0]) / unitsPerPx + margin.marginLeft + margin.marginRight);
  const plotHeight = Math.round((yd[1] - yd[0]) / unitsPerPx + margin.marginTop + margin.marginBottom);
  const marks: Plot.Markish[] = [];
  for (const gr of groups) {
    if (gr.points.length) marks.push(Plot.dot(gr.points, { x: (p: number[]) => p[0], y: (p: number[]) => p[1], r: 1.6, fill: gr.color, fillOpacity: 0.35, stroke: 'none' }));
  }
  for (const ring of rings) {
    marks.push(Plot.line(ring.path, { x: (p: number[]) => p[0], y: (p: number[]) => p[1], stroke: ring.color, strokeWidth: 2, strokeDasharray: ring.k === 2 ? '6,4' : undefined }));
  }
  for (const gr of groups) {
    marks.push(Plot.dot([gr.stats.mean], { x: (m: number[]) => m[0], y: (m: number[]) => m[1], symbol: 'plus', r: 7, stroke: 'currentColor', strokeWidth: 2 }));
  }
  const describe = (name: string, st: BatchStats) =>
    `${name}: mean (${fmt(st.mean[0]!)}, ${fmt(st.mean[1]!)}), standard deviations (${fmt(st.std[0]!)}, ${fmt(st.std[1]!)}), correlation ${fmt(st.corr[0]![1]!)}`;
  return plot({
    document: doc,
    width: plotWidth,
    height: plotHeight,
    ...margin,
    x: { label: 'first coordinate →', domain: xd, grid: true },
    y: { label: '↑ second coordinate', domain: yd, grid: true },
    marks,
    ariaLabel: r
      ? `Scatter plot of ${r.points.before.length} samples before and after batch norm, with the 1- and 2-SD ellipses of each. ${describe('Before', r.before)}. ${describe('After', r.after)}.`
      : `The Gaussian's 1- and 2-SD ellipses; not computed yet. ${describe('Population', before)}.`,
  });
}

export function batchnormChart(s: BatchnormParams, r: BatchnormResult | null, doc: Document = document, width = 640): Chart {
  return s.dims === 1 ? histogram(s, r, doc, width) : scatter(s, r, doc, width);
}
