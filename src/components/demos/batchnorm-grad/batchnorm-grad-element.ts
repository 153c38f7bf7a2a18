import type { FullState } from '../../../lib/demos/common/demo-schema';
import { batchnormGradLogic, type BatchnormGradResult } from '../../../lib/demos/batchnorm-grad/batchnorm-grad-logic';
import type { BatchnormGradParams } from '../../../lib/demos/batchnorm-grad/batchnorm-grad-schema';
import { DemoElement } from '../frame/demo-element';
import { renderGradView } from './batchnorm-grad-view';

class BatchnormGradElement extends DemoElement<BatchnormGradParams, BatchnormGradResult> {
  protected readonly logic = batchnormGradLogic;

  protected renderView(state: FullState<BatchnormGradParams>, result: BatchnormGradResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="numbers"]');
    if (view) view.innerHTML = renderGradView(state, result);
  }
}

customElements.define('demo-batchnorm-grad', BatchnormGradElement);
