import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { EdgeModelResult, EdgesResult } from '../../../lib/demos/edges/edges-logic';
import { EDGE_DETECTORS } from '../../../lib/demos/edges/edges-model';
import type { EdgesParams } from '../../../lib/demos/edges/edges-schema';
import { escapeHtml } from '../shared/html';
import { accuracyCurves, lossCurves, sweepChart } from './edges-charts';
import { filterImage, filterLegend, greyImageSvg, limitOf } from './edges-pictures';

// A no-break space: a caption never wraps between a number and its % sign.
const percent = (v: number) => `${(100 * v).toFixed(1)}\u00a0%`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Column heads of the confusion matrices: short, so five classes fit a phone. */
const SHORT: Record<string, string> = { horizontal: 'horiz.', vertical: 'vert.', diagonal: 'diag.', both: 'both', none: 'none' };

function accuracyTable(s: FullState<EdgesParams>, r: EdgesResult): string {
  const rows = r.models
    .map((m) => `<tr><th scope="row">${escapeHtml(m.name)}</th><td>${percent(m.trainAcc)}</td><td data-role="val-acc">${percent(m.valAcc)}</td><td>${m.loss.at(-1)!.toFixed(3)}</td><td>${m.valLoss.at(-1)!.toFixed(3)}</td></tr>`)
    .join('');
  const where = [s.shift === 'split' ? 'training edges in the first half of the image, validation edges in the second' : '', s.permute === '1' ? 'pixels permuted' : ''].filter(Boolean).join('; ');
  const caption = `After ${plural(r.epochs, 'epoch')} on ${r.trainImages} training images (batches of ${r.batch}, ${plural(r.stepsPerEpoch, 'step')} an epoch); ${r.valImages} validation images; chance ${percent(1 / r.classes.length)}${where ? `; ${where}` : ''}.`;
  return `<table class="edges-table" data-role="accuracies"><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">model</th><th scope="col">train acc.</th><th scope="col">val. acc.</th><th scope="col">train loss</th><th scope="col">val. loss</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function sampleGroup(title: string, samples: EdgesResult['samples'], role: string): string {
  const byClass = new Map<string, number[][][]>();
  for (const s of samples) byClass.set(s.label, [...(byClass.get(s.label) ?? []), s.image]);
  const items = [...byClass]
    .map(([label, images]) => `<li><span class="edges-pair">${images.map((img, i) => greyImageSvg(img, `${title} image ${i + 1} of class ${label}`)).join('')}</span><span class="edges-label">${escapeHtml(label)}</span></li>`)
    .join('');
  return `<div class="edges-sample-group" data-role="${role}"><p class="edges-subhead">${escapeHtml(title)}</p><ul>${items}</ul></div>`;
}

function samplesFigure(s: FullState<EdgesParams>, r: EdgesResult): string {
  const note = s.permute === '1' ? ' The pixels are shuffled by one fixed permutation, as the models see them.' : '';
  return `<figure class="edges-samples">${sampleGroup('Training', r.samples, 'train-samples')}${sampleGroup('Validation', r.valSamples, 'val-samples')}<figcaption>Two images of each class from each set, 28×28, black 0 to white 1.${note}</figcaption></figure>`;
}

function confusionTable(m: EdgeModelResult, classes: readonly string[]): string {
  const head = classes.map((c) => `<th scope="col"><abbr title="predicted ${escapeHtml(c)}">${escapeHtml(SHORT[c] ?? c)}</abbr></th>`).join('');
  const rows = m.confusion
    .map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      const cells = row.map((v, j) => `<td class="${i === j ? 'is-diag' : ''}" style="--share:${(v / total).toFixed(3)}">${v}</td>`).join('');
      return `<tr><th scope="row">${escapeHtml(classes[i]!)}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="edges-confusion" data-role="confusion" data-model="${escapeHtml(m.name)}"><caption>${escapeHtml(m.name)}: validation ${percent(m.valAcc)}</caption><thead><tr><th scope="col"><span class="edges-corner">true ↓<br />predicted →</span></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function filterGroup(title: string, filters: number[][][], limit: number, what: string, names: string[] = []): string {
  const cells = filters
    .map((f, i) => `<li>${filterImage(f, limit, `${what}, ${names[i] ?? `filter ${i + 1}`} (${f.length}×${f.length})`)}${names[i] ? `<span class="edges-label">${escapeHtml(names[i])}</span>` : ''}</li>`)
    .join('');
  return `<div class="edges-filter-group"><span class="edges-label">${escapeHtml(title)}</span><ul>${cells}</ul></div>`;
}

function filterRows(r: EdgesResult, doc: Document): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const row = (model: string, html: string, limit: number) => {
    const div = doc.createElement('div');
    div.className = 'edges-filter-row';
    div.dataset['model'] = model;
    div.innerHTML = `<p class="edges-subhead">${escapeHtml(model)}</p>${html}${filterLegend(limit)}`;
    rows.push(div);
  };
  const detectorNames = ['horizontal edge', 'vertical edge', 'zero'];
  for (const m of r.models) {
    if (!m.filters || !m.initialFilters) continue;
    if (m.name === 'cnn-frozen') {
      row(m.name, filterGroup('fixed edge detectors, not trained', m.filters, limitOf(m.filters), m.name, detectorNames), limitOf(m.filters));
      continue;
    }
    const limit = limitOf([...m.initialFilters, ...m.filters]);
    row(m.name, filterGroup('initial', m.initialFilters, limit, `${m.name} before training`) + filterGroup('after training', m.filters, limit, `${m.name} after training`), limit);
  }
  // The hand-made detectors for comparison, unless cnn-frozen already shows them.
  if (rows.length && !r.models.some((m) => m.name === 'cnn-frozen')) {
    row('for comparison: hand-made edge detectors', filterGroup('2×2', EDGE_DETECTORS.slice(0, 2), 1, 'edge detector', detectorNames), 1);
  }
  return rows;
}

