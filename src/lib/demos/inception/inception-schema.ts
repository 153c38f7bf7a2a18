import { defineDemo } from '../common/demo-schema';
import { parseListText } from '../common/matrix-text';
import { intParam, type ParamDef } from '../common/param-kinds';

export interface InceptionParams {
  /** Input H, W, C. */
  input: [number, number, number];
  /** Output channels of the 1×1, 3×3 and 5×5 branches (both modules). */
  c1: number;
  c3: number;
  c5: number;
  /** Bottleneck module only: 1×1 reductions before the 3×3 and the 5×5, and the 1×1 after the pool. */
  r3: number;
  r5: number;
  proj: number;
  /** Timed runs of each module after one warm-up run; 0 counts without running. */
  runs: number;
}

/**
 * SNU MFDNN Sp24 HW5 Problem 5: a 32 × 32 × 256 input. Its figure is not in our copy of the
 * homework; these are the channel counts of the classic example (GoogLeNet's naive module as
 * taught in CS231n): 1×1-128, 3×3-192, 5×5-96 and a 3×3 max pool, with 1×1-64 bottlenecks.
 */
export const PROBLEM_INPUT: [number, number, number] = [32, 32, 256];
export const INPUT_LIMITS = { side: 128, channels: 1024 } as const;
export const MAX_CHANNELS = 1024;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const inputParam: ParamDef<[number, number, number]> = {
  name: 'input',
  type: 'list',
  default: PROBLEM_INPUT,
  description: 'Input shape H,W,C (height, width, channels); the problem takes 32 × 32 × 256.',
  accepts: `three integers H,W,C with H and W from 1 to ${INPUT_LIMITS.side} and C from 1 to ${INPUT_LIMITS.channels}`,
  parse(text) {
    const r = parseListText(text);
    if (!r.ok) return r;
    if (r.value.length !== 3) return { ok: false, reason: `${r.value.length} numbers` };
    const [h, w, c] = r.value;
    const ok = (v: number | undefined, max: number) => v !== undefined && Number.isInteger(v) && v >= 1 && v <= max;
    if (!ok(h, INPUT_LIMITS.side) || !ok(w, INPUT_LIMITS.side) || !ok(c, INPUT_LIMITS.channels)) return { ok: false, reason: '' };
    return { ok: true, value: [h!, w!, c!] };
  },
  format: (v) => v.join(','),
  equals: sameJson,
};

const channels = (name: string, def: number, description: string) => intParam({ name, default: def, min: 1, max: MAX_CHANNELS, description });

export const inceptionSchema = defineDemo<InceptionParams>({
  name: 'inception',
  title: 'Cost of an inception module, naive and with 1×1 bottlenecks',
  summary: 'Builds both inception modules as ONNX graphs, counts their parameters, multiplications, additions and activations from the graphs, and times them in your browser.',
  defaultSeed: 0,
  controls: ['input', 'c1', 'c3', 'c5', 'r3', 'r5', 'proj', 'runs'],
  params: {
    input: inputParam,
    c1: channels('c1', 128, 'Output channels of the 1×1 convolution branch.'),
    c3: channels('c3', 192, 'Output channels of the 3×3 convolution (padding 1).'),
    c5: channels('c5', 96, 'Output channels of the 5×5 convolution (padding 2).'),
    r3: channels('r3', 64, 'Bottleneck module: output channels of the 1×1 convolution before the 3×3.'),
    r5: channels('r5', 64, 'Bottleneck module: output channels of the 1×1 convolution before the 5×5.'),
    proj: channels('proj', 64, 'Bottleneck module: output channels of the 1×1 convolution after the 3×3 max pool (the naive module passes the pooled input through).'),
    runs: intParam({ name: 'runs', default: 5, min: 0, max: 20, description: 'Timed runs of each module after one warm-up run; the median is reported. 0 only counts.' }),
  },
});
