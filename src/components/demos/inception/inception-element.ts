import type { FullState } from '../../../lib/demos/common/demo-schema';
import { inceptionLogic, type InceptionResult } from '../../../lib/demos/inception/inception-logic';
import type { InceptionParams } from '../../../lib/demos/inception/inception-schema';
import { DemoElement } from '../frame/demo-element';
import { renderInceptionView } from './inception-view';

class InceptionElement extends DemoElement<InceptionParams, InceptionResult> {
  protected readonly logic = inceptionLogic;

  protected renderView(state: FullState<InceptionParams>, result: InceptionResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (view) view.innerHTML = renderInceptionView(state, result);
  }
}

customElements.define('demo-inception', InceptionElement);
