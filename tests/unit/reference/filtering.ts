// "Same"-size 2-D filtering by plain loops, written from the definitions without any of the
// site's code: the image is extended beyond its edges (zeros, or mirrored about the edge pixel),
// and every output pixel is a weighted sum of its neighbourhood.

export type Extend = 'zeros' | 'reflect';

/** Mirror an index into 0..n-1 without repeating the edge: -1 -> 1, n -> n-2. */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const m = ((i % period) + period) % period;
  return m < n ? m : period - m;
}

function pixel(x: number[][], r: number, c: number, extend: Extend): number {
  const h = x.length;
  const w = x[0]!.length;
  if (extend === 'reflect') return x[mirror(r, h)]![mirror(c, w)]!;
  return r >= 0 && r < h && c >= 0 && c < w ? x[r]![c]! : 0;
}

/**
 * Cross-correlation y[m][n] = Σ_{i,j} k[i][j] · x[m + i − a][n + j − b], with the anchor (a, b)
 * at ⌊(kh−1)/2⌋, ⌊(kw−1)/2⌋: for an even kernel the upper left of the middle four entries.
 */
export function correlateSame(x: number[][], k: number[][], extend: Extend): number[][] {
  const a = Math.floor((k.length - 1) / 2);
  const b = Math.floor((k[0]!.length - 1) / 2);
  return x.map((row, m) =>
    row.map((_, n) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) for (let j = 0; j < k[0]!.length; j++) s += k[i]![j]! * pixel(x, m + i - a, n + j - b, extend);
      return s;
    }),
  );
}

/**
 * Convolution y[m][n] = Σ_{i,j} h[i][j] · x[m − i + a'][n − j + b'], the kernel's index running
 * against the image's. The offsets a' = kh−1−⌊(kh−1)/2⌋ (and likewise b') keep the window on the
 * same pixels as the correlation above, so the two differ only in which entry meets which pixel.
 */
export function convolveSame(x: number[][], h: number[][], extend: Extend): number[][] {
  const a = h.length - 1 - Math.floor((h.length - 1) / 2);
  const b = h[0]!.length - 1 - Math.floor((h[0]!.length - 1) / 2);
  return x.map((row, m) =>
    row.map((_, n) => {
      let s = 0;
      for (let i = 0; i < h.length; i++) for (let j = 0; j < h[0]!.length; j++) s += h[i]![j]! * pixel(x, m - i + a, n - j + b, extend);
      return s;
    }),
  );
}

/** Mean over the pixels within `[top, left, bottom, right]` of the edge. */
export function ringMean(y: number[][], [top, left, bottom, right]: number[]): number {
  let s = 0;
  let n = 0;
  y.forEach((row, r) =>
    row.forEach((v, c) => {
      if (r < top! || c < left! || r >= y.length - bottom! || c >= row.length - right!) {
        s += v;
        n++;
      }
    }),
  );
  return s / n;
}

export const mean = (y: number[][]) => y.flat().reduce((a, b) => a + b, 0) / y.flat().length;
