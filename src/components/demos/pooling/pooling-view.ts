import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { Matrix } from '../../../lib/demos/common/matrix-text';
import { entriesEqualTo, outputShape, poolWindows, uncovered, type PoolWindow } from '../../../lib/demos/pooling/pooling-geometry';
import { effectiveDy, type PoolingResult } from '../../../lib/demos/pooling/pooling-logic';
import { strideOf, type PoolingParams } from '../../../lib/demos/pooling/pooling-schema';
import { escapeHtml, formatValue } from '../shared/html';
import { windowColor } from './pooling-colors';

/** Side of a cell in SVG units; the drawings scale to the width available. */
const C = 38;
const PAD = 10;
const TOP = 26;
const GAP_FORWARD = 56;
const GAP_BACKWARD = 84;

type Cell = [number, number];

const at = (r: number, c: number) => `${r + 1},${c + 1}`;

/**
 * Outlines of neighbouring windows never share a line: the inset depends on the window's row and
 * column parity, so windows that overlap (stride < size) draw parallel, separate borders.
 */
function windowRect(w: PoolWindow, x0: number, y0: number): string {
  const ix = 3 + 5 * (w.j % 2);
  const iy = 3 + 5 * (w.i % 2);
  return `<rect class="pool-outline" x="${x0 + w.col * C + ix}" y="${y0 + w.row * C + iy}" width="${w.size * C - 2 * ix}" height="${w.size * C - 2 * iy}" rx="4" />`;
}

function cellCentre(x0: number, y0: number, [r, c]: Cell): [number, number] {
  return [x0 + c * C + C / 2, y0 + r * C + C / 2];
}

/** Cells' backgrounds and borders first, values last (see `valuesOnly`), so arrows pass under the numbers. */
function gridBack(m: Matrix, x0: number, y0: number, label: string): string {
  const cells = m.map((row, r) => row.map((_, c) => `<rect class="pool-cell" x="${x0 + c * C}" y="${y0 + r * C}" width="${C}" height="${C}" />`).join('')).join('');
  return `<text class="pool-label" x="${x0}" y="${y0 - 8}">${escapeHtml(label)}</text>${cells}`;
}

/**
 * A value short enough for a cell: three significant digits (exact values are in the detail line
 * and the result JSON), and a smaller font as the text gets longer.
 */
function cellText(v: number): { text: string; size: string } {
  const text = formatValue(Number.isInteger(v) ? v : Number(v.toPrecision(3)));
  const size = text.length <= 4 ? '' : text.length === 5 ? ' pool-value--5' : text.length === 6 ? ' pool-value--6' : ' pool-value--7';
  return { text, size };
}

function valuesOnly(m: Matrix, x0: number, y0: number, placeholder?: string): string {
  return m
    .map((row, r) =>
      row
        .map((v, c) => {
          const [cx, cy] = cellCentre(x0, y0, [r, c]);
          const { text, size } = placeholder === undefined ? cellText(v) : { text: placeholder, size: '' };
          // The longest texts (up to "−1000000") are squeezed to the cell rather than spilling over.
          const squeeze = text.length >= 7 ? ` textLength="${C - 6}" lengthAdjust="spacingAndGlyphs"` : '';
          return `<text class="pool-value${size}" x="${cx}" y="${cy}"${squeeze}>${escapeHtml(text)}</text>`;
        })
        .join(''),
    )
    .join('');
}

/** A curved arrow from (sx, sy) to (ex, ey), stopping `gap` short of the end, with its head drawn as a polygon. */
function arrow(sx: number, sy: number, ex: number, ey: number, gap: number): string {
  const dist = Math.hypot(ex - sx, ey - sy);
  const cx = (sx + ex) / 2;
  const cy = (sy + ey) / 2 - Math.min(40, 0.18 * dist);
  const tx = ex - cx;
  const ty = ey - cy;
  const tl = Math.hypot(tx, ty) || 1;
  const ux = tx / tl;
  const uy = ty / tl;
  const hx = ex - ux * gap;
  const hy = ey - uy * gap;
  const head = 9;
  const bx = hx - ux * head;
  const by = hy - uy * head;
  const wing = 4.5;
  const f = (v: number) => v.toFixed(1);
  return (
    `<path class="pool-arrow" d="M${f(sx)},${f(sy)} Q${f(cx)},${f(cy)} ${f(bx)},${f(by)}" />` +
    `<polygon class="pool-arrowhead" points="${f(hx)},${f(hy)} ${f(bx - uy * wing)},${f(by + ux * wing)} ${f(bx + uy * wing)},${f(by - ux * wing)}" />`
  );
}

