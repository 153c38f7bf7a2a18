import type { FullState } from '../../../lib/demos/common/demo-schema';
import { conv1dLogic, type Conv1dResult } from '../../../lib/demos/conv1d/conv1d-logic';
import type { Conv1dParams } from '../../../lib/demos/conv1d/conv1d-schema';
import { DemoElement } from '../frame/demo-element';

class Conv1dElement extends DemoElement<Conv1dParams, Conv1dResult> {
  protected readonly logic = conv1dLogic;

  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  protected async renderView(state: FullState<Conv1dParams>, result: Conv1dResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { conv1dChart } = await import('./conv1d-chart');
    const width = Math.max(320, Math.min(900, view.clientWidth || 720));
    view.replaceChildren(conv1dChart(state, result, document, width));
  }
}

customElements.define('demo-conv1d', Conv1dElement);
