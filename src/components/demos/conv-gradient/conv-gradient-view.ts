import type { ConvGradientResult } from '../../../lib/demos/conv-gradient/conv-gradient-logic';
import type { ConvGradientParams } from '../../../lib/demos/conv-gradient/conv-gradient-schema';
import { exampleSize, gradientSide } from '../../../lib/demos/conv-gradient/conv-gradient-theory';
import { escapeHtml, formatValue, matrixTable } from '../shared/html';

/** Four significant digits: enough to compare a sampled spread with its prediction. */
const short = (v: number) => formatValue(Number(v.toPrecision(4)));

export function renderSweepTable(s: ConvGradientParams, result: ConvGradientResult | null): string {
  const rows = result
    ? result.sweep
        .map(
          (p) =>
            `<tr><td>${p.n}</td><td>${p.m}×${p.m} = ${p.m * p.m}</td><td>${escapeHtml(short(p.mean))}</td><td>${escapeHtml(short(p.std))}</td><td>${escapeHtml(short(p.theory))}</td></tr>`,
        )
        .join('')
    : s.n.map((n) => `<tr><td>${n}</td><td>${gradientSide(n, s.k) ** 2}</td><td>·</td><td>·</td><td>·</td></tr>`).join('');
  return (
    `<table class="cg-table" data-role="sweep"><caption>Entries of dw over ${s.trials} trials (${escapeHtml(s.dist)}, σx = ${escapeHtml(formatValue(s.sx))}, σg = ${escapeHtml(formatValue(s.sg))}, k = ${s.k})</caption>` +
    `<thead><tr><th scope="col">n</th><th scope="col">terms in each sum</th><th scope="col">mean</th><th scope="col">std</th><th scope="col">(n − k + 1)σxσg</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}

/** The worked example: x, dY, dw = x ⋆ dY, and one SGD step from w. */
export function renderExample(s: ConvGradientParams, result: ConvGradientResult | null): string {
  const e = exampleSize(s.k);
  if (!result) return `<p class="demo-help">Worked example (${e}×${e} image, ${s.k}×${s.k} kernel): not computed for this state yet; press Run.</p>`;
  const ex = result.example;
  const m = gradientSide(e, s.k);
  return (
    `<div class="cg-example">` +
    matrixTable(ex.x, { caption: `image x (${e}×${e})`, role: 'ex-x' }) +
    `<span class="op" aria-hidden="true">⋆</span>` +
    matrixTable(ex.dy, { caption: `dY (${m}×${m})`, role: 'ex-dy' }) +
    `<span class="op" aria-hidden="true">=</span>` +
    matrixTable(ex.dw, { caption: 'dw', role: 'ex-dw' }) +
    `</div><div class="cg-example">` +
    matrixTable(ex.w, { caption: 'w before', role: 'ex-w' }) +
    `<span class="op" aria-hidden="true">−&nbsp;${escapeHtml(formatValue(s.lr))}&nbsp;·&nbsp;dw&nbsp;=</span>` +
    matrixTable(ex.wNext, { caption: 'w after the step', role: 'ex-w-next' }) +
    `</div>`
  );
}
