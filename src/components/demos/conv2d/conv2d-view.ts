import type { FullState } from '../../../lib/demos/common/demo-schema';
import { outputSize, outputWindow, padMatrix } from '../../../lib/demos/conv2d/conv2d-geometry';
import { appliedKernel, type Conv2dResult } from '../../../lib/demos/conv2d/conv2d-logic';
import type { Conv2dParams } from '../../../lib/demos/conv2d/conv2d-schema';
import { escapeHtml, formatValue, matrixTable } from '../shared/html';

export interface Selection {
  row: number;
  col: number;
}

/**
 * The three matrices of a conv2d state. Without a result (a state not computed yet) the inputs
 * are still shown, since padding and flipping are known before anything runs.
 */
export function renderConv2dView(s: FullState<Conv2dParams>, result: Conv2dResult | null, sel: Selection = { row: 0, col: 0 }): string {
  const padded = result?.padded ?? padMatrix(s.x, s.pad, s.padding);
  const kernel = result?.kernelApplied ?? appliedKernel(s);
  const rows = outputSize(s.x.length, kernel.length, s.pad, s.stride);
  const cols = outputSize(s.x[0]!.length, kernel[0]!.length, s.pad, s.stride);
  const row = Math.min(sel.row, rows - 1);
  const col = Math.min(sel.col, cols - 1);
  const win = outputWindow(padded, kernel, s.stride, row, col);
  const inWindow = (r: number, c: number) => r >= win.rows[0] && r <= win.rows[1] && c >= win.cols[0] && c <= win.cols[1];
  const isPad = (r: number, c: number) => r < s.pad || c < s.pad || r >= padded.length - s.pad || c >= padded[0]!.length - s.pad;
  const y = result?.y ?? Array.from({ length: rows }, () => Array<number>(cols).fill(0));

  const paddedTable = matrixTable(padded, {
    caption: s.pad ? `Input padded by ${s.pad} (${s.padding === 'zeros' ? 'zeros' : 'wrap-around'})` : 'Input (no padding)',
    role: 'padded',
    cellClass: (r, c) => [isPad(r, c) ? 'is-pad' : '', inWindow(r, c) ? 'in-window' : ''].join(' ').trim(),
  });
  const kernelTable = matrixTable(kernel, {
    caption: s.mode === 'conv' ? 'Kernel as applied (flipped)' : 'Kernel as applied (not flipped)',
    role: 'kernel',
  });
  const outTable = matrixTable(y, {
    caption: `Output y, ${rows}×${cols}`,
    role: 'output',
    selectable: true,
    placeholder: result ? undefined : '·',
    cellClass: (r, c) => (r === row && c === col ? 'is-selected' : ''),
  });
  const sum = win.terms
    .filter((t) => t.weight !== 0)
    .map((t) => `${signed(t.input)}·${signed(t.weight)}`)
    .join(' + ');
  const explain = result
    ? `y[${row},${col}] = ${sum || '0'} = <strong>${escapeHtml(formatValue(y[row]![col]!))}</strong> (window rows ${win.rows[0]}–${win.rows[1]}, columns ${win.cols[0]}–${win.cols[1]} of the padded input, counting from 0 as the write-ups do; zero weights left out)`
    : 'Not computed for this state yet: press Run.';
  return `<div class="conv2d-grid">${paddedTable}<span class="op" aria-hidden="true">⋆</span>${kernelTable}<span class="op" aria-hidden="true">=</span>${outTable}</div><p class="conv2d-window" aria-live="polite" data-row="${row}" data-col="${col}">${explain}</p>`;
}

/** Negative factors in parentheses, so "12·(−2)" never reads as a subtraction. */
function signed(v: number): string {
  return v < 0 ? `(${formatValue(v)})` : formatValue(v);
}
