import type { MomentumResult } from '../../../lib/demos/momentum/momentum-logic';
import type { MomentumParams } from '../../../lib/demos/momentum/momentum-schema';
import { escapeHtml, formatValue } from '../shared/html';

const short = (v: number) => escapeHtml(formatValue(Number(v.toPrecision(4))));
const sci = (v: number) => escapeHtml(v === 0 ? '0' : v.toExponential(2).replace('-', '−'));

/** The numbers that explain the picture: curvatures, rates, how far the forms differ. */
export function renderSummary(s: MomentumParams, r: MomentumResult | null): string {
  if (!r) return '<p class="momentum-pending">Not computed for this state yet: press Run.</p>';
  const rows: [string, string][] = [
    ['eigenvalues of A (curvatures)', `${short(r.eigenvalues[0]!)} and ${short(r.eigenvalues[1]!)}`],
    ['minimizer θ* = A⁻¹b', `(${r.minimizer.map(short).join(', ')})`],
    ['rate per step, momentum (both forms)', short(r.rate)],
    ['rate per step, gradient descent with the same α', short(r.gdRate)],
    [`distance to θ*: at k = 0 → at k = ${s.steps}`, `${short(r.startDistance)} → ${sci(r.finalDistance)}`],
    ['overshoot past θ* along the flattest direction', r.overshoot === null ? '—' : `${short(100 * r.overshoot)} %`],
    ['steps at which f went up', `${r.fIncreases} of ${s.steps}`],
    ['largest |θ_I − θ_II|', `${sci(r.maxDiff)} (${short(r.maxDiffRoundoffs)} float32 roundings of the largest |θ|)`],
  ];
  const body = rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`).join('');
  return `<table class="momentum-summary" data-role="summary"><caption>α = ${short(s.alpha)}, β = ${short(s.beta)}, ${s.steps} steps${s.noise ? `, gradient noise σ = ${short(s.noise)}` : ', no noise'}</caption><tbody>${body}</tbody></table>`;
}
