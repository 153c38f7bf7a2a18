import * as Plot from '@observablehq/plot';
import { escapeHtml, formatValue } from '../shared/html';
import { pngDataUrl } from '../shared/png';

/**
 * Small pictures as SVG markup: the 28×28 grey images and the first-layer filters. Pure strings,
 * so the build-time HTML and the live view are the same markup.
 */

const grey = (v: number) => {
  const g = Math.round(255 * Math.min(1, Math.max(0, v)))
    .toString(16)
    .padStart(2, '0');
  return `#${g}${g}${g}`;
};

/**
 * A grey image (0 black, 1 white, as the notebook's `cmap="gray"`), drawn as one path per distinct
 * value made of horizontal runs. An edge image has two values (background and band), so this is a
 * few hundred bytes where a rect per pixel would be tens of kilobytes; a permuted image, whose band
 * pixels are scattered, still needs only one short run per band pixel.
 */
export function greyImageSvg(image: number[][], label: string, size = 70): string {
  const count = new Map<number, number>();
  for (const v of image.flat()) count.set(v, (count.get(v) ?? 0) + 1);
  // The commonest value (the background) is one rect under everything; only the rest are runs.
  const background = [...count].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const runs = new Map<number, string[]>();
  for (const [r, row] of image.entries()) {
    for (let c = 0; c < row.length; ) {
      const v = row[c]!;
      let end = c + 1;
      while (end < row.length && row[end] === v) end++;
      if (v !== background) {
        let list = runs.get(v);
        if (!list) runs.set(v, (list = []));
        list.push(`M${c} ${r}h${end - c}v1h${c - end}z`);
      }
      c = end;
    }
  }
  const rows = image.length;
  const cols = image[0]?.length ?? rows;
  const paths = [...runs].map(([v, d]) => `<path fill="${grey(v)}" d="${d.join('')}"/>`).join('');
  return `<svg class="edges-img" viewBox="0 0 ${cols} ${rows}" width="${size}" height="${size}" shape-rendering="crispEdges" role="img" aria-label="${escapeHtml(label)}"><rect width="${cols}" height="${rows}" fill="${grey(background)}"/>${paths}</svg>`;
}

/** Red for positive weights, blue for negative, white at 0; symmetric so 0 is always the middle. */
function divergingScale(limit: number) {
  return { type: 'diverging' as const, scheme: 'rdbu' as const, reverse: true, domain: [-limit, limit], pivot: 0 };
}

/** The largest |w| of some filters, never 0 (an all-zero filter still needs a scale). */
export function limitOf(filters: number[][][]): number {
  return Math.max(1e-6, ...filters.flat(2).map(Math.abs));
}

/** The three bytes of one of Plot's scale colours ("rgb(r, g, b)"). */
function rgb(color: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  if (!m) throw new Error(`not a colour of Plot's scale: ${color}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const shortValue = (v: number) => formatValue(Number(v.toFixed(2)));

/**
 * One k×k filter as a k×k picture on the scale ±limit, one pixel per weight, scaled up without
 * smoothing (CSS). One image rather than a rect per weight: a write-up shows dozens of 7×7
 * filters, and thousands of rects made the page slow to load on a phone. Its alternative text and
 * tooltip list the weights row by row, to two decimals.
 */
export function filterImage(filter: number[][], limit: number, label: string, size = 64): string {
  const scale = Plot.scale({ color: divergingScale(limit) });
  const k = filter.length;
  const pixels = filter.flatMap((row) => row.flatMap((v) => rgb(String(scale.apply(v)))));
  const text = escapeHtml(`${label}: ${filter.map((row) => row.map(shortValue).join(' ')).join('; ')}`);
  return `<img class="edges-filter" src="${pngDataUrl(k, k, 3, pixels)}" width="${size}" height="${size}" alt="${text}" title="${text}" />`;
}

/**
 * The colour ramp of a filter row, −limit to +limit: one gradient bar with five tick values under
 * it, as HTML (Plot's own ramp legend paints a canvas, which the build-time document does not have).
 */
export function filterLegend(limit: number): string {
  const color = Plot.scale({ color: divergingScale(limit) });
  const stops = Array.from({ length: 11 }, (_, i) => `${String(color.apply(-limit + (2 * limit * i) / 10)).replace(/\s+/g, '')} ${i * 10}%`).join(',');
  const ticks = [-1, -0.5, 0, 0.5, 1].map((t) => `<span>${formatValue(Number((t * limit).toPrecision(2)))}</span>`).join('');
  return `<div class="edges-legend" role="img" aria-label="colour scale from ${formatValue(-limit)} (blue) through 0 (white) to ${formatValue(limit)} (red)"><span class="edges-legend-ramp" style="background:linear-gradient(to right,${stops})"></span><span class="edges-legend-ticks" aria-hidden="true">${ticks}</span><span class="edges-legend-title" aria-hidden="true">weight</span></div>`;
}
