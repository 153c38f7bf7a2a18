import type { FullState } from '../../../lib/demos/common/demo-schema';
import { shapesLogic, type ShapesResult } from '../../../lib/demos/shapes/shapes-logic';
import type { ShapesParams } from '../../../lib/demos/shapes/shapes-schema';
import { DemoElement } from '../frame/demo-element';
import { renderShapesView } from './shapes-view';

class ShapesElement extends DemoElement<ShapesParams, ShapesResult> {
  protected readonly logic = shapesLogic;

  protected renderView(state: FullState<ShapesParams>, result: ShapesResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (view) view.innerHTML = renderShapesView(state, result);
  }
}

customElements.define('demo-shapes', ShapesElement);
