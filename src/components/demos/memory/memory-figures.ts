import type { MemoryResult } from '../../../lib/demos/memory/memory-logic';
import type { MemoryParams } from '../../../lib/demos/memory/memory-schema';
import { batchChart, stackChart } from './memory-charts';
import { batchLegend, partsLegend, renderBlocks, renderSummary } from './memory-view';

/** Everything the memory demo draws for a state, into one container (build time and browser). */
export function memoryFigures(s: MemoryParams, r: MemoryResult | null, doc: Document, width: number): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'mem-figures';
  const summary = doc.createElement('div');
  summary.className = 'mem-summary-wrap';
  // Focusable, since a keyboard can only scroll what it can focus (a narrow screen may need to).
  if (r) for (const [k, v] of Object.entries({ tabindex: '0', role: 'region', 'aria-label': 'Memory by part' })) summary.setAttribute(k, v);
  summary.innerHTML = renderSummary(s, r);
  root.append(summary);
  if (!r) return root;
  const section = (title: string, key: string, chart: SVGSVGElement | HTMLElement) => {
    const box = doc.createElement('div');
    box.className = 'mem-chart';
    box.innerHTML = `<p class="mem-chart-title">${title}</p>${key}`;
    box.append(chart);
    root.append(box);
  };
  section('The three optimizers at this batch', partsLegend(), stackChart(s, r, doc, width));
  section('Growth with the batch size', batchLegend(), batchChart(s, r, doc, width));
  const blocks = doc.createElement('div');
  blocks.innerHTML = renderBlocks(r);
  root.append(blocks);
  return root;
}
