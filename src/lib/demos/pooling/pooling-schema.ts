import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { enumParam, intParam, matrixParam, optionalIntParam, type ParamDef } from '../common/param-kinds';
import { dims, outputShape } from './pooling-geometry';

export interface PoolingParams {
  x: Matrix;
  kind: 'max' | 'avg';
  size: number;
  /** null: the same as `size` (windows side by side, as PyTorch's default). */
  stride: number | null;
  /** Empty: all ones, in the output's shape. */
  dy: Matrix;
}

/**
 * A 4x4 input whose top-left window holds its maximum 5 twice, at (1, 2) and (2, 1): the first
 * in row-major order, (1, 2), takes the gradient. The other windows have a single maximum.
 */
export const DEFAULT_X: Matrix = [
  [1, 5, 2, 0],
  [5, 3, 4, 6],
  [0, 2, 7, 1],
  [3, 1, 2, 2],
];

/** A matrix parameter that may be left empty, standing for a default that depends on other parameters. */
function optionalMatrix(p: ParamDef<Matrix>, defaultLabel: string): ParamDef<Matrix> {
  return { ...p, defaultLabel, parse: (text) => (text.trim() === '' ? { ok: true, value: [] } : p.parse(text)) };
}

export const strideOf = (s: Pick<PoolingParams, 'size' | 'stride'>): number => s.stride ?? s.size;

const MAX_SIDE = 12;
const DEFAULT_SIZE = 2;

export const poolingSchema = defineDemo<PoolingParams>({
  name: 'pooling',
  title: 'Max and average pooling, forward and backward',
  summary: 'Pool a matrix with any window and stride, then send an upstream gradient back and see where each entry lands.',
  defaultSeed: 0,
  controls: ['x', 'kind', 'size', 'stride', 'dy'],
  params: {
    x: matrixParam({ name: 'x', default: DEFAULT_X, maxRows: MAX_SIDE, maxCols: MAX_SIDE, description: 'Input matrix (computed in float32).' }),
    kind: enumParam({
      name: 'kind',
      default: 'max',
      values: ['max', 'avg'] as const,
      description: '`max` keeps the largest entry of each window; `avg` their mean.',
    }),
    size: intParam({ name: 'size', default: DEFAULT_SIZE, min: 1, max: 8, description: 'Window side: each window is size × size.' }),
    stride: optionalIntParam({
      name: 'stride',
      default: null,
      min: 1,
      max: 8,
      absentMeans: 'same as size',
      description: 'Step between windows, in both directions. Leave it out for the same value as `size` (windows side by side); smaller values make windows overlap.',
    }),
    dy: optionalMatrix(
      matrixParam({
        name: 'dy',
        default: [],
        maxRows: MAX_SIDE,
        maxCols: MAX_SIDE,
        description: 'Upstream gradient ∂L/∂y, one entry per output. Leave it out (or empty) for all ones; one of the wrong shape is replaced by all ones.',
      }),
      'all ones, in the shape of y',
    ),
  },
  check(s) {
    const reset: (keyof PoolingParams)[] = [];
    const why: string[] = [];
    let { x, size } = s;
    if (size > x.length || size > x[0]!.length) {
      why.push(`a ${size}x${size} window does not fit x (${dims(x)})`);
      size = DEFAULT_SIZE;
      reset.push('size');
      if (size > x.length || size > x[0]!.length) {
        x = DEFAULT_X;
        reset.push('x');
      }
    }
    const out = outputShape(x, size, strideOf({ size, stride: s.stride }));
    if (s.dy.length && (s.dy.length !== out.rows || s.dy[0]!.length !== out.cols)) {
      why.push(`dy must be ${out.rows}x${out.cols} like y, or left out for all ones (got ${dims(s.dy)})`);
      reset.push('dy');
    }
    return reset.length ? { reset, message: why.join('; ') } : null;
  },
});
