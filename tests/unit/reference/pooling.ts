// Pooling forward and backward by direct loops over windows, written without any of the site's
// code, to check the ONNX graphs against.

export interface PoolReference {
  y: number[][];
  dx: number[][];
  /** [row, col] of the entry each window's gradient goes to (max pooling). */
  argmax: [number, number][][];
}

/**
 * Windows of `size` every `stride` entries that fit entirely inside x. Max pooling gives each dy
 * entry to the first maximum of its window in row-major order (a later entry takes over only when
 * strictly larger, as PyTorch's kernels do); average pooling gives dy/size² to every entry.
 * Contributions of overlapping windows add.
 */
export function poolReference(x: number[][], kind: 'max' | 'avg', size: number, stride: number, dy?: number[][]): PoolReference {
  const H = x.length;
  const W = x[0]!.length;
  const rows = Math.floor((H - size) / stride) + 1;
  const cols = Math.floor((W - size) / stride) + 1;
  const g = dy ?? Array.from({ length: rows }, () => Array<number>(cols).fill(1));
  const y: number[][] = [];
  const argmax: [number, number][][] = [];
  const dx = x.map((row) => row.map(() => 0));
  for (let i = 0; i < rows; i++) {
    y.push([]);
    argmax.push([]);
    for (let j = 0; j < cols; j++) {
      let best = -Infinity;
      let at: [number, number] = [-1, -1];
      let sum = 0;
      for (let r = i * stride; r < i * stride + size; r++) {
        for (let c = j * stride; c < j * stride + size; c++) {
          const v = x[r]![c]!;
          sum += v;
          if (v > best) {
            best = v;
            at = [r, c];
          }
        }
      }
      argmax[i]!.push(at);
      if (kind === 'max') {
        y[i]!.push(best);
        dx[at[0]]![at[1]]! += g[i]![j]!;
      } else {
        y[i]!.push(sum / (size * size));
        for (let r = i * stride; r < i * stride + size; r++) for (let c = j * stride; c < j * stride + size; c++) dx[r]![c]! += g[i]![j]! / (size * size);
      }
    }
  }
  return { y, dx, argmax };
}
