import type { SeededRng } from './seeded-rng';

/**
 * Data augmentation for image batches in NCHW float32, drawn from a seeded generator so that a
 * run is reproducible from its seed (torchvision's RandomCrop(size, padding) and
 * RandomHorizontalFlip(0.5), applied per image). Done on the batch before it is fed: the draws
 * and copies are a small fraction of a training step, and the graph stays the same with or
 * without augmentation.
 */

export interface AugmentOptions {
  /** Zero padding on every side before a random crop back to the original size; 0 = no crop. */
  cropPadding: number;
  /** Mirror each image left-right with probability ½. */
  flip: boolean;
}

export interface ImageLayout {
  channels: number;
  height: number;
  width: number;
}

/** What was drawn for one image: the crop's offset into the padded image, and the flip. */
export interface AugmentDraw {
  top: number;
  left: number;
  flip: boolean;
}

/**
 * The draws for `count` images, in a fixed order (crop offset, then flip, image by image), so the
 * same seed gives the same augmentation whichever options are on.
 */
export function drawAugmentations(rng: SeededRng, count: number, o: AugmentOptions): AugmentDraw[] {
  const draws: AugmentDraw[] = [];
  for (let i = 0; i < count; i++) {
    const top = o.cropPadding > 0 ? rng.int(0, 2 * o.cropPadding) : o.cropPadding;
    const left = o.cropPadding > 0 ? rng.int(0, 2 * o.cropPadding) : o.cropPadding;
    const flip = o.flip ? rng.uniform() < 0.5 : false;
    draws.push({ top, left, flip });
  }
  return draws;
}

/**
 * Writes the augmented copy of `source` (images × C × H × W) into `target` (same size): output
 * pixel (r, c) of image i is padded pixel (r + top, c' + left) of the source, with c' = W − 1 − c
 * when flipped, and 0 where that falls in the padding.
 */
export function augmentInto(
  target: Float32Array,
  source: Float32Array,
  layout: ImageLayout,
  draws: readonly AugmentDraw[],
  cropPadding: number,
): void {
  const { channels, height: h, width: w } = layout;
  const plane = h * w;
  const image = channels * plane;
  if (source.length !== draws.length * image || target.length !== source.length) {
    throw new Error(`augmentInto: ${draws.length} images of ${channels}×${h}×${w} need ${draws.length * image} values`);
  }
  draws.forEach((d, i) => {
    const dy = d.top - cropPadding;
    const dx = d.left - cropPadding;
    for (let ch = 0; ch < channels; ch++) {
      const base = i * image + ch * plane;
      for (let r = 0; r < h; r++) {
        const sr = r + dy;
        for (let c = 0; c < w; c++) {
          const sc = (d.flip ? w - 1 - c : c) + dx;
          target[base + r * w + c] = sr >= 0 && sr < h && sc >= 0 && sc < w ? source[base + sr * w + sc]! : 0;
        }
      }
    }
  });
}