interface Layout {
  windows: PoolWindow[];
  y: Matrix;
  dy: Matrix;
  dx: Matrix;
  argmax: Cell[][] | null;
  computed: boolean;
}

function describe(s: PoolingParams, w: PoolWindow, l: Layout): string {
  const where = `window (${at(w.i, w.j)}): rows ${w.row + 1}–${w.row + w.size}, columns ${w.col + 1}–${w.col + w.size} of x`;
  const g = formatValue(l.dy[w.i]![w.j]!);
  if (!l.computed) return `${where}. Not computed for this state yet: press Run.`;
  const y = formatValue(l.y[w.i]![w.j]!);
  if (s.kind === 'avg') {
    return `${where}; y(${at(w.i, w.j)}) = ${y}, their mean. dy(${at(w.i, w.j)}) = ${g} is shared equally: ${g}/${w.size * w.size} to each of the ${w.size * w.size} entries.`;
  }
  const [r, c] = l.argmax![w.i]![w.j]!;
  const ties = entriesEqualTo(s.x, w, l.y[w.i]![w.j]!).filter(([tr, tc]) => tr !== r || tc !== c);
  const tieText = ties.length ? ` (tied with ${ties.map(([tr, tc]) => `(${at(tr, tc)})`).join(', ')}; the first in row-major order wins)` : '';
  return `${where}; its maximum y(${at(w.i, w.j)}) = ${y} is x(${at(r, c)})${tieText}. dy(${at(w.i, w.j)}) = ${g} goes to dX(${at(r, c)}).`;
}

function forwardSvg(s: PoolingParams, l: Layout): string {
  const h = s.x.length;
  const wd = s.x[0]!.length;
  const { rows, cols } = outputShape(s.x, s.size, strideOf(s));
  const yx0 = PAD + wd * C + GAP_FORWARD;
  const width = yx0 + cols * C + PAD;
  const height = TOP + Math.max(h, rows) * C + PAD;
  const groups = l.windows
    .map((w) => {
      const color = windowColor(w.i, w.j);
      const marks: string[] = [windowRect(w, PAD, TOP)];
      marks.push(`<rect class="pool-out" x="${yx0 + w.j * C + 2}" y="${TOP + w.i * C + 2}" width="${C - 4}" height="${C - 4}" />`);
      if (l.argmax) {
        const cell = l.argmax[w.i]![w.j]!;
        const [cx, cy] = cellCentre(PAD, TOP, cell);
        marks.push(`<circle class="pool-winner" cx="${cx}" cy="${cy}" r="${C * 0.36}" />`);
        for (const t of entriesEqualTo(s.x, w, l.y[w.i]![w.j]!)) {
          if (t[0] === cell[0] && t[1] === cell[1]) continue;
          const [tx, ty] = cellCentre(PAD, TOP, t);
          marks.push(`<circle class="pool-tie" cx="${tx}" cy="${ty}" r="${C * 0.36}" />`);
        }
      }
      return `<g class="pool-win" data-win="${w.i},${w.j}" style="--win:${color}">${marks.join('')}</g>`;
    })
    .join('');
  const op = s.kind === 'max' ? 'max' : 'mean';
  return (
    `<svg class="pool-svg" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-label="Forward pass: x with its ${l.windows.length} windows outlined, and y, the ${op} of each window">` +
    gridBack(s.x, PAD, TOP, 'x') +
    gridBack(l.y, yx0, TOP, `y = ${s.kind}pool(x)`) +
    `<text class="pool-op" x="${PAD + wd * C + GAP_FORWARD / 2}" y="${TOP + (Math.min(h, rows) * C) / 2}">→</text>` +
    groups +
    valuesOnly(s.x, PAD, TOP) +
    valuesOnly(l.y, yx0, TOP, l.computed ? undefined : '·') +
    `</svg>`
  );
}

