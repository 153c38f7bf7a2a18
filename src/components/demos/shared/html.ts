/** Markup helpers shared by the build-time render and the live update of every demo view. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Up to six significant digits, no trailing zeros, a true minus sign. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const t = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return t.replace(/^-/, '−');
}

export interface MatrixTableOptions {
  caption: string;
  /** Extra class per cell, e.g. to mark padding. */
  cellClass?: (r: number, c: number) => string;
  /** Render cells as buttons that select an output entry. */
  selectable?: boolean;
  role?: string;
  /** Replaces every value (an output not computed yet). */
  placeholder?: string;
}

export function matrixTable(m: number[][], o: MatrixTableOptions): string {
  const rows = m
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const cls = o.cellClass?.(r, c) ?? '';
          const text = o.placeholder ?? formatValue(v);
          const inner = o.selectable
            ? `<button type="button" data-out="${r},${c}" aria-label="output row ${r + 1}, column ${c + 1}: ${escapeHtml(text)}">${escapeHtml(text)}</button>`
            : escapeHtml(text);
          return `<td class="${cls}" data-cell="${r},${c}">${inner}</td>`;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('');
  return `<table class="matrix"${o.role ? ` data-role="${o.role}"` : ''}><caption>${escapeHtml(o.caption)}</caption><tbody>${rows}</tbody></table>`;
}
