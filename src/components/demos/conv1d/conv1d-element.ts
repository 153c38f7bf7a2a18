import type { FullState } from '../../../lib/demos/common/demo-schema';
import { conv1dLogic, type Conv1dResult } from '../../../lib/demos/conv1d/conv1d-logic';
import type { Conv1dParams } from '../../../lib/demos/conv1d/conv1d-schema';
import { DemoElement } from '../frame/demo-element';
import { conv1dChart } from './conv1d-chart';

class Conv1dElement extends DemoElement<Conv1dParams, Conv1dResult> {
  protected readonly logic = conv1dLogic;

  protected renderView(state: FullState<Conv1dParams>, result: Conv1dResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    const width = Math.max(320, Math.min(900, view.clientWidth || 720));
    view.replaceChildren(conv1dChart(state, result, document, width));
  }
}

customElements.define('demo-conv1d', Conv1dElement);
