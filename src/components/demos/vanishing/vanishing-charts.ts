import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import { scientific } from '../shared/scientific';
import { peakSlope, slope } from '../../../lib/demos/mlp-backprop/activations';
import type { VanishingResult } from '../../../lib/demos/vanishing/vanishing-logic';
import type { VanishingParams } from '../../../lib/demos/vanishing/vanishing-schema';

type Chart = SVGSVGElement | HTMLElement;
const COLOR_B = 'var(--van-b)';
const COLOR_A = 'var(--van-a)';

interface Point {
  layer: number;
  value: number;
  series: string;
}

const SERIES_B = '‖∂y_L/∂b_i‖';
const SERIES_A = '‖∂y_L/∂A_i‖';
const HTML_B = '‖∂y<sub>L</sub>/∂b<sub>i</sub>‖';
const HTML_A = '‖∂y<sub>L</sub>/∂A<sub>i</sub>‖';

/** A caption with subscripts: Plot appends a node as it is. The text is ours, never the reader's. */
function captionOf(doc: Document, html: string): Node {
  const span = doc.createElement('span');
  span.innerHTML = html;
  return span;
}

/**
 * A log axis over whole decades, from a power of ten below the values to one above, with at most
 * about seven labelled powers: clean ticks over any span, the top one inside the drawing.
 */
function decades(values: number[]): { domain: [number, number]; ticks: number[] } | null {
  if (!values.length) return null;
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...values))));
  const step = Math.max(1, Math.ceil((hi - lo) / 7));
  const ticks: number[] = [];
  for (let k = hi; k >= lo; k -= step) ticks.push(10 ** k);
  return { domain: [10 ** (hi - step * Math.ceil((hi - lo) / step)), 10 ** hi], ticks };
}

/** 10⁻⁴ for a power of ten. */
const powerLabel = (d: number): string => {
  const k = Math.round(Math.log10(d));
  return k === 0 ? '1' : k === 1 ? '10' : scientific(10 ** k, 1).replace(/^1·/, '');
};

/** Ranges of consecutive layers, "1–19, 22". */
function ranges(layers: number[]): string {
  const out: string[] = [];
  let start = layers[0];
  for (let k = 1; k <= layers.length; k++) {
    if (layers[k] !== layers[k - 1]! + 1) {
      const end = layers[k - 1]!;
      out.push(start === end ? `${start}` : `${start}–${end}`);
      start = layers[k];
    }
  }
  return out.join(', ');
}

/** The gradient norms per layer on a log scale; zeros (float32 underflow, dead ReLUs) cannot be drawn and are named in the caption. */
export function normsChart(s: VanishingParams, r: VanishingResult | null, doc: Document, width: number): Chart {
  const points: Point[] = (r?.layers ?? []).flatMap((l) => [
    { layer: l.layer, value: l.gradB ?? 0, series: SERIES_B },
    { layer: l.layer, value: l.gradA ?? 0, series: SERIES_A },
  ]);
  const drawn = points.filter((p) => p.value > 0);
  const zeroB = (r?.layers ?? []).filter((l) => l.gradB === 0).map((l) => l.layer);
  const zeroA = (r?.layers ?? []).filter((l) => l.gradA === 0).map((l) => l.layer);
  const axis = decades(drawn.map((p) => p.value));
  const chosen = s.at.filter((j) => j <= s.depth);
  const marks = [
    Plot.ruleX(chosen, { stroke: 'currentColor', strokeOpacity: 0.35, strokeWidth: 6 }),
    Plot.line(drawn, { x: 'layer', y: 'value', z: 'series', stroke: (d: Point) => (d.series === SERIES_B ? COLOR_B : COLOR_A), strokeWidth: 1.5 }),
    Plot.dot(drawn, {
      x: 'layer',
      y: 'value',
      fill: (d: Point) => (d.series === SERIES_B ? COLOR_B : COLOR_A),
      symbol: (d: Point) => (d.series === SERIES_B ? 'circle' : 'square'),
      r: 3.5,
      tip: true,
      title: (d: Point) => `layer ${d.layer}\n${d.series} = ${scientific(d.value, 3)}`,
    }),
  ];
  const notes = [
    `Circles: ${HTML_B}; squares: ${HTML_A}.`,
    chosen.length ? `Grey bars: the layers in <code>at</code> (${chosen.join(', ')}).` : '',
    zeroB.length || zeroA.length
      ? `Exactly 0 in float32, so not drawn on the log scale: ${[zeroB.length ? `${HTML_B} for layers ${ranges(zeroB)}` : '', zeroA.length ? `${HTML_A} for layers ${ranges(zeroA)}` : ''].filter(Boolean).join(', ')}.`
      : '',
  ].filter(Boolean);
  return plot({
    document: doc,
    width,
    height: Math.round(Math.min(380, Math.max(240, width * 0.5))),
    marginLeft: 64,
    marginRight: 16,
    x: { label: 'layer i →', domain: [0.5, s.depth + 0.5], ticks: layerTicks(s.depth), tickFormat: (d: number) => String(d) },
    marginTop: 28,
    y: { type: 'log', label: '↑ norm of the gradient', grid: true, ...(axis ? { domain: axis.domain, ticks: axis.ticks } : {}), tickFormat: powerLabel },
    marks: drawn.length ? marks : [Plot.ruleX(chosen, { stroke: 'currentColor', strokeOpacity: 0.35, strokeWidth: 6 })],
    caption: captionOf(doc, r ? notes.join(' ') : 'Run to draw the gradient norms of this state.'),
    ariaLabel: `Log-scale chart of the norms of the gradients of y_L with respect to b_i and A_i for layers i = 1 to ${s.depth}`,
  });
}

