// Direct, loop-by-loop evaluations of the homework's definitions, written without any of the
// site's code, to check the ONNX path against.

/** Full 2-D convolution F[a][b] = sum_{i,j} x[a-i][b-j] h[i][j] (equation 3), then the valid, strided part. */
export function convolve2dReference(x: number[][], h: number[][], stride: number, pad: number, circular = false): number[][] {
  const H = x.length;
  const W = x[0]!.length;
  const xhat = (r: number, c: number) => {
    const i = r - pad;
    const j = c - pad;
    if (circular) return x[((i % H) + H) % H]![((j % W) + W) % W]!;
    return i >= 0 && i < H && j >= 0 && j < W ? x[i]![j]! : 0;
  };
  const Hp = H + 2 * pad;
  const Wp = W + 2 * pad;
  const kh = h.length;
  const kw = h[0]!.length;
  const full = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) if (a - i >= 0 && a - i < Hp && b - j >= 0 && b - j < Wp) s += xhat(a - i, b - j) * h[i]![j]!;
    return s;
  };
  const rows = Math.floor((Hp - kh) / stride) + 1;
  const cols = Math.floor((Wp - kw) / stride) + 1;
  return Array.from({ length: rows }, (_, m) => Array.from({ length: cols }, (_, n) => full(m * stride + kh - 1, n * stride + kw - 1)));
}

/** Cross-correlation as a CNN layer computes it: the window times the kernel as written. */
export function correlate2dReference(x: number[][], k: number[][], stride: number, pad: number): number[][] {
  const H = x.length + 2 * pad;
  const W = x[0]!.length + 2 * pad;
  const at = (r: number, c: number) => x[r - pad]?.[c - pad] ?? 0;
  const out: number[][] = [];
  for (let r = 0; r + k.length <= H; r += stride) {
    const row: number[] = [];
    for (let c = 0; c + k[0]!.length <= W; c += stride) {
      let s = 0;
      k.forEach((kr, i) => kr.forEach((w, j) => (s += at(r + i, c + j) * w)));
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** y(n) for the boxcar of length L delayed by N and h(n) = a^n u(n): a finite geometric sum. */
export function boxcarResponseClosedForm(L: number, a: number, N: number, n: number): number {
  const hi = n - N; // largest exponent: i = N contributes a^(n-N)
  const lo = Math.max(0, n - N - L + 1);
  if (hi < 0) return 0;
  if (a === 1) return hi - lo + 1;
  return (a ** lo - a ** (hi + 1)) / (1 - a);
}
