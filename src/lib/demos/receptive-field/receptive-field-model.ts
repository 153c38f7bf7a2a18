import { addConvTranspose } from '../../onnx/conv-transpose';
import { GraphBuilder } from '../../onnx/graph-builder';
import type { ModelSpec } from '../../onnx/model-spec';
import { INPUT_CHANNELS, INPUT_SIZE, VGG_LAYERS, type VggLayerName } from './vgg-blocks';

/**
 * The layers of VGG16 up to `layer`, run backwards on dependence instead of values: a one-hot
 * map marking one neuron goes through the transpose of each layer's connection pattern. A 3×3
 * conv (pad 1) becomes a ConvTranspose with an all-ones 3×3 kernel and pad 1; a 2×2 stride-2 max
 * pool becomes a ConvTranspose with an all-ones 2×2 kernel and stride 2, which spreads a neuron over
 * its whole window (a gradient would pick one pixel of it). The output counts the paths from each
 * input value to the neuron, so its support (> 0) is the receptive field. One channel suffices
 * inside: a conv joins every input channel to every output channel, so every channel carries the
 * same spatial pattern; the first conv's transpose fans it out to the 3 input channels.
 */
export function receptiveFieldModel(layer: VggLayerName): ModelSpec {
  const spec = VGG_LAYERS[layer];
  return {
    key: `receptive-field-${layer}`,
    build() {
      const g = new GraphBuilder(`receptive-field-${layer}`);
      let x = g.input('neuron', [1, 1, spec.size, spec.size]);
      // All-ones kernels, each declared once and only if a step uses it.
      const made = new Set<string>();
      const ones = (name: string, dims: number[]) => {
        if (!made.has(name)) g.constant(name, dims, Array<number>(dims.reduce((a, b) => a * b, 1)).fill(1));
        made.add(name);
        return name;
      };
      const back = [...spec.steps].reverse();
      back.forEach((step, n) => {
        const last = n === back.length - 1;
        const out = last ? 'support' : undefined;
        x =
          step.op === 'conv'
            ? addConvTranspose(g, [x, last ? ones('ones_3x3_to_rgb', [1, INPUT_CHANNELS, 3, 3]) : ones('ones_3x3', [1, 1, 3, 3])], { kernelShape: [3, 3], pads: [1, 1, 1, 1] }, out)
            : addConvTranspose(g, [x, ones('ones_2x2', [1, 1, 2, 2])], { kernelShape: [2, 2], strides: [2, 2] }, out);
      });
      g.output('support', [1, INPUT_CHANNELS, INPUT_SIZE, INPUT_SIZE]);
      return g.toBytes();
    },
  };
}
