import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import { boxcar, impulseResponse, indexRange, type Conv1dResult } from '../../../lib/demos/conv1d/conv1d-logic';
import type { Conv1dParams } from '../../../lib/demos/conv1d/conv1d-schema';

interface Stem {
  n: number;
  value: number;
  panel: string;
}

/**
 * Stem plots of x, h and y on one index axis. With a shift, the unshifted output is drawn in
 * grey under y, so the reader sees the same shape moved by N.
 */
export function conv1dChart(s: Conv1dParams, result: Conv1dResult | null, doc: Document = document, width = 720): SVGSVGElement | HTMLElement {
  // Before a state is computed, x and h are still known; y is left empty.
  const n = indexRange(s);
  const r = result ?? { n, x: n.map(boxcar(s.L, s.shift)), h: n.map(impulseResponse(s.a)), y: [], yUnshifted: [] };
  const xLabel = s.shift ? `x(n − ${s.shift})` : 'x(n)';
  const yLabel = s.shift ? `y(n) for x(n − ${s.shift})` : 'y(n) = x * h';
  const stems = (values: number[], panel: string): Stem[] => values.map((value, i) => ({ n: r.n[i]!, value, panel }));
  const main = [...stems(r.x, xLabel), ...stems(r.h, `h(n) = ${s.a}ⁿ u(n)`), ...stems(r.y, yLabel)];
  const ghost = s.shift ? stems(r.yUnshifted, yLabel) : [];
  const panels = [xLabel, `h(n) = ${s.a}ⁿ u(n)`, yLabel];
  return plot({
    document: doc,
    width,
    height: 420,
    marginLeft: 40,
    marginRight: 12,
    marginTop: 8,
    x: { label: 'n', tickFormat: 'd', domain: [s.from - 0.5, s.to + 0.5] },
    y: { label: null, grid: true, nice: true },
    // Panel names are drawn inside each panel, so narrow screens keep the full width for data.
    fy: { domain: panels, axis: null, padding: 0.18 },
    facet: { data: main, y: 'panel' },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.text(panels, { fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dx: 4, dy: -2, fontSize: 12, fontWeight: 600, fill: 'currentColor', stroke: 'var(--sl-color-bg, var(--demo-bg, white))', strokeWidth: 4, paintOrder: 'stroke' }),
      Plot.ruleX(ghost, { x: 'n', y1: 0, y2: 'value', fy: 'panel', stroke: 'gray', strokeOpacity: 0.5, strokeDasharray: '3,2' }),
      Plot.dot(ghost, { x: 'n', y: 'value', fy: 'panel', stroke: 'gray', r: 3.5 }),
      Plot.ruleX(main, { x: 'n', y1: 0, y2: 'value', fy: 'panel', stroke: 'var(--demo-chart, steelblue)', strokeWidth: 1.5 }),
      Plot.dot(main, { x: 'n', y: 'value', fy: 'panel', fill: 'var(--demo-chart, steelblue)', r: 3, tip: true, title: (d: Stem) => `n = ${d.n}\n${d.panel.split(' ')[0]} = ${Number(d.value.toPrecision(6))}` }),
    ],
    caption: s.shift ? `Grey: the output for the undelayed boxcar x(n), for comparison.` : undefined,
    ariaLabel: `Stem plots of ${panels.join(', ')} for n from ${s.from} to ${s.to}`,
  });
}
