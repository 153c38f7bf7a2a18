import type { Plane, RgbaImage } from './image-plane';

/** The luma weights the homework's notebook uses (ITU-R BT.601), applied to values scaled to [0, 1]. */
export const GREY_WEIGHTS = { r: 0.2989, g: 0.587, b: 0.114 } as const;

/** Grey = 0.2989 R + 0.5870 G + 0.1140 B with R, G, B in [0, 1]; alpha is ignored. */
export function toGrey(img: RgbaImage): Plane {
  const n = img.width * img.height;
  const data = new Float64Array(n);
  const { r, g, b } = GREY_WEIGHTS;
  for (let i = 0; i < n; i++) data[i] = (r * img.data[4 * i]! + g * img.data[4 * i + 1]! + b * img.data[4 * i + 2]!) / 255;
  return { width: img.width, height: img.height, data };
}

/** Width and height with the longest side at most `size`, the aspect kept; never larger than now. */
export function scaledSize(width: number, height: number, size: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= size) return { width, height };
  const f = size / longest;
  return { width: Math.max(1, Math.round(width * f)), height: Math.max(1, Math.round(height * f)) };
}

/**
 * For each output cell along one axis, the source cells it covers and by how much: output cell o
 * spans [o·n/m, (o+1)·n/m) of the source, and each source cell counts by its overlap with it.
 */
function areaWeights(n: number, m: number): { first: number; weights: number[] }[] {
  const step = n / m;
  return Array.from({ length: m }, (_, o) => {
    const lo = o * step;
    const hi = (o + 1) * step;
    const first = Math.floor(lo);
    const weights: number[] = [];
    for (let i = first; i < Math.min(n, Math.ceil(hi)); i++) weights.push((Math.min(hi, i + 1) - Math.max(lo, i)) / step);
    return { first, weights };
  });
}

/**
 * Area averaging: every output pixel is the mean of the source area it covers, partly covered
 * pixels weighted by the part. Plain float64 loops, so Node and every browser get the same bits
 * (a canvas's own resampling differs from browser to browser). Never scales up.
 */
export function downscale(p: Plane, size: number): Plane {
  const { width, height } = scaledSize(p.width, p.height, size);
  if (width === p.width && height === p.height) return p;
  const cols = areaWeights(p.width, width);
  const rows = areaWeights(p.height, height);
  // Columns first (each source row to `width` values), then rows.
  const across = new Float64Array(p.height * width);
  for (let r = 0; r < p.height; r++) {
    for (let c = 0; c < width; c++) {
      const { first, weights } = cols[c]!;
      let s = 0;
      for (let k = 0; k < weights.length; k++) s += weights[k]! * p.data[r * p.width + first + k]!;
      across[r * width + c] = s;
    }
  }
  const data = new Float64Array(height * width);
  for (let r = 0; r < height; r++) {
    const { first, weights } = rows[r]!;
    for (let c = 0; c < width; c++) {
      let s = 0;
      for (let k = 0; k < weights.length; k++) s += weights[k]! * across[(first + k) * width + c]!;
      data[r * width + c] = s;
    }
  }
  return { width, height, data };
}
