import { defineDemo } from '../common/demo-schema';
import { parseListText } from '../common/matrix-text';
import type { ParamDef } from '../common/param-kinds';
import { planArchitecture, type Shape } from './architecture';
import { formatLayers, LAYER_GRAMMAR, MAX_LAYERS, parseLayers, type Layer } from './layer-grammar';

export interface ShapesParams {
  input: [number, number, number];
  layers: Layer[];
}

/** EECS 182 Sp23 HW3 Problem 3(e): a 28 × 28 grey-scale image through two conv/pool stages and an FC layer. */
export const HOMEWORK_INPUT: [number, number, number] = [28, 28, 1];
export const HOMEWORK_LAYERS = 'conv3-10,pool2,conv3-10,pool2,flatten,fc-3';
export const INPUT_LIMITS = { side: 256, channels: 512 } as const;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const inputParam: ParamDef<[number, number, number]> = {
  name: 'input',
  type: 'list',
  default: HOMEWORK_INPUT,
  description: 'Input shape H,W,C (height, width, channels), as the homework writes 28 × 28 × 1.',
  accepts: `three integers H,W,C with H and W from 1 to ${INPUT_LIMITS.side} and C from 1 to ${INPUT_LIMITS.channels}`,
  parse(text) {
    const r = parseListText(text);
    if (!r.ok) return r;
    const [h, w, c] = r.value;
    if (r.value.length !== 3) return { ok: false, reason: `${r.value.length} numbers` };
    const ok = (v: number | undefined, max: number) => v !== undefined && Number.isInteger(v) && v >= 1 && v <= max;
    if (!ok(h, INPUT_LIMITS.side) || !ok(w, INPUT_LIMITS.side) || !ok(c, INPUT_LIMITS.channels)) return { ok: false, reason: '' };
    return { ok: true, value: [h!, w!, c!] };
  },
  format: (v) => v.join(','),
  equals: sameJson,
};

const layersParam: ParamDef<Layer[]> = {
  name: 'layers',
  type: 'list',
  default: (parseLayers(HOMEWORK_LAYERS) as { value: Layer[] }).value,
  description:
    'Layers in order, comma separated. convK-F: K×K convolution with F filters, stride 1, padding ⌊K/2⌋ (conv3-F is the homework\'s CONV3-F); add /sS for stride S, /pP for padding P, /pPc to pad circularly (wrap-around). poolK: K×K max pooling with stride K (poolK/sS for stride S). relu; gap: global average pool; flatten; fc-N: fully connected with N outputs (flattens an image first); dwK: depthwise K×K convolution, one filter and bias per channel, channels unchanged, padding ⌊K/2⌋ (dwK/sS, dwK/pP as for conv), so dw3,conv1-128 is a depthwise-separable layer.',
  accepts: `a comma-separated list of 1 to ${MAX_LAYERS} layers, each one of ${LAYER_GRAMMAR}`,
  parse: parseLayers,
  format: formatLayers,
  equals: sameJson,
};

export const shapesSchema = defineDemo<ShapesParams>({
  name: 'shapes',
  title: 'Parameters, shapes and receptive fields of a CNN',
  summary: 'Write a CNN as a list of layers; the model is built and run, and each layer\'s parameters, output shape and receptive field are tabulated.',
  defaultSeed: 0,
  controls: ['input', 'layers'],
  params: { input: inputParam, layers: layersParam },
  check(s) {
    const r = planArchitecture(s.input as Shape, s.layers);
    if (r.ok) return null;
    // Keep the reader's input if the homework's layers fit it; otherwise both go back to the homework.
    const fallback = planArchitecture(s.input as Shape, layersParam.default);
    return { reset: fallback.ok ? ['layers'] : ['input', 'layers'], message: r.message };
  },
});
