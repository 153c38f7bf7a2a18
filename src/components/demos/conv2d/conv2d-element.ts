import type { FullState } from '../../../lib/demos/common/demo-schema';
import { conv2dLogic, type Conv2dResult } from '../../../lib/demos/conv2d/conv2d-logic';
import type { Conv2dParams } from '../../../lib/demos/conv2d/conv2d-schema';
import { DemoElement } from '../frame/demo-element';
import { renderConv2dView, type Selection } from './conv2d-view';

class Conv2dElement extends DemoElement<Conv2dParams, Conv2dResult> {
  protected readonly logic = conv2dLogic;
  private selection: Selection = { row: 0, col: 0 };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('click', (e) => {
      const cell = (e.target as Element).closest<HTMLElement>('[data-out]');
      if (!cell) return;
      const [row, col] = cell.dataset['out']!.split(',').map(Number);
      this.selection = { row: row!, col: col! };
      this.renderView(this.state, this.result);
      this.querySelector<HTMLElement>(`[data-out="${row},${col}"]`)?.focus();
    });
  }

  protected renderView(state: FullState<Conv2dParams>, result: Conv2dResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (view) view.innerHTML = renderConv2dView(state, result, this.selection);
  }
}

customElements.define('demo-conv2d', Conv2dElement);
