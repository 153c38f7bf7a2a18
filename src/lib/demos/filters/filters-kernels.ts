import type { Matrix } from '../common/matrix-text';

export const KERNEL_NAMES = ['blur3', 'blur6', 'blur9', 'laplacian', 'sobel-x', 'sobel-y', 'sobel', 'custom'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/** The n×n moving average: every entry 1/n², so the entries sum to 1 and flat areas stay as they are. */
export function boxKernel(n: number): Matrix {
  return Array.from({ length: n }, () => Array<number>(n).fill(1 / (n * n)));
}

/** The sum of the second differences along rows and along columns (the 5-point Laplacian). */
export const LAPLACIAN: Matrix = [
  [0, 1, 0],
  [1, -4, 1],
  [0, 1, 0],
];

/** [1, 2, 1]ᵀ [−1, 0, 1]: a difference across columns, smoothed down the rows; big where brightness grows to the right. */
export const SOBEL_X: Matrix = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

/** The transpose: a difference down the rows, smoothed across; big where brightness grows downwards. */
export const SOBEL_Y: Matrix = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

/** The kernel a name stands for, as written (before any flip); `sobel` stands for two. */
export function namedKernels(name: KernelName, custom: Matrix): Matrix[] {
  switch (name) {
    case 'blur3':
      return [boxKernel(3)];
    case 'blur6':
      return [boxKernel(6)];
    case 'blur9':
      return [boxKernel(9)];
    case 'laplacian':
      return [LAPLACIAN];
    case 'sobel-x':
      return [SOBEL_X];
    case 'sobel-y':
      return [SOBEL_Y];
    case 'sobel':
      return [SOBEL_X, SOBEL_Y];
    case 'custom':
      return [custom];
  }
}

/** The kernel turned half a circle: convolution slides this over the image. */
export function flip180(k: Matrix): Matrix {
  return k.map((row) => [...row].reverse()).reverse();
}
