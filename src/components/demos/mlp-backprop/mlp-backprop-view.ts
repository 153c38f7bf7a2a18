import type { MlpBackpropResult } from '../../../lib/demos/mlp-backprop/mlp-backprop-logic';
import type { MlpBackpropParams } from '../../../lib/demos/mlp-backprop/mlp-backprop-schema';
import { escapeHtml, formatValue } from '../shared/html';
import { scientific } from '../shared/scientific';

/** Four significant digits; gradients span many orders of magnitude, so small and large ones as 2.12·10⁻⁵. */
const short = (v: number) => (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) ? scientific(v, 4) : formatValue(Number(v.toPrecision(4))));

function matrix(m: number[][], caption: string, role?: string): string {
  const rows = m.map((row) => `<tr>${row.map((v) => `<td>${escapeHtml(short(v))}</td>`).join('')}</tr>`).join('');
  return `<table class="matrix mlp-matrix"${role ? ` data-role="${role}"` : ''}><caption>${caption}</caption><tbody>${rows}</tbody></table>`;
}

const column = (v: number[]) => v.map((x) => [x]);

/** A wide block that scrolls sideways on a phone; focusable, so a keyboard can scroll it too. */
function region(label: string, inner: string, cls = ''): string {
  return `<div class="mlp-region ${cls}" tabindex="0" role="region" aria-label="${escapeHtml(label)}">${inner}</div>`;
}

export function renderSummary(s: MlpBackpropParams, r: MlpBackpropResult | null): string {
  if (!r) return `<p class="mlp-summary" data-role="summary">Not computed for this state yet (L = ${s.layers}, width ${s.width}, ${escapeHtml(s.act)}): press Run.</p>`;
  return (
    `<p class="mlp-summary" data-role="summary">` +
    `y<sub>L</sub> = ${escapeHtml(short(r.output))}, Y = ${escapeHtml(short(r.network.Y))}, loss ½(y<sub>L</sub> − Y)² = ${escapeHtml(short(r.loss))}. ` +
    `Largest relative error of the recursion's gradients: <strong data-role="max-rel-error">${escapeHtml(scientific(r.maxRelError))}</strong> against float64 central differences, ` +
    `<strong data-role="tape-rel-error">${escapeHtml(scientific(r.tapeMaxRelError))}</strong> against the training tape.</p>`
  );
}

export function renderErrorTable(s: MlpBackpropParams, r: MlpBackpropResult | null): string {
  const rows = Array.from({ length: s.layers }, (_, k) => {
    const e = r?.errors[k];
    const shape = `${k === s.layers - 1 ? 1 : s.width}×${s.width}`;
    const cell = (v: number | undefined) => `<td>${v === undefined ? '·' : escapeHtml(scientific(v))}</td>`;
    const size = r ? escapeHtml(scientific(Math.hypot(...r.dA[k]!.flat()))) : '·';
    return `<tr><th scope="row">${k + 1}</th><td>${shape}</td><td>${size}</td>${cell(e?.dA)}${cell(e?.db)}${cell(e?.tape)}</tr>`;
  });
  const table =
    `<table class="mlp-table" data-role="errors"><caption>Relative errors per layer</caption>` +
    `<thead><tr><th scope="col">ℓ</th><th scope="col">A<sub>ℓ</sub></th><th scope="col">‖dA<sub>ℓ</sub>‖</th><th scope="col">dA<sub>ℓ</sub> vs differences</th><th scope="col">db<sub>ℓ</sub> vs differences</th><th scope="col">both vs tape</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`;
  return `<p class="mlp-table-note">Per layer ℓ: the size of dA<sub>ℓ</sub> (Frobenius norm) and the largest relative error |g − r| / max(|r|, 10⁻³⁰) of the graph's gradients g against each reference r.</p>${region('Relative errors per layer', table)}`;
}

/** Every layer's gradients, from layer 1 up. */
export function renderGradients(r: MlpBackpropResult | null): string {
  if (!r) return `<p class="demo-help" data-role="gradients">The gradients appear here after a run.</p>`;
  const blocks = r.dA.map((dA, k) =>
    region(
      `Gradients of layer ${k + 1}`,
      `<p class="mlp-layer-title">Layer ${k + 1}</p><div class="mlp-pair">${matrix(dA, `dA<sub>${k + 1}</sub> = ∂loss/∂A<sub>${k + 1}</sub>`, `dA${k + 1}`)}${matrix(column(r.db[k]!), `db<sub>${k + 1}</sub>`, `db${k + 1}`)}</div>`,
      'mlp-layer',
    ),
  );
  return `<div class="mlp-layers" data-role="gradients">${blocks.join('')}</div>`;
}

export function renderNetwork(r: MlpBackpropResult | null): string {
  if (!r) return '';
  const n = r.network;
  const blocks = n.A.map((A, k) =>
    region(`Parameters of layer ${k + 1}`, `<div class="mlp-pair">${matrix(A, `A<sub>${k + 1}</sub>`)}${matrix(column(n.b[k]!), `b<sub>${k + 1}</sub>`)}</div>`, 'mlp-layer'),
  );
  return (
    `<details class="mlp-network" data-role="network"><summary>The network: x, Y and every A<sub>ℓ</sub>, b<sub>ℓ</sub> (float32 values)</summary>` +
    `<div class="mlp-layers">${region('Input and target', `<div class="mlp-pair">${matrix(column(n.x), 'x')}${matrix([[n.Y]], 'Y')}</div>`, 'mlp-layer')}${blocks.join('')}</div></details>`
  );
}

export function renderMlpBackpropView(s: MlpBackpropParams, r: MlpBackpropResult | null): string {
  return renderSummary(s, r) + renderErrorTable(s, r) + renderGradients(r) + renderNetwork(r);
}
