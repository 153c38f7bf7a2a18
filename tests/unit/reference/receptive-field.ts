// Brute-force dependency of a VGG16 neuron on the input, written from the layer definitions alone:
// the set of (channel, row, column) positions of each layer that a neuron reads, followed back one
// layer at a time, with the number of distinct paths to each input position.

export type VggOp = 'conv' | 'pool';

/** Forward order of the layers before y1, y2 and y3, with the channel count of each layer's output. */
export const VGG_PREFIX: Record<'y1' | 'y2' | 'y3', { op: VggOp; channelsOut: number; sizeOut: number }[]> = {
  y1: [
    { op: 'conv', channelsOut: 64, sizeOut: 224 },
    { op: 'conv', channelsOut: 64, sizeOut: 224 },
  ],
  y2: [
    { op: 'conv', channelsOut: 64, sizeOut: 224 },
    { op: 'conv', channelsOut: 64, sizeOut: 224 },
    { op: 'pool', channelsOut: 64, sizeOut: 112 },
  ],
  y3: [
    { op: 'conv', channelsOut: 64, sizeOut: 224 },
    { op: 'conv', channelsOut: 64, sizeOut: 224 },
    { op: 'pool', channelsOut: 64, sizeOut: 112 },
    { op: 'conv', channelsOut: 128, sizeOut: 112 },
    { op: 'conv', channelsOut: 128, sizeOut: 112 },
    { op: 'pool', channelsOut: 128, sizeOut: 56 },
  ],
};

export interface Dependence {
  channels: number[];
  /** "row,col" -> number of paths from that input pixel (in any one channel) to the neuron. */
  pixels: Map<string, number>;
}

/**
 * conv 3×3, pad 1: output (a, b) reads rows a−1…a+1 and columns b−1…b+1 that exist (padding adds
 * zeros, which depend on nothing), in every channel of its input. maxpool 2×2 stride 2: output
 * (a, b) reads rows 2a, 2a+1 and columns 2b, 2b+1 in its own channel.
 */
export function bruteForceDependence(layer: 'y1' | 'y2' | 'y3', k: number, i: number, j: number): Dependence {
  const steps = VGG_PREFIX[layer];
  let channels = new Set([k]);
  let pixels = new Map([[`${i},${j}`, 1]]);
  for (let s = steps.length - 1; s >= 0; s--) {
    const step = steps[s]!;
    const inSize = s === 0 ? 224 : steps[s - 1]!.sizeOut;
    const inChannels = s === 0 ? 3 : steps[s - 1]!.channelsOut;
    const next = new Map<string, number>();
    for (const [key, paths] of pixels) {
      const [a, b] = key.split(',').map(Number) as [number, number];
      const reads: [number, number][] = [];
      if (step.op === 'conv') {
        for (let da = -1; da <= 1; da++) for (let db = -1; db <= 1; db++) reads.push([a + da, b + db]);
      } else {
        for (let da = 0; da <= 1; da++) for (let db = 0; db <= 1; db++) reads.push([2 * a + da, 2 * b + db]);
      }
      for (const [m, n] of reads) {
        if (m < 0 || n < 0 || m >= inSize || n >= inSize) continue;
        next.set(`${m},${n}`, (next.get(`${m},${n}`) ?? 0) + paths);
      }
    }
    pixels = next;
    if (step.op === 'conv') channels = new Set(Array.from({ length: inChannels }, (_, c) => c));
  }
  return { channels: [...channels].sort((a, b) => a - b), pixels };
}
