import type { Matrix } from '../common/matrix-text';

/** Windows that fit entirely inside the input along one axis: floor((n - size) / stride) + 1. */
export function pooledSize(n: number, size: number, stride: number): number {
  return Math.floor((n - size) / stride) + 1;
}

/**
 * Rows (or columns) at the far edge that no window reaches: the backward pass must still return
 * a gradient there (zero), so the transposed convolution is told to pad its output by this much.
 */
export function uncovered(n: number, size: number, stride: number): number {
  return n - ((pooledSize(n, size, stride) - 1) * stride + size);
}

export interface PoolShape {
  rows: number;
  cols: number;
}

export function outputShape(x: Matrix, size: number, stride: number): PoolShape {
  return { rows: pooledSize(x.length, size, stride), cols: pooledSize(x[0]!.length, size, stride) };
}

/** The window of output (i, j): its first row and column in x (0-based) and its size. */
export interface PoolWindow {
  i: number;
  j: number;
  row: number;
  col: number;
  size: number;
}

export function poolWindows(x: Matrix, size: number, stride: number): PoolWindow[] {
  const { rows, cols } = outputShape(x, size, stride);
  const out: PoolWindow[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.push({ i, j, row: i * stride, col: j * stride, size });
  return out;
}

export function onesLike(shape: PoolShape): Matrix {
  return Array.from({ length: shape.rows }, () => Array<number>(shape.cols).fill(1));
}

export function dims(m: Matrix): string {
  return `${m.length}x${m[0]?.length ?? 0}`;
}

/** Entries of window `w` equal to `value` (its maximum), in row-major order. */
export function entriesEqualTo(x: Matrix, w: PoolWindow, value: number): [number, number][] {
  const out: [number, number][] = [];
  for (let r = w.row; r < w.row + w.size; r++) for (let c = w.col; c < w.col + w.size; c++) if (Math.fround(x[r]![c]!) === value) out.push([r, c]);
  return out;
}
