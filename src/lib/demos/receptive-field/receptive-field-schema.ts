import { defineDemo } from '../common/demo-schema';
import { enumParam, intParam } from '../common/param-kinds';
import { INPUT_SIZE, VGG_LAYERS, type VggLayerName } from './vgg-blocks';

export interface ReceptiveFieldParams {
  layer: VggLayerName;
  k: number;
  i: number;
  j: number;
}

const MAX_CHANNELS = Math.max(...Object.values(VGG_LAYERS).map((l) => l.channels));

export const receptiveFieldSchema = defineDemo<ReceptiveFieldParams>({
  name: 'receptive-field',
  title: 'Receptive fields in the first blocks of VGG16',
  summary: 'Pick a neuron of y1, y2 or y3 in VGG16; the input pixels it depends on are found by propagating it back through the layers.',
  defaultSeed: 0,
  controls: ['layer', 'k', 'i', 'j'],
  params: {
    layer: enumParam({
      name: 'layer',
      default: 'y3',
      values: ['y1', 'y2', 'y3'] as const,
      description: 'y1: output of the second conv (64 × 224 × 224); y2: after the first max pool (64 × 112 × 112); y3: after the second max pool (128 × 56 × 56).',
    }),
    k: intParam({ name: 'k', default: 0, min: 0, max: MAX_CHANNELS - 1, description: 'Channel of the neuron: below 64 for y1 and y2, below 128 for y3.' }),
    i: intParam({ name: 'i', default: 10, min: 0, max: INPUT_SIZE - 1, description: 'Row of the neuron, from 0: below 224 for y1, 112 for y2, 56 for y3.' }),
    j: intParam({ name: 'j', default: 20, min: 0, max: INPUT_SIZE - 1, description: 'Column of the neuron, from 0, with the same limits as i.' }),
  },
  check(s) {
    const l = VGG_LAYERS[s.layer];
    const bad = (['i', 'j'] as const).filter((p) => s[p] >= l.size);
    if (s.k >= l.channels) bad.unshift('k' as never);
    if (!bad.length) return null;
    const what = bad.map((p) => `${p} = ${s[p]}`).join(' and ');
    return {
      reset: bad,
      message: `${what} is outside ${s.layer}, which has ${l.channels} channels of ${l.size} × ${l.size} (k from 0 to ${l.channels - 1}, i and j from 0 to ${l.size - 1})`,
    };
  },
});
