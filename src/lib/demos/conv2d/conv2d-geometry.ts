import type { Matrix } from '../common/matrix-text';

/** floor((n + 2p - k) / s) + 1: windows that fit entirely inside the padded input. */
export function outputSize(n: number, k: number, pad: number, stride: number): number {
  return Math.floor((n + 2 * pad - k) / stride) + 1;
}

export function fitsKernel(x: Matrix, k: Matrix, pad: number): boolean {
  return x.length + 2 * pad >= k.length && (x[0]?.length ?? 0) + 2 * pad >= (k[0]?.length ?? 0);
}

/** Pads every side by `pad`: with zeros, or by wrapping around as if the image were a torus. */
export function padMatrix(x: Matrix, pad: number, padding: 'zeros' | 'circular'): Matrix {
  const h = x.length;
  const w = x[0]!.length;
  const mod = (i: number, n: number) => ((i % n) + n) % n;
  return Array.from({ length: h + 2 * pad }, (_, r) =>
    Array.from({ length: w + 2 * pad }, (_, c) => {
      const i = r - pad;
      const j = c - pad;
      if (padding === 'circular') return x[mod(i, h)]![mod(j, w)]!;
      return i >= 0 && i < h && j >= 0 && j < w ? x[i]![j]! : 0;
    }),
  );
}

/** The kernel turned half a circle: what `conv` slides over the input. */
export function flip180(k: Matrix): Matrix {
  return k.map((row) => [...row].reverse()).reverse();
}

export interface OutputWindow {
  /** Rows and columns of the padded input, inclusive. */
  rows: [number, number];
  cols: [number, number];
  /** Each term padded[r][c] * kernelApplied[i][j] of the sum. */
  terms: { r: number; c: number; input: number; weight: number }[];
  value: number;
}

/** The window of the padded input that produced output (row, col), term by term. */
export function outputWindow(padded: Matrix, kernel: Matrix, stride: number, row: number, col: number): OutputWindow {
  const kh = kernel.length;
  const kw = kernel[0]!.length;
  const r0 = row * stride;
  const c0 = col * stride;
  const terms: OutputWindow['terms'] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) terms.push({ r: r0 + i, c: c0 + j, input: padded[r0 + i]![c0 + j]!, weight: kernel[i]![j]! });
  }
  return { rows: [r0, r0 + kh - 1], cols: [c0, c0 + kw - 1], terms, value: terms.reduce((s, t) => s + t.input * t.weight, 0) };
}
