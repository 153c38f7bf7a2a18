import type { FullState } from '../../../lib/demos/common/demo-schema';
import { dropoutLogic, type DropoutResult } from '../../../lib/demos/dropout/dropout-logic';
import type { DropoutParams } from '../../../lib/demos/dropout/dropout-schema';
import { DemoElement } from '../frame/demo-element';
import { dropoutFigures } from './dropout-figures';

class DropoutElement extends DemoElement<DropoutParams, DropoutResult> {
  protected readonly logic = dropoutLogic;

  protected renderView(state: FullState<DropoutParams>, result: DropoutResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    const width = Math.max(300, Math.min(720, view.clientWidth || 720));
    view.replaceChildren(dropoutFigures(state, result, document, width));
  }
}

customElements.define('demo-dropout', DropoutElement);
