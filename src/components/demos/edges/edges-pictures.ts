import * as Plot from '@observablehq/plot';
import { escapeHtml, formatValue } from '../shared/html';

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

/** Plot's colours come as "rgb(r, g, b)"; hex is half the bytes, and a filter has many cells. */
function hex(color: string): string {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  return m ? `#${m.slice(1).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}` : color;
}

const shortValue = (v: number) => formatValue(Number(v.toFixed(2)));

/**
 * One k×k filter as coloured cells on the scale ±limit. Its title (tooltip and accessible name)
 * lists the weights row by row, to two decimals.
 */
export function filterSvg(filter: number[][], limit: number, label: string, size = 64): string {
  const scale = Plot.scale({ color: divergingScale(limit) });
  const k = filter.length;
  const cells = filter.flatMap((row, r) => row.map((v, c) => `<rect x="${c}" y="${r}" width="1" height="1" fill="${hex(String(scale.apply(v)))}"/>`)).join('');
  const values = filter.map((row) => row.map(shortValue).join(' ')).join('; ');
  return `<svg class="edges-filter" viewBox="0 0 ${k} ${k}" width="${size}" height="${size}" shape-rendering="crispEdges" role="img"><title>${escapeHtml(`${label}: ${values}`)}</title>${cells}</svg>`;
}

/**
 * The colour ramp of a filter row, −limit to +limit, as SVG markup. (Plot's own ramp legend paints
 * a canvas, which the build-time document does not have; this one is plain rects.)
 */
export function filterLegend(limit: number, width = 180): string {
  const color = Plot.scale({ color: divergingScale(limit) });
  const steps = 21;
  const w = width - 20;
  const rects = Array.from({ length: steps }, (_, i) => `<rect x="${10 + (i * w) / steps}" y="0" width="${w / steps + 0.5}" height="10" fill="${hex(String(color.apply(-limit + (2 * limit * (i + 0.5)) / steps)))}"/>`).join('');
  const ticks = [-1, -0.5, 0, 0.5, 1]
    .map((t) => `<text x="${10 + ((t + 1) / 2) * w}" y="23" text-anchor="middle">${formatValue(Number((t * limit).toPrecision(2)))}</text>`)
    .join('');
  return `<svg class="edges-legend" viewBox="0 0 ${width} 36" width="${width}" height="36" role="img" aria-label="colour scale from ${formatValue(-limit)} (blue) through 0 (white) to ${formatValue(limit)} (red)"><g>${rects}</g><g fill="currentColor" font-size="10">${ticks}</g><text x="${width / 2}" y="34" text-anchor="middle" fill="currentColor" font-size="9" opacity="0.8">weight</text></svg>`;
}
