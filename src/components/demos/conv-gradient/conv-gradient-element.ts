import type { FullState } from '../../../lib/demos/common/demo-schema';
import { convGradientLogic, type ConvGradientResult } from '../../../lib/demos/conv-gradient/conv-gradient-logic';
import type { ConvGradientParams } from '../../../lib/demos/conv-gradient/conv-gradient-schema';
import { DemoElement } from '../frame/demo-element';
import { convGradientChart } from './conv-gradient-chart';
import { renderExample, renderSweepTable } from './conv-gradient-view';

class ConvGradientElement extends DemoElement<ConvGradientParams, ConvGradientResult> {
  protected readonly logic = convGradientLogic;

  protected renderView(state: FullState<ConvGradientParams>, result: ConvGradientResult | null): void {
    const chart = this.querySelector<HTMLElement>('[data-role="chart"]');
    if (chart) {
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
