import type { Pads } from './filters-padding';
import type { Plane } from './image-plane';

/** How an output is drawn: grey from 0 to `hi`, or a diverging map from −hi (blue) to +hi (red). */
export interface DisplayScale {
  kind: 'grey' | 'diverging';
  hi: number;
  /** Some values lie beyond ±hi and are drawn at full strength. */
  clipped: boolean;
}

/** A few isolated pixels (a highlight, noise) should not wash out the rest: the scale ends at this quantile of |y|. */
const QUANTILE = 0.995;

function quantileAbs(data: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(data, Math.abs).sort();
  return a.length ? a[Math.min(a.length - 1, Math.ceil(q * (a.length - 1)))]! : 0;
}

/** Pixels whose window lies inside the image; all of them when the ring would leave none. */
function interior(p: Plane, [top, left, bottom, right]: Pads): ArrayLike<number> {
  if (p.height - top - bottom <= 0 || p.width - left - right <= 0) return p.data;
  const out: number[] = [];
  for (let r = top; r < p.height - bottom; r++) for (let c = left; c < p.width - right; c++) out.push(p.data[r * p.width + c]!);
  return out;
}

/**
 * Signed outputs (an edge filter) get a map symmetric about 0, so "no response" is the same
 * neutral colour everywhere; non-negative ones (a blur, a gradient magnitude) a grey scale that
 * starts at black and ends no lower than 1, the brightest grey input, so a blur looks like its input.
 * The scale is read off the interior: with zero padding an edge filter sees a false edge all
 * round the border, which would otherwise set the scale and leave the picture itself faint.
 */
export function displayScale(p: Plane, pads: Pads): DisplayScale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of p.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const q = quantileAbs(interior(p, pads), QUANTILE);
  if (min < 0) {
    const hi = Math.max(q, 1e-12);
    return { kind: 'diverging', hi, clipped: Math.max(-min, max) > hi };
  }
  const hi = Math.max(q, 1);
  return { kind: 'grey', hi, clipped: max > hi };
}

/** RdBu from ColorBrewer, blue (negative) through near-white to red (positive). */
export const DIVERGING_STOPS: readonly (readonly [number, number, number])[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

/** t in [−1, 1] to an RGB colour of the diverging map. */
export function divergingColour(t: number): [number, number, number] {
  const x = ((Math.max(-1, Math.min(1, t)) + 1) / 2) * (DIVERGING_STOPS.length - 1);
  const i = Math.min(DIVERGING_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = DIVERGING_STOPS[i]!;
  const b = DIVERGING_STOPS[i + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + f * (b[c]! - a[c]!))) as [number, number, number];
}

/** Levels of the diverging map: odd, so that 0 has a level of its own (the middle one). */
export const DIVERGING_LEVELS = 255;

/**
 * One byte per pixel: the grey level (0..255), or the index into the diverging palette. The
 * build-time PNG and the live canvas both draw from these, so they show the same colours.
 */
export function planeLevels(p: Plane, scale: Pick<DisplayScale, 'kind' | 'hi'>): Uint8Array {
  const out = new Uint8Array(p.data.length);
  const half = (DIVERGING_LEVELS - 1) / 2;
  for (let i = 0; i < p.data.length; i++) {
    const v = Math.max(-1, Math.min(1, p.data[i]! / scale.hi));
    out[i] = scale.kind === 'grey' ? Math.round(Math.max(0, v) * 255) : Math.round((v + 1) * half);
  }
  return out;
}

/** The diverging map's colours, level by level. */
export function divergingPalette(): [number, number, number][] {
  const half = (DIVERGING_LEVELS - 1) / 2;
  return Array.from({ length: DIVERGING_LEVELS }, (_, i) => divergingColour(i / half - 1));
}

/** RGBA bytes of a plane drawn on a scale, for a canvas's ImageData. */
export function planeToRgba(p: Plane, scale: Pick<DisplayScale, 'kind' | 'hi'>): Uint8ClampedArray {
  const levels = planeLevels(p, scale);
  const palette = scale.kind === 'diverging' ? divergingPalette() : null;
  const out = new Uint8ClampedArray(p.data.length * 4);
  for (let i = 0; i < levels.length; i++) {
    const [r, g, b] = palette ? palette[levels[i]!]! : [levels[i]!, levels[i]!, levels[i]!];
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** The input is grey in [0, 1] and drawn as it is. */
export const INPUT_SCALE: DisplayScale = { kind: 'grey', hi: 1, clipped: false };

/** A CSS gradient for the legend of a scale. */
export function legendGradient(kind: DisplayScale['kind']): string {
  if (kind === 'grey') return 'linear-gradient(to right, #000, #fff)';
  const stops = DIVERGING_STOPS.map(([r, g, b], i) => `rgb(${r} ${g} ${b}) ${((i / (DIVERGING_STOPS.length - 1)) * 100).toFixed(1)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
