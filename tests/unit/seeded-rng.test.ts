import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/lib/random/seeded-rng';

describe('seeded random numbers', () => {
  it('repeat exactly for the same seed and differ for another', () => {
    const a = Array.from({ length: 5 }, seededRng(42).uniform);
    const r = seededRng(42);
    expect(Array.from({ length: 5 }, r.uniform)).toEqual(a);
    const b = seededRng(43);
    expect(Array.from({ length: 5 }, b.uniform)).not.toEqual(a);
  });

  it('draw uniforms with mean 1/2 and variance 1/12, normals with mean 0 and variance 1', () => {
    const r = seededRng(7);
    const n = 200_000;
    const u = Array.from({ length: n }, r.uniform);
    const z = Array.from({ length: n }, r.normal);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = (xs: number[]) => {
      const m = mean(xs);
      return mean(xs.map((x) => (x - m) ** 2));
    };
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(variance(u)).toBeCloseTo(1 / 12, 2);
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(variance(z)).toBeCloseTo(1, 1);
    expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('permutes 0..n-1', () => {
    const p = seededRng(1).permutation(50);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
