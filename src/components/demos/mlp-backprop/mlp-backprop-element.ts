import type { FullState } from '../../../lib/demos/common/demo-schema';
import { mlpBackpropLogic, type MlpBackpropResult } from '../../../lib/demos/mlp-backprop/mlp-backprop-logic';
import type { MlpBackpropParams } from '../../../lib/demos/mlp-backprop/mlp-backprop-schema';
import { DemoElement } from '../frame/demo-element';
import { renderMlpBackpropView } from './mlp-backprop-view';

class MlpBackpropElement extends DemoElement<MlpBackpropParams, MlpBackpropResult> {
  protected readonly logic = mlpBackpropLogic;

  protected renderView(state: FullState<MlpBackpropParams>, result: MlpBackpropResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // A reader who opened the network keeps it open across runs.
    const open = view.querySelector<HTMLDetailsElement>('[data-role="network"]')?.open ?? false;
    view.innerHTML = renderMlpBackpropView(state, result);
    const details = view.querySelector<HTMLDetailsElement>('[data-role="network"]');
    if (details) details.open = open;
  }
}

customElements.define('demo-mlp-backprop', MlpBackpropElement);