function section(doc: Document, title: string, className: string, ...children: (Node | string)[]): HTMLElement {
  const figure = doc.createElement('figure');
  figure.className = className;
  const caption = doc.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption);
  for (const c of children) {
    if (typeof c === 'string') figure.insertAdjacentHTML('beforeend', c);
    else figure.append(c);
  }
  return figure;
}

/**
 * The demo's view: accuracies, sample images, curves, confusion matrices and first-layer filters.
 * Pure: the same call makes the build-time HTML (with linkedom's document) and the live view.
 */
export function renderEdgesView(s: FullState<EdgesParams>, r: EdgesResult | null, doc: Document, width = 720): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'edges-view';
  if (!r) {
    const p = doc.createElement('p');
    p.className = 'edges-pending';
    p.textContent = `Not computed for this state yet (${s.models.join(', ')}; ${s.epochs} epochs on ${s.per_class} images per class${s.sweep.length ? `, and at ${s.sweep.join(', ')} per class` : ''}): press Run to train in your browser.`;
    root.append(p);
    return root;
  }
  const top = doc.createElement('div');
  top.className = 'edges-top';
  top.innerHTML = accuracyTable(s, r) + samplesFigure(s, r);
  root.append(top);
  const chartWidth = Math.max(300, Math.min(860, width));
  const sweep = sweepChart(r, doc, chartWidth);
  if (sweep) root.append(section(doc, 'Validation accuracy against training-set size', 'edges-chart demo-chart', sweep));
  root.append(section(doc, 'Accuracy after each evaluated epoch', 'edges-chart demo-chart', accuracyCurves(r, doc, chartWidth)));
  root.append(section(doc, 'Loss', 'edges-chart demo-chart', lossCurves(r, doc, chartWidth)));
  const matrices = r.models.map((m) => confusionTable(m, r.classes)).join('');
  root.append(section(doc, 'Confusion matrices on the validation images (rows: true class; columns: predicted)', 'edges-confusions', `<div class="edges-confusion-list">${matrices}</div>`));
  const filters = filterRows(r, doc);
  if (filters.length) root.append(section(doc, 'First-layer filters of the CNNs (red positive, blue negative, white 0)', 'edges-filters', ...filters));
  return root;
}
