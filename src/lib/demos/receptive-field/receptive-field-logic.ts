import type { DemoLogic } from '../common/demo-logic';
import { receptiveFieldModel } from './receptive-field-model';
import { receptiveFieldSchema, type ReceptiveFieldParams } from './receptive-field-schema';
import { INPUT_SIZE, VGG_LAYERS } from './vgg-blocks';

export interface ReceptiveFieldResult {
  /** Input channels c the neuron depends on. */
  channels: number[];
  /** Input rows m and columns n it depends on: 0-based, inclusive, already clipped to the image. */
  rows: [number, number];
  cols: [number, number];
  /** Paths from each input pixel of the region to the neuron (the same in every channel): why the centre counts more. */
  paths: number[][];
}

export const receptiveFieldLogic: DemoLogic<ReceptiveFieldParams, ReceptiveFieldResult> = {
  schema: receptiveFieldSchema,
  plan(s) {
    const n = VGG_LAYERS[s.layer].size;
    const neuron = new Float32Array(n * n);
    neuron[s.i * n + s.j] = 1;
    return [{ spec: receptiveFieldModel(s.layer), feeds: { neuron: { data: neuron, dims: [1, 1, n, n] } } }];
  },
  finish(_state, [out]) {
    const t = out!['support']!;
    const [, channelCount, h, w] = t.dims as [number, number, number, number];
    if (h !== INPUT_SIZE || w !== INPUT_SIZE) throw new Error(`receptive-field: the model returned ${t.dims.join('×')}, expected 1×3×224×224`);
    const at = (c: number, m: number, q: number) => t.data[(c * h + m) * w + q]!;
    const channels: number[] = [];
    let r0 = h;
    let r1 = -1;
    let c0 = w;
    let c1 = -1;
    for (let c = 0; c < channelCount; c++) {
      let any = false;
      for (let m = 0; m < h; m++) {
        for (let q = 0; q < w; q++) {
          if (at(c, m, q) <= 0) continue;
          any = true;
          r0 = Math.min(r0, m);
          r1 = Math.max(r1, m);
          c0 = Math.min(c0, q);
          c1 = Math.max(c1, q);
        }
      }
      if (any) channels.push(c);
    }
    if (!channels.length) throw new Error('receptive-field: the neuron depends on no input value (empty support)');
    // The support of a chain of box-shaped kernels is a box; say so loudly if it ever is not.
    const paths = Array.from({ length: r1 - r0 + 1 }, (_, a) => Array.from({ length: c1 - c0 + 1 }, (_, b) => at(channels[0]!, r0 + a, c0 + b)));
    for (const c of channels) {
      for (let a = r0; a <= r1; a++) for (let b = c0; b <= c1; b++) if (at(c, a, b) !== paths[a - r0]![b - c0]! || at(c, a, b) <= 0) throw new Error(`receptive-field: the support is not a full rectangle (channel ${c}, row ${a}, column ${b})`);
    }
    return { channels, rows: [r0, r1], cols: [c0, c1], paths };
  },
};
