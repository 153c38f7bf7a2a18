import type { MomentumResult } from '../../../lib/demos/momentum/momentum-logic';
import type { MomentumParams } from '../../../lib/demos/momentum/momentum-schema';
import { diffChart, pathChart } from './momentum-charts';
import { renderSummary } from './momentum-view';

/** Everything the momentum demo draws for a state, into one container (build time and browser). */
export function momentumFigures(s: MomentumParams, r: MomentumResult | null, doc: Document, width: number): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'momentum-figures';
  if (r) {
    const charts = doc.createElement('div');
    charts.className = 'momentum-charts';
    charts.append(pathChart(s, r, doc, width), diffChart(s, r, doc, width));
    root.append(charts);
  }
  const table = doc.createElement('div');
  table.className = 'momentum-table';
  table.innerHTML = renderSummary(s, r);
  root.append(table);
  return root;
}
