import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { ConvGradientResult } from '../../../lib/demos/conv-gradient/conv-gradient-logic';
import type { ConvGradientParams } from '../../../lib/demos/conv-gradient/conv-gradient-schema';
import { gradientSide, theoryStd } from '../../../lib/demos/conv-gradient/conv-gradient-theory';

interface Point {
  n: number;
  value: number;
  series: 'measured' | 'theory';
}

/**
 * Log-log plot of the spread of dw entries against the image size: measured (dots) and
 * (n − k + 1)·σx·σg (line). Before a state is computed only the line is drawn.
 */
export function convGradientChart(s: ConvGradientParams, result: ConvGradientResult | null, doc: Document = document, width = 640): SVGSVGElement | HTMLElement {
  const sizes = [...s.n].sort((a, b) => a - b);
  const theory: Point[] = sizes.map((n) => ({ n, value: theoryStd(n, s.k, s.sx, s.sg), series: 'theory' }));
  const measured: Point[] = (result?.sweep ?? []).map((p) => ({ n: p.n, value: p.std, series: 'measured' }));
  const last = theory[theory.length - 1]!;
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  return plot({
    document: doc,
    width,
    height: Math.round(Math.min(420, Math.max(260, width * 0.6))),
    marginLeft: 56,
    marginRight: 24,
    marginBottom: 40,
    x: { type: 'log', label: 'image size n →', ticks: sizes, tickFormat: (d: number) => String(d), grid: true, nice: false, inset: 12 },
    y: { type: 'log', label: '↑ std of a dw entry', grid: true, inset: 14 },
    marks: [
      Plot.line(theory, { x: 'n', y: 'value', stroke: 'currentColor', strokeOpacity: 0.55, strokeWidth: 2, strokeDasharray: '6,4' }),
      Plot.dot(measured, {
        x: 'n',
        y: 'value',
        fill: 'var(--demo-chart, steelblue)',
        r: 4.5,
        tip: true,
        title: (d: Point) => {
          const t = theoryStd(d.n, s.k, s.sx, s.sg);
          return `n = ${d.n} (dY is ${gradientSide(d.n, s.k)}×${gradientSide(d.n, s.k)})\nmeasured std = ${fmt(d.value)}\ntheory (n − k + 1)σxσg = ${fmt(t)}`;
        },
      }),
      Plot.text([last], { x: 'n', y: 'value', text: () => 'theory', dx: -6, dy: -12, textAnchor: 'end', fontSize: 12, fill: 'currentColor', fillOpacity: 0.75 }),
    ],
    caption: result ? `Dots: measured over ${s.trials} trials × ${s.k * s.k} entries (${s.dist}). Dashed: (n − k + 1)·σx·σg.` : 'Dashed: (n − k + 1)·σx·σg. Run to add the measured points.',
    ariaLabel: `Log-log plot of the standard deviation of a dw entry against the image size n, measured and predicted, for n = ${sizes.join(', ')}`,
  });
}