function layerTicks(depth: number): number[] {
  const step = depth <= 10 ? 1 : depth <= 30 ? 5 : 10;
  const ticks = [1];
  for (let t = step; t <= depth; t += step) if (t !== 1) ticks.push(t);
  if (ticks[ticks.length - 1] !== depth) ticks.push(depth);
  return ticks;
}

/** Histogram of the hidden pre-activations ỹ_i, with σ′ (scaled to the tallest bar) over it. */
export function histogramChart(s: VanishingParams, r: VanishingResult | null, doc: Document, width: number): Chart {
  const bins = r?.histogram ?? [];
  const top = Math.max(1, ...bins.map((b) => b.count));
  const lo = bins[0]?.x0 ?? -4;
  const hi = bins[bins.length - 1]?.x1 ?? 4;
  const curve = Array.from({ length: 201 }, (_, k) => {
    const z = lo + ((hi - lo) * k) / 200;
    return { z, v: (top * slope(s.act, z)) / peakSlope(s.act) };
  });
  const split = s.at.length > 0;
  const stacked = bins.flatMap((b) => [
    { x0: b.x0, x1: b.x1, count: b.chosen, group: split ? 'layers in at' : 'all hidden layers' },
    ...(split ? [{ x0: b.x0, x1: b.x1, count: b.count - b.chosen, group: 'other layers' }] : []),
  ]);
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 48,
    marginRight: 16,
    x: { label: 'pre-activation ỹ →', domain: [lo, hi] },
    y: { label: '↑ units', grid: true },
    marks: [
      Plot.rectY(stacked, { x1: 'x0', x2: 'x1', y: 'count', fill: (d: { group: string }) => (d.group === 'other layers' ? COLOR_A : COLOR_B), fillOpacity: 0.75, insetLeft: 0.5, insetRight: 0.5 }),
      Plot.line(curve, { x: 'z', y: 'v', stroke: 'currentColor', strokeDasharray: '5,3', strokeOpacity: 0.8 }),
      Plot.ruleY([0]),
    ],
    caption: captionOf(
      doc,
      r
        ? `Every hidden unit's ỹ<sub>i</sub> (layers 1 … ${s.depth - 1}, ${(s.depth - 1) * s.width} values)${split ? '; blue: the layers in <code>at</code>, orange: the others' : ''}. Dashed: σ′(ỹ) relative to its peak (${s.act === 'sigmoid' ? '1/4' : '1'}), drawn to the height of the tallest bar. ${Math.round(r.saturated * 100)}\u00a0% of the units have σ′ below a tenth of its peak.`
        : 'Run to draw the pre-activations of this state.',
    ),
    ariaLabel: `Histogram of the hidden pre-activations with the activation's derivative drawn over it`,
  });
}
