import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { enumParam, intParam, matrixParam } from '../common/param-kinds';
import { KERNEL_NAMES, namedKernels, type KernelName } from './filters-kernels';
import { kernelPads, reflectMinSide, type Padding } from './filters-padding';

export interface FiltersParams {
  kernel: KernelName;
  k: Matrix;
  padding: Padding;
  size: number;
  mode: 'corr' | 'conv';
}

/** The custom kernel until the reader types one: a sharpening filter (the image plus its negative Laplacian). */
export const DEFAULT_CUSTOM: Matrix = [
  [0, -1, 0],
  [-1, 5, -1],
  [0, -1, 0],
];

export const MAX_KERNEL = 15;

export const filtersSchema = defineDemo<FiltersParams>({
  name: 'filters',
  title: 'Hand-designed filters on a photograph',
  summary: 'Blur a grey-scale photo with averaging kernels and find its edges with Laplacian and Sobel kernels, or try your own kernel and image.',
  defaultSeed: 0,
  controls: ['kernel', 'k', 'padding', 'size', 'mode', 'image'],
  params: {
    kernel: enumParam({
      name: 'kernel',
      default: 'sobel',
      values: KERNEL_NAMES,
      description:
        '`blur3`, `blur6`, `blur9`: n×n averages (entries 1/n²); `laplacian`: [[0,1,0],[1,−4,1],[0,1,0]]; `sobel-x`, `sobel-y`: smoothed differences across columns, down rows; `sobel`: the gradient magnitude √(gx² + gy²); `custom`: the matrix `k`.',
    }),
    k: matrixParam({
      name: 'k',
      default: DEFAULT_CUSTOM,
      maxRows: MAX_KERNEL,
      maxCols: MAX_KERNEL,
      maxAbs: 1000,
      description: 'The kernel used when `kernel=custom`, as written (before any flip).',
    }),
    padding: enumParam({
      name: 'padding',
      default: 'zeros',
      values: ['zeros', 'reflect'] as const,
      description:
        'How the image is extended so the output keeps its size: `zeros`, or `reflect` (mirrored about the edge pixel). An n×n kernel pads ⌊(n−1)/2⌋ at the top and left and ⌈(n−1)/2⌉ at the bottom and right.',
    }),
    size: intParam({
      name: 'size',
      default: 256,
      min: 4,
      max: 1024,
      description: 'Longest side, in pixels, of the image the filter runs on: larger images are scaled down by area averaging, smaller ones are never scaled up.',
    }),
    mode: enumParam({
      name: 'mode',
      default: 'corr',
      values: ['corr', 'conv'] as const,
      description: '`corr` slides the kernel as written, as a CNN layer does; `conv` turns it half a circle first (textbook convolution).',
    }),
  },
  check(s) {
    if (s.padding !== 'reflect') return null;
    // The image is not part of the state, but its longest side is at most `size`: a pad that
    // would not fit even that side can never be mirrored.
    const [k] = namedKernels(s.kernel, s.k);
    const need = reflectMinSide(kernelPads(k!.length, k![0]!.length));
    if (need <= s.size) return null;
    return { reset: ['padding'], message: `padding=reflect needs images at least ${need} pixels across for this ${k!.length}×${k![0]!.length} kernel, more than size=${s.size}` };
  },
});
