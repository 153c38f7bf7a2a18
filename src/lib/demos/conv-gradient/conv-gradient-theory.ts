/**
 * Each dw entry is a sum of (n − k + 1)² products x·dy of independent zero-mean factors, which
 * are uncorrelated with each other; so its mean is 0 and its variance (n − k + 1)² σx² σg². No
 * normality is needed, only independence, zero means and finite variances.
 */
export function theoryStd(n: number, k: number, sx: number, sg: number): number {
  return (n - k + 1) * sx * sg;
}

/** Side of dY (and of the output Y) for an n x n image and a k x k kernel: n − k + 1. */
export function gradientSide(n: number, k: number): number {
  return n - k + 1;
}

/** Side of the worked example's image: small enough to check dw by hand, dY is 3 x 3. */
export function exampleSize(k: number): number {
  return k + 2;
}