function backwardSvg(s: PoolingParams, l: Layout): string {
  const h = s.x.length;
  const wd = s.x[0]!.length;
  const { rows, cols } = outputShape(s.x, s.size, strideOf(s));
  const dxx0 = PAD + cols * C + GAP_BACKWARD;
  const width = dxx0 + wd * C + PAD;
  const height = TOP + Math.max(h, rows) * C + PAD + 24;
  const groups = l.windows
    .map((w) => {
      const color = windowColor(w.i, w.j);
      const [sx, sy] = cellCentre(PAD, TOP, [w.i, w.j]);
      const marks: string[] = [`<rect class="pool-out" x="${PAD + w.j * C + 2}" y="${TOP + w.i * C + 2}" width="${C - 4}" height="${C - 4}" />`];
      if (l.computed && l.argmax) {
        const [ex, ey] = cellCentre(dxx0, TOP, l.argmax[w.i]![w.j]!);
        marks.push(`<circle class="pool-winner" cx="${ex}" cy="${ey}" r="${C * 0.36}" />`, arrow(sx + C * 0.3, sy, ex, ey, C * 0.38));
      } else if (l.computed) {
        marks.push(windowRect(w, dxx0, TOP));
        const ex = dxx0 + (w.col + w.size / 2) * C;
        const ey = TOP + (w.row + w.size / 2) * C;
        marks.push(arrow(sx + C * 0.3, sy, ex, ey, 4), `<circle class="pool-dot" cx="${ex}" cy="${ey}" r="3" />`);
      }
      const label = describe(s, w, l);
      return `<g class="pool-win" data-win="${w.i},${w.j}" style="--win:${color}" tabindex="0" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${marks.join('')}</g>`;
    })
    .join('');
  const dyText = s.dy.length ? 'dy = ∂L/∂y' : 'dy = ∂L/∂y (all ones)';
  return (
    `<svg class="pool-svg" viewBox="0 0 ${width} ${height}" width="${width}" role="group" aria-label="Backward pass: each entry of dy and where it goes in dX">` +
    gridBack(l.dy, PAD, TOP, dyText) +
    gridBack(l.dx, dxx0, TOP, 'dX = ∂L/∂x') +
    groups +
    valuesOnly(l.dy, PAD, TOP) +
    valuesOnly(l.dx, dxx0, TOP, l.computed ? undefined : '·') +
    `</svg>`
  );
}

/** "row", "2 rows", or nothing for 0. */
function count(n: number, noun: string): string {
  return n === 0 ? '' : n === 1 ? noun : `${n} ${noun}s`;
}

/**
 * The forward pass (x with its windows outlined, y) and the backward pass (dy, dX, an arrow from
 * each dy entry to where it lands). Without a result the inputs and windows are still drawn.
 */
export function renderPoolingView(s: FullState<PoolingParams>, result: PoolingResult | null): string {
  const stride = strideOf(s);
  const { rows, cols } = outputShape(s.x, s.size, stride);
  const zeros = (r: number, c: number) => Array.from({ length: r }, () => Array<number>(c).fill(0));
  const l: Layout = {
    windows: poolWindows(s.x, s.size, stride),
    y: result?.y ?? zeros(rows, cols),
    dy: effectiveDy(s),
    dx: result?.dx ?? zeros(s.x.length, s.x[0]!.length),
    argmax: result?.argmax ?? null,
    computed: result !== null,
  };
  const overlap = stride < s.size ? ` Windows overlap (stride ${stride} < size ${s.size}): where they do, their contributions to dX add up.` : '';
  const gaps = stride > s.size ? ` Stride ${stride} > size ${s.size}: entries between windows are in no window and get zero gradient.` : '';
  const lostRows = uncovered(s.x.length, s.size, stride);
  const lostCols = uncovered(s.x[0]!.length, s.size, stride);
  const edge =
    stride <= s.size && (lostRows || lostCols)
      ? ` The last ${[count(lostRows, 'row'), count(lostCols, 'column')].filter(Boolean).join(' and ')} of x ${lostRows + lostCols > 1 ? 'fit' : 'fits'} no whole window, so ${lostRows + lostCols > 1 ? 'they get' : 'it gets'} zero gradient.`
      : '';
  const rule =
    s.kind === 'max'
      ? `Max pooling: each dy entry goes, whole, to the entry of x that was the window's maximum; every other entry of the window gets 0. On a tie the first maximum in row-major order (top row first, left to right) takes it all, as PyTorch does; a dashed circle marks a tied entry that gets nothing.`
      : `Average pooling: each dy entry is split equally over its window, dy/${s.size * s.size} to each of the ${s.size * s.size} entries.`;
  const first = l.windows[0]!;
  return (
    `<div class="pool-panels">` +
    `<figure class="pool-panel"><figcaption>Forward: ${rows}×${cols} windows of ${s.size}×${s.size}, stride ${stride}</figcaption>${forwardSvg(s, l)}</figure>` +
    `<figure class="pool-panel"><figcaption>Backward: where each entry of dy goes</figcaption>${backwardSvg(s, l)}</figure>` +
    `</div>` +
    `<p class="pool-rule">${escapeHtml(rule + overlap + gaps + edge)}</p>` +
    `<p class="pool-detail" data-role="detail" aria-live="polite">${escapeHtml(describe(s, first, l))}</p>`
  );
}
