/**
 * The first two blocks of VGG16 as SNU MFDNN HW5 Problem 4 gives them, on a 3 × 224 × 224 input:
 *   conv3×3 (3→64), ReLU, conv3×3 (64→64), ReLU      -> y1, 64 × 224 × 224
 *   maxpool 2×2 stride 2                              -> y2, 64 × 112 × 112
 *   conv3×3 (64→128), ReLU, conv3×3 (128→128), ReLU, maxpool 2×2 stride 2 -> y3, 128 × 56 × 56
 * Every conv has padding 1 and stride 1.
 */
export type VggLayerName = 'y1' | 'y2' | 'y3';

export type VggStep = { op: 'conv'; k: 3; pad: 1 } | { op: 'pool'; k: 2; stride: 2 };

export interface VggLayer {
  name: VggLayerName;
  channels: number;
  size: number;
  /** The layers from the input to this output, in forward order. */
  steps: VggStep[];
  /** Input pixels between neighbouring neurons of this layer (the product of strides). */
  stride: number;
}

export const INPUT_SIZE = 224;
export const INPUT_CHANNELS = 3;

const conv: VggStep = { op: 'conv', k: 3, pad: 1 };
const pool: VggStep = { op: 'pool', k: 2, stride: 2 };

export const VGG_LAYERS: Record<VggLayerName, VggLayer> = {
  y1: { name: 'y1', channels: 64, size: 224, steps: [conv, conv], stride: 1 },
  y2: { name: 'y2', channels: 64, size: 112, steps: [conv, conv, pool], stride: 2 },
  y3: { name: 'y3', channels: 128, size: 56, steps: [conv, conv, pool, conv, conv, pool], stride: 4 },
};

/** Where neuron (i, j) sits on the input grid: the block of input pixels its position stands for. */
export function footprint(layer: VggLayerName, i: number, j: number): { rows: [number, number]; cols: [number, number] } {
  const s = VGG_LAYERS[layer].stride;
  return { rows: [i * s, i * s + s - 1], cols: [j * s, j * s + s - 1] };
}
