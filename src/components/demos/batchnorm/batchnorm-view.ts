import type { BatchnormResult, BatchStats } from '../../../lib/demos/batchnorm/batchnorm-logic';
import { pointsShown } from '../../../lib/demos/batchnorm/batchnorm-logic';
import { gaussianSetup, type BatchnormParams } from '../../../lib/demos/batchnorm/batchnorm-schema';
import { escapeHtml, formatValue } from '../shared/html';

/**
 * Four decimals: the after-statistics sit at β and γ·σ/√(σ² + ε) to float32 precision, and a
 * mean of 4·10⁻⁷ reads as the 0 it is. Large values keep six significant digits instead.
 */
export function stat(v: number): string {
  const t = Math.abs(v) >= 1000 ? String(Number(v.toPrecision(6))) : v.toFixed(4);
  return (/^-0\.0+$/.test(t) ? t.slice(1) : t).replace(/^-/, '−');
}

const vec = (v: readonly number[]) => (v.length === 1 ? stat(v[0]!) : `(${v.map(stat).join(', ')})`);
/** A 2 × 2 matrix as two lines, so the table stays narrow on a phone. */
const mat = (m: number[][]) => m.map((r) => r.map(stat).join(', ')).join('\n');

function rows(st: BatchStats | null, d: number): string[] {
  if (!st) return Array<string>(d === 1 ? 3 : 5).fill('·');
  const variances = st.cov.map((r, i) => r[i]!);
  return d === 1 ? [vec(st.mean), vec(st.std), vec(variances)] : [vec(st.mean), vec(st.std), vec(variances), stat(st.corr[0]![1]!), mat(st.cov)];
}

export function renderStatsTable(s: BatchnormParams, r: BatchnormResult | null): string {
  const d = s.dims;
  const labels = d === 1 ? ['mean', 'standard deviation', 'variance'] : ['mean', 'standard deviations', 'variances', 'correlation', 'covariance'];
  const before = rows(r?.before ?? null, d);
  const after = rows(r?.after ?? null, d);
  const cell = (text: string) => escapeHtml(text).replace(/\n/g, '<br />');
  const body = labels.map((l, i) => `<tr><th scope="row">${l}</th><td>${cell(before[i]!)}</td><td>${cell(after[i]!)}</td></tr>`).join('');
  return (
    `<table class="bn-stats" data-role="stats"><caption>Sample statistics of all ${s.n} samples (biased: divided by n, as batch norm does)</caption>` +
    `<thead><tr><th scope="col"></th><th scope="col"><span class="bn-key bn-key--before" aria-hidden="true"></span>before: x</th><th scope="col"><span class="bn-key bn-key--after" aria-hidden="true"></span>after: y = BN(x)</th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

/** The legend and what the lines mean, under the chart. */
export function renderChartNote(s: BatchnormParams, r: BatchnormResult | null): string {
  const g = gaussianSetup(s);
  const list = (v: readonly number[]) => (v.length === 1 ? formatValue(v[0]!) : `(${v.map(formatValue).join(', ')})`);
  const params = `γ = ${list(g.gamma)}, β = ${list(g.beta)}`;
  const shown = r ? Math.min(s.n, pointsShown(s.dims)) : 0;
  const drawn = r ? (shown < s.n ? `The first ${shown} of the ${s.n} samples are drawn; the statistics use all of them. ` : `All ${s.n} samples are drawn. `) : 'Not computed for this state yet: press Run. ';
  const lines =
    s.dims === 1
      ? 'Solid lines: each sample mean; dashed: 1 SD from it; dotted: 2 SD. The curves are the Gaussians with the sample means and variances.'
      : 'Solid ellipses: 1 SD from the sample mean (Mahalanobis distance 1, from the sample covariance); dashed: 2 SD. Crosses: the sample means.';
  return (
    `<p class="bn-legend"><span><span class="bn-key bn-key--before" aria-hidden="true"></span>before: x</span> <span><span class="bn-key bn-key--after" aria-hidden="true"></span>after: y = BN(x), ${escapeHtml(params)}, ε = ${escapeHtml(formatValue(s.eps))}</span></p>` +
    `<p class="bn-note">${escapeHtml(drawn + lines)}</p>`
  );
}
