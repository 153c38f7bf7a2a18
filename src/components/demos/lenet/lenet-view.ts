import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { LenetEpoch, LenetResult } from '../../../lib/demos/lenet/lenet-logic';
import { BATCH, type LenetParams } from '../../../lib/demos/lenet/lenet-schema';
import { NEAR_ZERO } from '../../../lib/demos/lenet/lenet-weights';
import { escapeHtml } from '../shared/html';
import { accuracyChart, histogramChart, lossChart, type CurveData } from './lenet-charts';
import { BUILD_WIDTH, WIDE } from './lenet-layout';

// A no-break space: a narrow table must not put the % on a line of its own.
const percent = (v: number) => `${(100 * v).toFixed(1)}\u00a0%`;
const LN_CLASSES = Math.log(10);

/** The run's settings in a few words, for captions. */
export function describeState(s: FullState<LenetParams>): string {
  const parts = [
    s.bn === '1' ? 'batch norm' : 'no batch norm',
    s.act === 'swish' ? 'Swish' : 'ReLU',
    `lr ${s.lr}`,
    ...(s.wd ? [`L2 ${s.wd}`] : []),
    ...(s.l1 ? [`L1 ${s.l1}`] : []),
    ...(s.aug !== 'none' ? [`augmentation: ${s.aug.replace(',', ' + ')}`] : []),
    ...(s.dropout ? [`dropout ${s.dropout}`] : []),
    ...(s.init !== 'default' ? [`${s.init} init`] : []),
  ];
  return `${s.train.toLocaleString('en')} training digits, ${parts.join(', ')}`;
}

function row(name: string, value: string, role?: string): string {
  return `<tr><th scope="row">${escapeHtml(name)}</th><td${role ? ` data-role="${role}"` : ''}>${escapeHtml(value)}</td></tr>`;
}

function summaryTable(s: FullState<LenetParams>, history: readonly LenetEpoch[], r: LenetResult | null): string {
  const last = history.at(-1);
  const rows: string[] = [];
  rows.push(row('untrained loss', r ? `${r.initialLoss.toFixed(3)} (ln 10 = ${LN_CLASSES.toFixed(3)})` : 'being computed', 'initial-loss'));
  if (r) rows.push(row('first minibatch loss', r.firstBatchLoss.toFixed(3)));
  rows.push(row('epochs', r ? `${history.length}${r.diverged ? ` of ${s.epochs}, then diverged` : ''}` : `${last?.epoch ?? 0} of ${s.epochs} so far`));
  const acc = r ? r.final : last;
  if (acc) {
    rows.push(row(`${r ? 'final' : 'latest'} training accuracy`, percent(acc.trainAcc), 'train-acc'));
    rows.push(row(`${r ? 'final' : 'latest'} validation accuracy`, percent(acc.valAcc), 'val-acc'));
    rows.push(row('gap (training − validation)', `${(100 * (acc.trainAcc - acc.valAcc)).toFixed(1)} points`, 'gap'));
  }
  if (r) rows.push(row(`weights with |w| < 10⁻³`, `${percent(r.weights.nearZero)} of ${r.weights.count.toLocaleString('en')}${r.weights.nonFinite ? ` (${r.weights.nonFinite.toLocaleString('en')} NaN or infinite)` : ''}`, 'near-zero'));
  const caption = `${describeState(s)}; SGD with momentum 0.9, minibatches of ${BATCH}; validation: ${r?.valImages ?? 500} held-out digits; chance is 10\u00a0%`;
  return `<table class="lenet-table" data-role="summary"><caption>${escapeHtml(caption)}</caption><tbody>${rows.join('')}</tbody></table>`;
}

function chartFigure(doc: Document, title: string, chart: SVGSVGElement | HTMLElement): HTMLElement {
  const figure = doc.createElement('figure');
  figure.className = 'lenet-chart demo-chart';
  const caption = doc.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, chart);
  return figure;
}

const GAP = 16;
/** The summary table's width beside the loss chart: at most 26rem (lenet.css). */
const TABLE_WIDTH = 416;

function sideBySide(doc: Document, ...items: HTMLElement[]): HTMLElement {
  const div = doc.createElement('div');
  div.className = 'lenet-row';
  div.append(...items);
  return div;
}

function pendingHistogram(doc: Document): HTMLElement {
  const p = doc.createElement('p');
  p.className = 'lenet-pending';
  p.textContent = `The weight histogram follows when training ends (weights below ${NEAR_ZERO} count as near zero).`;
  return p;
}

function penaltyWords(s: FullState<LenetParams>): string {
  const p = [...(s.l1 ? [`L1 λ₁ = ${s.l1}`] : []), ...(s.wd ? [`L2 λ = ${s.wd}`] : [])];
  return p.length ? p.join(' and ') : 'no penalty';
}

/**
 * The demo's view: a summary, the loss and accuracy curves and the weight histogram of a run.
 * `history` is what has been trained so far (the live curves while `running`); `result` is null
 * until the run is done (or for a state not computed yet, with no history either). Pure: the same
 * call makes the build-time HTML (with linkedom's document) and the live view.
 */
export function renderLenetView(s: FullState<LenetParams>, history: readonly LenetEpoch[] | null, result: LenetResult | null, doc: Document, width = BUILD_WIDTH, running = false): HTMLElement {
  const root = doc.createElement('div');
  // A run's live curves are its result so far: not dimmed like a stale view (lenet.css).
  root.className = running ? 'lenet-view lenet-live' : 'lenet-view';
  if (!running && !result) {
    const p = doc.createElement('p');
    p.className = 'lenet-pending';
    p.textContent = `Not computed for this state yet (${describeState(s)}, ${s.epochs} epochs): press Run to train in your browser.`;
    root.append(p);
    return root;
  }
  const h = result?.history ?? history ?? [];
  if (result?.diverged) {
    const p = doc.createElement('p');
    p.className = 'lenet-diverged';
    p.dataset['role'] = 'diverged';
    p.textContent = `Diverged: in epoch ${result.divergedEpoch} the loss became NaN or infinite (the weights overflowed), so training stopped there. Try a smaller learning rate than ${s.lr}${s.bn === '0' ? ', or batch norm (bn=1)' : ''}.`;
    root.append(p);
  }
  const table = doc.createElement('div');
  table.className = 'lenet-top';
  table.innerHTML = summaryTable(s, h, result);
  const data: CurveData = { history: h, epochs: s.epochs, initialLoss: result?.initialLoss ?? null, lnClasses: LN_CLASSES };
  // Wide: the summary beside the loss curves, then accuracy beside the histogram; narrow: one column.
  const wide = width >= WIDE;
  const full = Math.max(300, Math.min(860, width));
  const half = Math.floor((full - GAP) / 2);
  const loss = chartFigure(doc, 'Loss', lossChart(data, doc, wide ? full - TABLE_WIDTH - GAP : full));
  const accuracy = chartFigure(doc, 'Accuracy after each epoch', accuracyChart(data, doc, wide ? half : full));
  const hist = result ? chartFigure(doc, `Weight magnitudes (${penaltyWords(s)})`, histogramChart(result.histogram, result.initialHistogram, doc, wide ? half : full, penaltyWords(s), result.weights.count)) : pendingHistogram(doc);
  if (wide) {
    root.append(sideBySide(doc, table, loss), sideBySide(doc, accuracy, hist));
  } else {
    root.append(table, loss, accuracy, hist);
  }
  return root;
}
