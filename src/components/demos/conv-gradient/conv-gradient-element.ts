import type { FullState } from '../../../lib/demos/common/demo-schema';
import { convGradientLogic, type ConvGradientResult } from '../../../lib/demos/conv-gradient/conv-gradient-logic';
import type { ConvGradientParams } from '../../../lib/demos/conv-gradient/conv-gradient-schema';
import { DemoElement } from '../frame/demo-element';
import { renderExample, renderSweepTable } from './conv-gradient-view';

class ConvGradientElement extends DemoElement<ConvGradientParams, ConvGradientResult> {
  protected readonly logic = convGradientLogic;

  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  protected async renderView(state: FullState<ConvGradientParams>, result: ConvGradientResult | null): Promise<void> {
    const chart = this.querySelector<HTMLElement>('[data-role="chart"]');
    if (chart) {
      // Plot loads with the first chart that has to be drawn in the browser, not with the page.
      const { convGradientChart } = await import('./conv-gradient-chart');
      const width = Math.max(300, Math.min(760, chart.clientWidth || 640));
      chart.replaceChildren(convGradientChart(state, result, document, width));
    }
    const table = this.querySelector<HTMLElement>('[data-role="sweep"]');
    if (table) table.outerHTML = renderSweepTable(state, result);
    const example = this.querySelector<HTMLElement>('[data-role="example"]');
    if (example) example.innerHTML = renderExample(state, result);
  }
}

customElements.define('demo-conv-gradient', ConvGradientElement);
