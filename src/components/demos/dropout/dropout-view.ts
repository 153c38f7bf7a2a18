import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { DropoutResult } from '../../../lib/demos/dropout/dropout-logic';
import type { DropoutParams } from '../../../lib/demos/dropout/dropout-schema';
import { escapeHtml, formatValue } from '../shared/html';

const cell = (v: number | undefined | null) => (v === undefined || v === null ? '—' : escapeHtml(formatValue(v)));

/** The weights next to the closed form and the contributions x_j w_j of the first example. */
export function renderDropoutTable(s: FullState<DropoutParams>, r: DropoutResult | null): string {
  if (!r) return '<p class="dropout-pending">Not trained for this state yet: press Run.</p>';
  const d = s.x[0]!.length;
  const rows = Array.from({ length: d }, (_, j) => {
    const name = `w<sub>${j + 1}</sub>`;
    return `<tr><th scope="row">${name}</th><td>${cell(r.w[j])}</td><td>${cell(r.closedForm?.[j])}</td><td>${cell(r.inference[j])}</td><td>${cell(r.contributions[j])}</td></tr>`;
  }).join('');
  // Named by its value: pages that count p as the keep probability (HW4 P2) read this table too.
  const keep = formatValue(Number((1 - s.p).toPrecision(12)));
  const scaleNote = s.scaling === 'none' ? ` (trained × ${keep}, the keep rate)` : '';
  return `<table class="dropout-weights"><caption>After ${s.steps} steps, drop rate ${formatValue(s.p)} (keep rate ${keep}), ${s.opt === 'adam' ? `Adam (ε = ${formatValue(s.eps)})` : 'SGD'}</caption>
<thead><tr><th scope="col">weight</th><th scope="col">trained</th><th scope="col">closed form</th><th scope="col">for inference${scaleNote}</th><th scope="col">x<sub>j</sub>·w<sub>j</sub> (row 1)</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}
