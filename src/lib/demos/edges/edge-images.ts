import { seededRng, type SeededRng } from '../../random/seeded-rng';

/**
 * The EdgeDetection notebook's synthetic images: 28×28, one channel, values in [0, 1]. Each image
 * has one background constant from U(0, 0.2); an edge is a band of one intensity from U(0.25, 1),
 * 1 to 4 pixels wide, starting at a random row (or column) from 1 to 27 and clipped at the border.
 * No pixel noise.
 */
export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

export const CLASS_SETS = {
  3: ['horizontal', 'vertical', 'none'],
  5: ['horizontal', 'vertical', 'diagonal', 'both', 'none'],
} as const;
export type ClassCount = keyof typeof CLASS_SETS;
export type EdgeLabel = (typeof CLASS_SETS)[5][number];

/** Where a band may start: anywhere (1–27), or one half of the image for the domain-shift split. */
export type StartRange = 'any' | 'first-half' | 'second-half';
const START: Record<StartRange, [number, number]> = { any: [1, 27], 'first-half': [1, 13], 'second-half': [14, 27] };

interface Band {
  start: number;
  width: number;
}

function band(rng: SeededRng, range: StartRange): Band {
  const [lo, hi] = START[range];
  return { start: rng.int(lo, hi), width: rng.int(1, 4) };
}

const inBand = (i: number, b: Band) => i >= b.start && i < b.start + b.width;

/**
 * One image of a class, drawn from `rng` in a fixed order (background, intensity, then each band's
 * start and width). A diagonal band runs parallel to the main diagonal: the pixels whose c − r,
 * shifted by 14 so that it starts in 1–27 like the other bands, falls in the band.
 */
export function edgeImage(label: EdgeLabel, rng: SeededRng, range: StartRange = 'any'): Float32Array {
  const background = 0.2 * rng.uniform();
  const intensity = 0.25 + 0.75 * rng.uniform();
  const img = new Float32Array(PIXELS).fill(background);
  const rows = label === 'horizontal' || label === 'both' ? band(rng, range) : null;
  const cols = label === 'vertical' || label === 'both' ? band(rng, range) : null;
  const diag = label === 'diagonal' ? band(rng, range) : null;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const hit = (rows && inBand(r, rows)) || (cols && inBand(c, cols)) || (diag && inBand(c - r + 14, diag));
      if (hit) img[r * SIDE + c] = intensity;
    }
  }
  return img;
}

export interface EdgeSet {
  /** count · PIXELS values, image after image. */
  images: Float32Array;
  /** Class index of each image. */
  labels: Uint8Array;
  count: number;
}

/** A stream of the demo's seed per purpose, so that any part can be redrawn on its own. */
export const streamOf = (seed: number, ...keys: number[]): SeededRng => seededRng(keys.reduce((s, k) => (Math.imul(s ^ k, 0x9e3779b1) + 0x7f4a7c15) >>> 0, seed >>> 0));
export const STREAM = { train: 1, val: 2, permutation: 3, init: 4, order: 5 } as const;

/**
 * `perClass` images of every class, class after class, then shuffled. Image i of class c comes
 * from its own stream, so a set with more images per class contains the smaller ones (a sweep
 * over the training-set size adds images; it never swaps them).
 */
export function edgeSet(o: { seed: number; purpose: 'train' | 'val'; classes: ClassCount; perClass: number; range: StartRange; permutation: number[] | null }): EdgeSet {
  const names = CLASS_SETS[o.classes];
  const count = names.length * o.perClass;
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  const order = streamOf(o.seed, STREAM[o.purpose], count).permutation(count);
  let k = 0;
  for (const [c, name] of names.entries()) {
    for (let i = 0; i < o.perClass; i++, k++) {
      let img = edgeImage(name, streamOf(o.seed, STREAM[o.purpose], c, i), o.range);
      if (o.permutation) img = permute(img, o.permutation);
      images.set(img, order[k]! * PIXELS);
      labels[order[k]!] = c;
    }
  }
  return { images, labels, count };
}

/** Pixel i of the result is pixel perm[i] of the image: the same shuffle for every image. */
export function permute(img: Float32Array, perm: readonly number[]): Float32Array {
  return Float32Array.from(perm, (p) => img[p]!);
}

export function pixelPermutation(seed: number): number[] {
  return streamOf(seed, STREAM.permutation).permutation(PIXELS);
}
