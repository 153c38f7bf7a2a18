import { seededRng, type SeededRng } from '../../random/seeded-rng';

/**
 * The seeded stream of an MLP demo. xoroshiro128+ seeded with a small integer starts with draws
 * near 0.5 (seeds 0, 1, 2 all give 0.5000, 0.49…, 0.49…), which would make the first entries of
 * every network look alike; so the seed goes through a 32-bit mixer (murmur3's finaliser, a
 * bijection: distinct seeds stay distinct) and the first draws are discarded.
 */
export function mlpRng(seed: number, salt: number): SeededRng {
  let h = (seed ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  const rng = seededRng(h);
  for (let i = 0; i < 8; i++) rng.u32();
  return rng;
}
