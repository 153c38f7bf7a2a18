import type { Matrix } from '../common/matrix-text';
import { cholesky } from './batchnorm-gaussian';

/**
 * The k-SD contour of a 2-D Gaussian with this mean and covariance: the points at Mahalanobis
 * distance k, μ + k·L·(cos t, sin t) with L Lᵀ = cov. `steps` + 1 points, the last equal to the first.
 */
export function sdEllipse(mean: readonly number[], cov: Matrix, k: number, steps = 96): [number, number][] {
  const L = cholesky(cov);
  if (!L) return [];
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / steps;
    const u = Math.cos(t);
    const v = Math.sin(t);
    return [mean[0]! + k * L[0]![0]! * u, mean[1]! + k * (L[1]![0]! * u + L[1]![1]! * v)];
  });
}

/** Share of a 2-D Gaussian inside its k-SD contour: 1 − e^(−k²/2) (the χ² law with 2 degrees of freedom). */
export function massInside2d(k: number): number {
  return -Math.expm1(-(k * k) / 2);
}
