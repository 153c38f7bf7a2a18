import type { FullState } from '../../../lib/demos/common/demo-schema';
import type { DropoutResult } from '../../../lib/demos/dropout/dropout-logic';
import type { DropoutParams } from '../../../lib/demos/dropout/dropout-schema';
import { lossChart, pathChart, sweepChart } from './dropout-charts';
import { renderDropoutTable } from './dropout-view';

/** Everything the dropout demo draws for a state, into one container (build time and browser). */
export function dropoutFigures(s: FullState<DropoutParams>, r: DropoutResult | null, doc: Document, width: number): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'dropout-figures';
  const table = doc.createElement('div');
  table.className = 'dropout-table';
  table.innerHTML = renderDropoutTable(s, r);
  root.append(table);
  if (r) {
    const charts = doc.createElement('div');
    charts.className = 'dropout-charts';
    for (const chart of [pathChart(s, r, doc, width), lossChart(s, r, doc, Math.min(width, 640)), sweepChart(s, r, doc, Math.min(width, 640))]) if (chart) charts.append(chart);
    root.append(charts);
  }
  return root;
}
