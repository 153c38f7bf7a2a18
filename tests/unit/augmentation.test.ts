import { describe, expect, it } from 'vitest';
import { augmentInto, drawAugmentations } from '../../src/lib/random/augmentation';
import { seededRng } from '../../src/lib/random/seeded-rng';

/** torchvision's order written the long way: pad with zeros, cut the window out, then mirror it. */
function padCropFlip(src: number[], c: number, h: number, w: number, pad: number, top: number, left: number, flip: boolean): number[] {
  const H = h + 2 * pad;
  const W = w + 2 * pad;
  const padded = new Array<number>(c * H * W).fill(0);
  for (let ch = 0; ch < c; ch++) for (let r = 0; r < h; r++) for (let q = 0; q < w; q++) padded[ch * H * W + (r + pad) * W + q + pad] = src[ch * h * w + r * w + q]!;
  const crop: number[] = [];
  for (let ch = 0; ch < c; ch++) for (let r = 0; r < h; r++) for (let q = 0; q < w; q++) crop.push(padded[ch * H * W + (r + top) * W + q + left]!);
  if (!flip) return crop;
  return crop.map((_, i) => {
    const q = i % w;
    return crop[i - q + (w - 1 - q)]!;
  });
}

describe('data augmentation drawn from a seed', () => {
  it('random crop with padding and horizontal flip equal pad → crop → mirror, image by image', () => {
    const [n, c, h, w, pad] = [6, 2, 5, 4, 2];
    const rng = seededRng(7);
    const src = Array.from({ length: n * c * h * w }, () => rng.uniform() + 0.1);
    const draws = drawAugmentations(seededRng(3), n, { cropPadding: pad, flip: true });
    const out = new Float32Array(src.length);
    augmentInto(out, Float32Array.from(src), { channels: c, height: h, width: w }, draws, pad);
    draws.forEach((d, i) => {
      const want = padCropFlip(src.slice(i * c * h * w, (i + 1) * c * h * w), c, h, w, pad, d.top, d.left, d.flip);
      const got = Array.from(out.slice(i * c * h * w, (i + 1) * c * h * w));
      got.forEach((v, k) => expect(v, `image ${i} value ${k}`).toBeCloseTo(want[k]!, 6));
    });
  });

  it('offsets cover 0 … 2p, about half the images flip, and the same seed draws the same', () => {
    const draws = drawAugmentations(seededRng(11), 4000, { cropPadding: 4, flip: true });
    const tops = new Set(draws.map((d) => d.top));
    expect([...tops].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const flips = draws.filter((d) => d.flip).length;
    // Binomial(4000, ½): standard deviation ≈ 32; 4 of them either side.
    expect(Math.abs(flips - 2000)).toBeLessThan(130);
    expect(drawAugmentations(seededRng(11), 4000, { cropPadding: 4, flip: true })).toEqual(draws);
    expect(drawAugmentations(seededRng(12), 50, { cropPadding: 4, flip: true })).not.toEqual(draws.slice(0, 50));
  });

  it('with neither option every image is copied unchanged', () => {
    const src = Float32Array.from({ length: 2 * 9 }, (_, i) => i);
    const out = new Float32Array(src.length);
    const draws = drawAugmentations(seededRng(1), 2, { cropPadding: 0, flip: false });
    augmentInto(out, src, { channels: 1, height: 3, width: 3 }, draws, 0);
    expect(Array.from(out)).toEqual(Array.from(src));
  });
});
