import type { Tape } from './tape';
import type { Shape4 } from './cnn-ops';

/** Rows (or columns) added before and after, for one spatial axis. */
export type SidePads = [top: number, left: number, bottom: number, right: number];

/**
 * "Same" padding for a k×k window at stride 1: (k − 1) in all, split evenly; an even kernel gets
 * the extra row and column at the bottom and right.
 */
export function samePads(kernel: number): SidePads {
  const before = Math.floor((kernel - 1) / 2);
  const after = kernel - 1 - before;
  return [before, before, after, after];
}

/** Where padded index i (counting from −before) reads from, mirrored about the edges without repeating them. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  let j = i;
  // One reflection suffices while pads < n, which padReflect checks.
  if (j < 0) j = -j;
  if (j >= n) j = 2 * (n - 1) - j;
  return j;
}

/**
 * The (n + before + after) × n matrix S with padded = S · x along one axis: row i has a single 1
 * in the column that padded index i copies.
 */
function reflectSelection(n: number, before: number, after: number): number[] {
  const rows = n + before + after;
  const s = new Array<number>(rows * n).fill(0);
  for (let i = 0; i < rows; i++) s[i * n + reflectIndex(i - before, n)] = 1;
  return s;
}

/**
 * Reflect padding (PyTorch's padding_mode="reflect", ONNX Pad mode "reflect"): the row above the
 * first is the second, and so on. Forward: one Pad node. Backward: the padded tensor is
 * S_h · x · S_wᵀ with 0/1 selection matrices, so dX = S_hᵀ · dY · S_w — two MatMuls that add
 * every mirrored copy's gradient back onto the entry it came from.
 */
export function padReflect(t: Tape, x: string, input: Shape4, pads: SidePads): string {
  const { g } = t;
  const [, , h, w] = input;
  const [top, left, bottom, right] = pads;
  if (Math.max(top, bottom) >= h || Math.max(left, right) >= w) throw new Error(`padReflect: pads ${pads.join(',')} need an input larger than ${h}x${w}`);
  if (top + left + bottom + right === 0) return x;
  const padsTensor = g.constantInt64(g.fresh('pads'), [8], [0, 0, top, left, 0, 0, bottom, right]);
  const [y] = g.node('Pad', [x, padsTensor], { mode: 'reflect' });
  return t.record(y!, (dY) => {
    const rowsT = g.constant(g.fresh('reflect_rows_t'), [h, h + top + bottom], transpose(reflectSelection(h, top, bottom), h + top + bottom, h));
    const cols = g.constant(g.fresh('reflect_cols'), [w + left + right, w], reflectSelection(w, left, right));
    const [partial] = g.node('MatMul', [rowsT, dY]);
    return [[x, g.node('MatMul', [partial!, cols])[0]!]];
  });
}

/** Zero padding with a backward rule: the gradient of the interior, sliced out. */
export function padZeros(t: Tape, x: string, input: Shape4, pads: SidePads): string {
  const { g } = t;
  const [, , h, w] = input;
  const [top, left, bottom, right] = pads;
  if (top + left + bottom + right === 0) return x;
  const padsTensor = g.constantInt64(g.fresh('pads'), [8], [0, 0, top, left, 0, 0, bottom, right]);
  const [y] = g.node('Pad', [x, padsTensor], { mode: 'constant' });
  return t.record(y!, (dY) => {
    const starts = g.constantInt64(g.fresh('starts'), [2], [top, left]);
    const ends = g.constantInt64(g.fresh('ends'), [2], [top + h, left + w]);
    const axes = g.constantInt64(g.fresh('axes'), [2], [2, 3]);
    return [[x, g.node('Slice', [dY, starts, ends, axes])[0]!]];
  });
}

function transpose(m: number[], rows: number, cols: number): number[] {
  const out = new Array<number>(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}
