import type { Feeds, Outputs } from '../../onnx/model-spec';
import type { DemoLogic, ModelJob } from '../common/demo-logic';
import { cleanZero } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { downscale, toGrey } from './grey-image';
import { flip180, namedKernels } from './filters-kernels';
import { filtersModel } from './filters-model';
import { kernelPads, reflectFits, reflectMinSide, type Pads } from './filters-padding';
import { filtersSchema, type FiltersParams } from './filters-schema';
import { planeStats, type PlaneStats } from './filters-stats';
import { planeRows, type Plane, type RgbaImage } from './image-plane';

/** Images this small (after scaling) also publish their pixels, so a test can redo the sum. */
export const MATRIX_LIMIT = 64;

export interface FiltersResult {
  /** The kernel as slid over the image (flipped for `mode=conv`); for `sobel`, the x kernel. */
  kernel: Matrix;
  /** `sobel` only: the y kernel as applied. */
  kernelY?: Matrix;
  pads: Pads;
  mode: FiltersParams['mode'];
  padding: FiltersParams['padding'];
  input: { width: number; height: number } & Pick<PlaneStats, 'mean' | 'ringMean'>;
  output: PlaneStats;
  /** Grey input in [0, 1] and output, row by row, when both sides are at most MATRIX_LIMIT. */
  grey?: Matrix;
  y?: Matrix;
}

export function appliedKernels(s: FiltersParams): Matrix[] {
  const ks = namedKernels(s.kernel, s.k);
  return s.mode === 'conv' ? ks.map(flip180) : ks;
}

/** The grey image the model sees and the filtered image, for drawing; never part of the JSON. */
export interface FilterPlanes {
  grey: Plane;
  y: Plane;
}

// The pictures are too big for the result JSON, so `finish` files them beside the result it
// returns; views look them up by that result.
const planesByResult = new WeakMap<FiltersResult, FilterPlanes>();

export function filterPlanes(result: FiltersResult): FilterPlanes | undefined {
  return planesByResult.get(result);
}

/** Grey, then scaled down: the image the filter runs on. */
export function prepareInput(img: RgbaImage, size: number): Plane {
  const grey = downscale(toGrey(img), size);
  // The model computes in float32; the published pixels and every statistic use those values.
  return { ...grey, data: Float64Array.from(Float32Array.from(grey.data)) };
}

const round6 = (v: number) => cleanZero(Math.round(v * 1e6) / 1e6);

/**
 * The demo's computation given its image: the shipped photo (read from disk in Node, fetched in
 * the browser) or one the reader chose.
 */
export function filtersLogic(image: () => RgbaImage): DemoLogic<FiltersParams, FiltersResult> {
  // plan and finish need the same grey image; keep the last one instead of redoing it.
  let last: { img: RgbaImage; size: number; plane: Plane } | undefined;
  const input = (size: number): Plane => {
    const img = image();
    if (last?.img !== img || last.size !== size) last = { img, size, plane: prepareInput(img, size) };
    return last.plane;
  };
  const geometry = (s: FiltersParams) => {
    const kernels = appliedKernels(s);
    const kh = kernels[0]!.length;
    const kw = kernels[0]![0]!.length;
    return { kernels, kh, kw, pads: kernelPads(kh, kw) };
  };
  return {
    schema: filtersSchema,
    plan(s: FullState<FiltersParams>): ModelJob[] {
      const x = input(s.size);
      const { kernels, kh, kw, pads } = geometry(s);
      if (s.padding === 'reflect' && !reflectFits(pads, x.width, x.height)) {
        throw new Error(`padding=reflect needs an image at least ${reflectMinSide(pads)} pixels on each side for a ${kh}×${kw} kernel, and this one is ${x.width}×${x.height}; use padding=zeros or a larger size`);
      }
      const tensor = (k: Matrix) => ({ data: Float32Array.from(k.flat()), dims: [1, 1, kh, kw] });
      const kernelFeeds: Feeds = kernels.length === 2 ? { kx: tensor(kernels[0]!), ky: tensor(kernels[1]!) } : { k: tensor(kernels[0]!) };
      const spec = filtersModel({ kh, kw, padding: s.padding, magnitude: kernels.length === 2 }, pads);
      return [{ spec, feeds: { x: { data: Float32Array.from(x.data), dims: [1, 1, x.height, x.width] }, ...kernelFeeds } }];
    },
    finish(s, outputs: Outputs[]) {
      const x = input(s.size);
      const { kernels, pads } = geometry(s);
      const out = outputs[0]!['y']!;
      if (out.dims[2] !== x.height || out.dims[3] !== x.width) throw new Error(`filters: model returned ${out.dims.join('x')}, expected 1x1x${x.height}x${x.width}`);
      const y: Plane = { width: x.width, height: x.height, data: Float64Array.from(out.data) };
      const inStats = planeStats(x, pads);
      const result: FiltersResult = {
        kernel: kernels[0]!,
        ...(kernels.length === 2 ? { kernelY: kernels[1]! } : {}),
        pads,
        mode: s.mode,
        padding: s.padding,
        input: { width: x.width, height: x.height, mean: inStats.mean, ringMean: inStats.ringMean },
        output: planeStats(y, pads),
      };
      if (x.width <= MATRIX_LIMIT && x.height <= MATRIX_LIMIT) {
        result.grey = planeRows(x, round6);
        result.y = planeRows(y, round6);
      }
      planesByResult.set(result, { grey: x, y });
      return result;
    },
  };
}
