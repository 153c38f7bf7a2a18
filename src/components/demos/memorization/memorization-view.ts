import type { FullState } from '../../../lib/demos/common/demo-schema';
import { FIT_LEVEL, PLATEAU_BAND, summaryOf, type MemorizationEpoch } from '../../../lib/demos/memorization/memorization-logic';
import { CLASSES, TEST_COUNT } from '../../../lib/demos/memorization/memorization-data';
import { batchSize, trainImages, type MemorizationParams } from '../../../lib/demos/memorization/memorization-schema';
import { escapeHtml } from '../shared/html';
import { accuracyChart, lossChart, type CurveData } from './memorization-charts';

// A no-break space: a narrow table must not put the % on a line of its own.
const percent = (v: number) => `${(100 * v).toFixed(1)}\u00a0%`;
const LN_CLASSES = Math.log(CLASSES);

function summaryTable(s: FullState<MemorizationParams>, history: readonly MemorizationEpoch[], done: boolean): string {
  const m = summaryOf(history);
  const last = history.at(-1)!;
  const kind = s.labels === 'random' ? 'random labels (drawn once from the seed)' : 'the digits\' true labels';
  const now = done ? 'final' : 'latest';
  const rows: [string, string, string?][] = [
    ['epochs', done ? `${last.epoch}` : `${last.epoch} of ${s.epochs} so far`],
    [`loss within ${PLATEAU_BAND} of ln 10`, m.plateauEpochs === history.length ? `all ${m.plateauEpochs} epochs` : `the first ${m.plateauEpochs} epochs`, 'plateau'],
    [`training accuracy ≥ ${100 * FIT_LEVEL}\u00a0%`, m.fitEpoch === null ? 'not reached' : `from epoch ${m.fitEpoch}`, 'fit'],
    [`${now} training loss`, last.trainLoss.toFixed(3)],
    [`${now} training accuracy`, percent(last.trainAcc), 'train-acc'],
    [`${now} test accuracy`, percent(last.testAcc), 'test-acc'],
    ['test accuracy, lowest to highest', `${percent(m.minTestAcc)} to ${percent(m.maxTestAcc)}`],
  ];
  const body = rows.map(([name, value, role]) => `<tr><th scope="row">${escapeHtml(name)}</th><td${role ? ` data-role="${role}"` : ''}>${escapeHtml(value)}</td></tr>`).join('');
  const caption = `${trainImages(s)} training digits with ${kind}, minibatches of ${batchSize(s)}, SGD at lr ${s.lr}; test: ${TEST_COUNT} held-out digits and their true labels; chance is ${percent(1 / CLASSES)}`;
  return `<table class="memo-table" data-role="summary"><caption>${escapeHtml(caption)}</caption><tbody>${body}</tbody></table>`;
}

function chartFigure(doc: Document, title: string, chart: SVGSVGElement | HTMLElement): HTMLElement {
  const figure = doc.createElement('figure');
  figure.className = 'memo-chart demo-chart';
  const caption = doc.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, chart);
  return figure;
}

/**
 * The demo's view: a summary and the two curves of a run's `history` (null: not computed).
 * `running`: the history is the part of a run done so far, drawn while training goes on. Pure:
 * the same call makes the build-time HTML (with linkedom's document) and the live view.
 */
export function renderMemorizationView(s: FullState<MemorizationParams>, history: readonly MemorizationEpoch[] | null, doc: Document, width = 720, running = false): HTMLElement {
  const root = doc.createElement('div');
  // A run's live curves are its result so far: not dimmed like a stale view (memorization.css).
  root.className = running ? 'memo-view memo-live' : 'memo-view';
  if (!history?.length) {
    const p = doc.createElement('p');
    p.className = 'memo-pending';
    p.textContent = running
      ? 'Training: the first epoch is under way…'
      : `Not computed for this state yet (${s.labels} labels, ${s.epochs} epochs on ${trainImages(s)} digits): press Run to train in your browser.`;
    root.append(p);
    return root;
  }
  const top = doc.createElement('div');
  top.className = 'memo-top';
  top.innerHTML = summaryTable(s, history, !running);
  root.append(top);
  const chartWidth = Math.max(300, Math.min(860, width));
  const data: CurveData = { history, epochs: s.epochs, chance: 1 / CLASSES, lnClasses: LN_CLASSES };
  root.append(chartFigure(doc, 'Training loss', lossChart(data, doc, chartWidth)), chartFigure(doc, 'Accuracy after each epoch', accuracyChart(data, doc, chartWidth)));
  return root;
}
