import type { DemoLogic } from '../common/demo-logic';
import { toRows } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { onesLike, outputShape } from './pooling-geometry';
import { poolingModel } from './pooling-model';
import { poolingSchema, strideOf, type PoolingParams } from './pooling-schema';

export interface PoolingResult {
  y: Matrix;
  /** ∂L/∂x for the upstream gradient dy. */
  dx: Matrix;
  /**
   * Max pooling: for each output entry, the [row, column] (0-based) in x of the entry it took,
   * the first maximum of its window in row-major order; its dy entry goes there. Null for avg.
   */
  argmax: [number, number][][] | null;
}

/** The upstream gradient the backward pass uses: the given one, or all ones. */
export function effectiveDy(s: PoolingParams): Matrix {
  return s.dy.length ? s.dy : onesLike(outputShape(s.x, s.size, strideOf(s)));
}

const flat = (m: Matrix) => Float32Array.from(m.flat());

export const poolingLogic: DemoLogic<PoolingParams, PoolingResult> = {
  schema: poolingSchema,
  plan(s: FullState<PoolingParams>) {
    const h = s.x.length;
    const w = s.x[0]!.length;
    const { rows, cols } = outputShape(s.x, s.size, strideOf(s));
    return [
      {
        spec: poolingModel(s.kind, s.size, strideOf(s), h, w),
        feeds: {
          x: { data: flat(s.x), dims: [1, 1, h, w] },
          dy: { data: flat(effectiveDy(s)), dims: [1, 1, rows, cols] },
        },
      },
    ];
  },
  finish(s, [out]) {
    const h = s.x.length;
    const w = s.x[0]!.length;
    const stride = strideOf(s);
    const { rows, cols } = outputShape(s.x, s.size, stride);
    const y = out!['y']!;
    const dx = out!['dx']!;
    if (y.dims[2] !== rows || y.dims[3] !== cols) throw new Error(`pooling: model returned y ${y.dims.join('x')}, expected 1x1x${rows}x${cols}`);
    if (dx.dims[2] !== h || dx.dims[3] !== w) throw new Error(`pooling: model returned dx ${dx.dims.join('x')}, expected 1x1x${h}x${w}`);
    return {
      y: toRows(y.data, rows, cols),
      dx: toRows(dx.data, h, w),
      argmax: s.kind === 'max' ? argmaxFromMask(out!['first']!.data, s.size, stride, rows, cols) : null,
    };
  },
};

/**
 * Reads the model's one-hot "first maximum" mask [size², rows, cols] back as positions in x.
 * Exactly one channel is set per output entry; anything else means the model is wrong.
 */
function argmaxFromMask(mask: Float32Array, size: number, stride: number, rows: number, cols: number): [number, number][][] {
  const plane = rows * cols;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      const set = Array.from({ length: size * size }, (_, t) => t).filter((t) => mask[t * plane + i * cols + j] === 1);
      if (set.length !== 1) throw new Error(`pooling: window (${i + 1}, ${j + 1}) has ${set.length} first maxima`);
      const t = set[0]!;
      return [i * stride + Math.floor(t / size), j * stride + (t % size)] as [number, number];
    }),
  );
}
