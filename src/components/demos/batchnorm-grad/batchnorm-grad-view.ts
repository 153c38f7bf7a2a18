import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { Matrix } from '../../../lib/demos/common/matrix-text';
import type { BatchnormGradResult } from '../../../lib/demos/batchnorm-grad/batchnorm-grad-logic';
import type { BatchnormGradParams } from '../../../lib/demos/batchnorm-grad/batchnorm-grad-schema';
import { escapeHtml, formatValue, matrixTable } from '../shared/html';

/** Differences near float32 rounding read best in powers of ten. */
function small(v: number): string {
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -3) return formatValue(Number(v.toPrecision(3)));
  return `${Number((v / 10 ** e).toPrecision(2))}·10^${e}`.replace(/\^(-?\d+)/, (_, p: string) => [...p].map((c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]).join(''));
}

const placeholderOf = (rows: number, cols: number): Matrix => Array.from({ length: rows }, () => Array<number>(cols).fill(0));

function vectorRow(label: string, v: readonly number[] | null, d: number): string {
  const cells = v ? v.map((e) => `<td>${escapeHtml(formatValue(e))}</td>`).join('') : Array<string>(d).fill('<td>·</td>').join('');
  return `<tr><th scope="row">${label}</th>${cells}</tr>`;
}

/** Everything below the graph: the forward pass, dX four ways, dγ and dβ two ways, and how far apart they are. */
export function renderGradView(s: FullState<BatchnormGradParams>, r: BatchnormGradResult | null): string {
  const m = s.x.length;
  const d = s.x[0]!.length;
  const blank = r ? undefined : '·';
  const mat = (v: Matrix | undefined, caption: string, role: string) => matrixTable(v ?? placeholderOf(m, d), { caption, role, placeholder: blank });
  const dyShown = r?.dy ?? (s.dy.length ? s.dy : null);
  const heads = Array.from({ length: d }, (_, j) => `<th scope="col">column ${j + 1}</th>`).join('');
  const forward =
    `<div class="bng-row">` +
    matrixTable(s.x, { caption: `X (${m}×${d})`, role: 'x' }) +
    (dyShown ? matrixTable(dyShown, { caption: 'dy = ∂L/∂Y', role: 'dy' }) : matrixTable(placeholderOf(m, d), { caption: 'dy = ∂L/∂Y (drawn when run)', role: 'dy', placeholder: '·' })) +
    mat(r?.y, 'Y = γ ⊙ Z + β', 'y') +
    `</div>`;
  const stats =
    `<table class="bng-vectors" data-role="stats"><caption>Per column</caption><thead><tr><th scope="col"></th>${heads}</tr></thead><tbody>` +
    vectorRow('μ (mean)', r?.mean ?? null, d) +
    vectorRow('σ² (variance, 1/m)', r?.variance ?? null, d) +
    vectorRow('γ', r?.gamma ?? null, d) +
    vectorRow('β', r?.beta ?? null, d) +
    `</tbody></table>`;
  const backward =
    `<div class="bng-row">` +
    mat(r?.dx, 'dX: ONNX backward graph (tape)', 'dx') +
    mat(r?.dxClosed, 'dX: closed form', 'dx-closed') +
    mat(r?.dxNumeric, 'dX: central differences (float64)', 'dx-numeric') +
    `<div class="bng-wrong">${mat(r?.dxDropped, 'dX: official eq. (34), factor dropped', 'dx-dropped')}</div>` +
    `</div>`;
  const params =
    `<table class="bng-vectors" data-role="param-grads"><caption>Gradients of the parameters</caption><thead><tr><th scope="col"></th>${heads}</tr></thead><tbody>` +
    vectorRow('dγ: tape', r?.dgamma ?? null, d) +
    vectorRow('dγ: central differences', r?.dgammaNumeric ?? null, d) +
    vectorRow('dβ: tape', r?.dbeta ?? null, d) +
    vectorRow('dβ: central differences', r?.dbetaNumeric ?? null, d) +
    `</tbody></table>`;
  const summary = r
    ? `Largest |difference| from the tape's dX: closed form ${small(r.maxDiff.closed)}, central differences ${small(r.maxDiff.numeric)}, the official formula ${small(r.maxDiff.dropped)}. dγ and dβ against central differences: ${small(r.maxDiff.dgamma)} and ${small(r.maxDiff.dbeta)}.`
    : 'Not computed for this state yet: press Run.';
  return (
    `<p class="bng-title">Forward pass</p>${forward}${stats}` +
    `<p class="bng-title">Backward pass from dy</p>${backward}` +
    `<p class="bng-summary" data-role="summary">${escapeHtml(summary)}</p>${params}`
  );
}
