import type { FullState } from '../../../lib/demos/common/demo-schema';
import { batchnormLogic, type BatchnormResult } from '../../../lib/demos/batchnorm/batchnorm-logic';
import type { BatchnormParams } from '../../../lib/demos/batchnorm/batchnorm-schema';
import { DemoElement } from '../frame/demo-element';
import { homeworkPlaceholders } from './batchnorm-placeholders';
import { renderChartNote, renderStatsTable } from './batchnorm-view';

class BatchnormElement extends DemoElement<BatchnormParams, BatchnormResult> {
  protected readonly logic = batchnormLogic;

  /** The chart is drawn for the view's width. */
  protected override readonly fitsWidth = true;
  protected override readonly buildWidth = 640;

  protected async renderView(state: FullState<BatchnormParams>, result: BatchnormResult | null): Promise<void> {
    const hint = homeworkPlaceholders(state.dims);
    for (const [name, text] of Object.entries(hint)) {
      const el = this.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-param="${name}"]`);
      if (el) el.placeholder = text;
    }
    const chart = this.querySelector<HTMLElement>('[data-role="chart"]');
    if (chart) {
      // Plot loads with the first chart drawn in the browser, not with the page.
      const { batchnormChart } = await import('./batchnorm-chart');
      const width = Math.max(280, Math.min(760, chart.clientWidth || 640));
      chart.replaceChildren(batchnormChart(state, result, document, width));
    }
    const note = this.querySelector<HTMLElement>('[data-role="note"]');
    if (note) note.innerHTML = renderChartNote(state, result);
    const table = this.querySelector<HTMLElement>('[data-role="table"]');
    if (table) table.innerHTML = renderStatsTable(state, result);
  }
}

customElements.define('demo-batchnorm', BatchnormElement);
