import { defineDemo } from '../common/demo-schema';
import type { Matrix } from '../common/matrix-text';
import { listParam, matrixParam, numberParam, type ParamDef } from '../common/param-kinds';

export interface BatchnormGradParams {
  /** The batch: one row per example, one column per feature. */
  x: Matrix;
  /** ∂L/∂Y, shaped like x. Empty: small integers drawn from the seed. */
  dy: Matrix;
  /** One per column. Empty: all ones. */
  gamma: number[];
  /** One per column. Empty: all zeros. */
  beta: number[];
  eps: number;
}

/**
 * Four examples, three features on different scales, so that each column is normalised by its
 * own statistics and no entry is 1 from its column mean (where the dropped factor would not show).
 */
export const DEFAULT_X: Matrix = [
  [1, 2, -1],
  [3, 0, 2],
  [0, 1, 4],
  [2, 5, 1],
];

export const MAX_ROWS = 12;
export const MAX_COLS = 6;

/** A matrix that may be left empty, standing for a default that depends on x. */
function optionalMatrix(p: ParamDef<Matrix>, defaultLabel: string): ParamDef<Matrix> {
  return { ...p, defaultLabel, parse: (text) => (text.trim() === '' ? { ok: true, value: [] } : p.parse(text)) };
}

const labelled = <T,>(defaultLabel: string, p: ParamDef<T>): ParamDef<T> => ({ ...p, defaultLabel });

const shape = (m: Matrix) => `${m.length}x${m[0]?.length ?? 0}`;

export const batchnormGradSchema = defineDemo<BatchnormGradParams>({
  name: 'batchnorm-grad',
  title: 'Backward pass of training-mode batch norm',
  summary: 'dX, dγ and dβ of batch norm from the ONNX backward graph, beside the closed form, float64 central differences and the formula with a dropped factor.',
  defaultSeed: 3,
  controls: ['x', 'dy', 'gamma', 'beta', 'eps', 'seed'],
  params: {
    x: matrixParam({ name: 'x', default: DEFAULT_X, maxRows: MAX_ROWS, maxCols: MAX_COLS, maxAbs: 1e4, description: 'The batch X (computed in float32): one row per example, one column per feature; at least 2 rows.' }),
    dy: optionalMatrix(
      matrixParam({
        name: 'dy',
        default: [],
        maxRows: MAX_ROWS,
        maxCols: MAX_COLS,
        maxAbs: 1e4,
        description: 'Upstream gradient ∂L/∂Y, the same shape as x. Leave it out for integers from −3 to 3 drawn with the seed; one of another shape is replaced by those.',
      }),
      'drawn with the seed',
    ),
    gamma: labelled('all ones', listParam({ name: 'gamma', default: [], min: -100, max: 100, maxLength: MAX_COLS, allowEmpty: true, description: 'Scale γ, one entry per column of x. Leave it out for all ones.' })),
    beta: labelled('all zeros', listParam({ name: 'beta', default: [], min: -100, max: 100, maxLength: MAX_COLS, allowEmpty: true, description: 'Shift β, one entry per column of x (it moves Y, never a gradient). Leave it out for all zeros.' })),
    eps: numberParam({ name: 'eps', default: 1e-5, min: 1e-12, max: 10, description: 'ε added to the variance before the square root (PyTorch\'s default 10⁻⁵).' }),
  },
  check(s) {
    const reset: (keyof BatchnormGradParams)[] = [];
    const why: string[] = [];
    let x = s.x;
    if (x.length < 2) {
      why.push(`x must have at least 2 rows, one per example (got ${shape(x)}; a batch of one normalises to 0)`);
      reset.push('x');
      x = DEFAULT_X;
    }
    const d = x[0]!.length;
    if (s.dy.length && (s.dy.length !== x.length || s.dy[0]!.length !== d)) {
      why.push(`dy must be ${shape(x)} like x, or left out (got ${shape(s.dy)})`);
      reset.push('dy');
    }
    for (const name of ['gamma', 'beta'] as const) {
      if (s[name].length && s[name].length !== d) {
        why.push(`${name} must have one entry per column of x (${d}), or be left out (got ${s[name].length})`);
        reset.push(name);
      }
    }
    return reset.length ? { reset, message: why.join('; ') } : null;
  },
});
