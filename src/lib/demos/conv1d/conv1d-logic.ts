import type { DemoLogic } from '../common/demo-logic';
import { cleanZero } from '../common/demo-logic';
import { conv1dModel } from './conv1d-model';
import { conv1dSchema, type Conv1dParams } from './conv1d-schema';

export interface Conv1dResult {
  n: number[];
  /** y(n) = (x(· − shift) * h)(n). */
  y: number[];
  /** The same with shift 0, drawn underneath to show the output moving with the input. */
  yUnshifted: number[];
  /** The shifted boxcar and h on the same n. */
  x: number[];
  h: number[];
}

export const boxcar = (L: number, shift: number) => (n: number) => (n >= shift && n < shift + L ? 1 : 0);
export const impulseResponse = (a: number) => (n: number) => (n >= 0 ? a ** n : 0);

/**
 * y(n) = sum over m of h(m) x(n − m). Both boxcars start at min(0, shift), so on n ≤ to only
 * taps m ≤ to − min(0, shift) can contribute: truncating h there is exact, not an approximation.
 */
export function tapCount(s: Conv1dParams): number {
  return Math.max(1, s.to - Math.min(0, s.shift) + 1);
}

export function indexRange(s: Conv1dParams): number[] {
  return Array.from({ length: s.to - s.from + 1 }, (_, i) => s.from + i);
}

export const conv1dLogic: DemoLogic<Conv1dParams, Conv1dResult> = {
  schema: conv1dSchema,
  plan(s) {
    const taps = tapCount(s);
    const h = impulseResponse(s.a);
    // Correlating with the reversed taps is the flip-and-drag convolution.
    const kernel = Float32Array.from({ length: taps }, (_, j) => h(taps - 1 - j));
    const length = s.to - s.from + taps;
    const start = s.from - taps + 1;
    const signal = (shift: number) => Array.from({ length }, (_, t) => boxcar(s.L, shift)(start + t));
    return [
      {
        spec: conv1dModel(taps),
        feeds: {
          x: { data: Float32Array.from([...signal(0), ...signal(s.shift)]), dims: [2, 1, length] },
          h: { data: kernel, dims: [1, 1, taps] },
        },
      },
    ];
  },
  finish(s, [out]) {
    const n = indexRange(s);
    const y = out!['y']!;
    if (y.dims[2] !== n.length) throw new Error(`conv1d: model returned length ${y.dims[2]}, expected ${n.length}`);
    const row = (b: number) => Array.from(y.data.subarray(b * n.length, (b + 1) * n.length), cleanZero);
    return {
      n,
      y: row(1),
      yUnshifted: row(0),
      x: n.map(boxcar(s.L, s.shift)),
      h: n.map(impulseResponse(s.a)),
    };
  },
};
