import type { Pads } from './filters-padding';
import type { Plane } from './image-plane';

export interface PlaneStats {
  min: number;
  max: number;
  mean: number;
  /**
   * Mean over the ring of pixels whose kernel window reaches past the image edge, where the
   * padding is what the filter sees (null for a 1×1 kernel, which has no such ring).
   */
  ringMean: number | null;
}

const inRing = (r: number, c: number, p: Plane, [top, left, bottom, right]: Pads) => r < top || c < left || r >= p.height - bottom || c >= p.width - right;

export function planeStats(p: Plane, pads: Pads): PlaneStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let ringSum = 0;
  let ringCount = 0;
  for (let r = 0; r < p.height; r++) {
    for (let c = 0; c < p.width; c++) {
      const v = p.data[r * p.width + c]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      if (inRing(r, c, p, pads)) {
        ringSum += v;
        ringCount++;
      }
    }
  }
  return { min, max, mean: sum / p.data.length, ringMean: ringCount ? ringSum / ringCount : null };
}
