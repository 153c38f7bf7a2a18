// Image reduction written independently of the site's code: every output pixel is the integral
// of the source over the rectangle it covers, divided by that rectangle's area, computed pixel by
// pixel in two dimensions at once.

export function areaAverage(x: number[][], outH: number, outW: number): number[][] {
  const h = x.length;
  const w = x[0]!.length;
  const sy = h / outH;
  const sx = w / outW;
  const overlap = (lo: number, hi: number, i: number) => Math.max(0, Math.min(hi, i + 1) - Math.max(lo, i));
  return Array.from({ length: outH }, (_, r) =>
    Array.from({ length: outW }, (_, c) => {
      const [y0, y1, x0, x1] = [r * sy, (r + 1) * sy, c * sx, (c + 1) * sx];
      let s = 0;
      for (let i = Math.floor(y0); i < Math.min(h, Math.ceil(y1)); i++) {
        for (let j = Math.floor(x0); j < Math.min(w, Math.ceil(x1)); j++) s += x[i]![j]! * overlap(y0, y1, i) * overlap(x0, x1, j);
      }
      return s / (sy * sx);
    }),
  );
}

/** BT.601 luma of 8-bit RGB, scaled to [0, 1]. */
export function lumaReference(r: number, g: number, b: number): number {
  return (0.2989 * r + 0.587 * g + 0.114 * b) / 255;
}
