import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import { escapeHtml, formatValue } from '../shared/html';
import type { BatchSizeResult } from '../../../lib/demos/batch-size/batch-size-logic';
import { learningRate, type BatchSizeParams } from '../../../lib/demos/batch-size/batch-size-schema';

/** One colour per batch size, in order; both themes (batch-size.css sets the variables). */
const COLORS = ['var(--bs-0, #2556c4)', 'var(--bs-1, #c2410c)', 'var(--bs-2, #15803d)', 'var(--bs-3, #7c3aed)', 'var(--bs-4, #b45309)', 'var(--bs-5, #be185d)'];

const percent = (v: number) => `${formatValue(Number((v * 100).toFixed(1)))} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Training accuracy at the end of each epoch against the wall time at that moment, one line per batch size. */
function accuracyChart(r: BatchSizeResult, doc: Document, width: number): SVGSVGElement | HTMLElement {
  const points = r.runs.flatMap((run, i) => run.epochs.map((e, k) => ({ batch: run.batch, s: e.ms / 1000, acc: e.acc, epoch: k + 1, color: COLORS[i]! })));
  return plot({
    document: doc,
    width,
    height: Math.round(Math.min(320, Math.max(220, width * 0.45))),
    marginLeft: 48,
    marginRight: 16,
    x: { label: 'wall time (s) →', grid: true, zero: true },
    y: { label: '↑ training accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: { type: 'identity' },
    marks: [
      Plot.line(points, { x: 's', y: 'acc', z: 'batch', stroke: 'color', strokeWidth: 2 }),
      Plot.dot(points, { x: 's', y: 'acc', fill: 'color', r: 3.5, title: (d: { batch: number; s: number; acc: number; epoch: number }) => `batch ${d.batch}, epoch ${d.epoch}: ${percent(d.acc)} after ${d.s.toFixed(2)} s` }),
    ],
    caption: 'Each dot is the end of an epoch: the accuracy over that epoch\'s minibatches, at the wall time since the run\'s first step.',
    ariaLabel: `Training accuracy against wall time: ${r.runs.map((run) => `batch ${run.batch} reaches ${percent(run.acc)} in ${seconds(run.ms)}`).join('; ')}`,
  });
}

function renderTable(s: BatchSizeParams, r: BatchSizeResult | null): string {
  const rows = s.batches
    .map((b, i) => {
      const run = r?.runs[i];
      const swatch = `<span class="bs-swatch" style="background:${COLORS[i]}" aria-hidden="true"></span>`;
      const cells = run ? [String(run.steps), String(run.calls), seconds(run.ms), `${formatValue(Number((run.steps / (run.ms / 1000)).toPrecision(3)))}`, percent(run.acc), String(run.epochs.at(-1)!.loss)] : ['·', '·', '·', '·', '·', '·'];
      return `<tr><th scope="row">${swatch}${b}</th><td>${escapeHtml(formatValue(learningRate(s, b)))}</td>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  return (
    `<div class="bs-table-wrap" tabindex="0" role="region" aria-label="Runs by batch size"><table class="bs-table"><caption>${s.epochs} epochs over ${s.train} digits; wall time measured ${r ? 'during the run shown' : 'when you press Run'}</caption>` +
    `<thead><tr><th scope="col">Batch</th><th scope="col">Learning rate</th><th scope="col">Steps</th><th scope="col">Session calls</th><th scope="col">Wall time</th><th scope="col">Steps / s</th><th scope="col">Accuracy, last epoch</th><th scope="col">Loss, last epoch</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

/** The runs' table and the accuracy-against-time chart (build time and browser). */
export function batchSizeFigures(s: BatchSizeParams, r: BatchSizeResult | null, doc: Document, width: number): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'bs-figures';
  root.innerHTML = renderTable(s, r);
  if (r) root.append(accuracyChart(r, doc, width));
  else root.insertAdjacentHTML('beforeend', '<p class="bs-pending">Not computed for this state yet: press Run.</p>');
  return root;
}
