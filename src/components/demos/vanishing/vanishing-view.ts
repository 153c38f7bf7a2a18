import type { VanishingResult } from '../../../lib/demos/vanishing/vanishing-logic';
import { NETWORK_LIMIT } from '../../../lib/demos/vanishing/vanishing-logic';
import type { VanishingParams } from '../../../lib/demos/vanishing/vanishing-schema';
import { escapeHtml } from '../shared/html';
import { scientific } from '../shared/scientific';

/** The table beside the charts: per layer, both norms and the mean slope. */
export function renderLayerTable(s: VanishingParams, r: VanishingResult | null): string {
  const rows = Array.from({ length: s.depth }, (_, k) => {
    const l = r?.layers[k];
    const cell = (v: number | null | undefined) => `<td>${v === undefined ? '·' : v === null ? 'overflow' : escapeHtml(scientific(v, 3))}</td>`;
    const mark = l?.chosen && s.at.length ? ' class="van-chosen"' : '';
    return `<tr${mark}><th scope="row">${k + 1}</th>${cell(l?.gradB)}${cell(l?.gradA)}<td>${l ? (k + 1 < s.depth ? l.meanSlope.toFixed(3) : '1 (linear)') : '·'}</td></tr>`;
  });
  return (
    `<div class="van-region" tabindex="0" role="region" aria-label="Gradient norms per layer">` +
    `<table class="van-table" data-role="layers"><caption>Per layer i${s.at.length ? ' (highlighted: the layers in at)' : ''}</caption>` +
    `<thead><tr><th scope="col">i</th><th scope="col">‖∂y<sub>L</sub>/∂b<sub>i</sub>‖</th><th scope="col">‖∂y<sub>L</sub>/∂A<sub>i</sub>‖</th><th scope="col">mean σ′(ỹ<sub>i</sub>)</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>`
  );
}

export function renderNotes(r: VanishingResult | null): string {
  // Before a run the status line already says so.
  if (!r) return `<p class="van-notes" data-role="notes" hidden></p>`;
  const first = r.layers[0]!.gradB;
  const lines = [
    first === null ? '' : `‖∂y<sub>L</sub>/∂b<sub>1</sub>‖ = ${escapeHtml(scientific(first, 3))}, against ‖∂y<sub>L</sub>/∂b<sub>L</sub>‖ = 1${r.perLayer === null ? '.' : `: on average each layer multiplies the gradient by ${escapeHtml(scientific(r.perLayer, 3))} on its way down.`}`,
    r.network ? '' : `The network has ${r.parameters.toLocaleString('en-US')} parameters, more than ${NETWORK_LIMIT.toLocaleString('en-US')}: the result leaves it out (the seed reproduces it).`,
    ...r.warnings.map(escapeHtml),
  ].filter(Boolean);
  return `<p class="van-notes" data-role="notes">${lines.join(' ')}</p>`;
}
