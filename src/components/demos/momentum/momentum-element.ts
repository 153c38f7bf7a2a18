import type { FullState } from '../../../lib/demos/common/demo-schema';
import { momentumLogic, type MomentumResult } from '../../../lib/demos/momentum/momentum-logic';
import type { MomentumParams } from '../../../lib/demos/momentum/momentum-schema';
import { DemoElement } from '../frame/demo-element';

class MomentumElement extends DemoElement<MomentumParams, MomentumResult> {
  protected readonly logic = momentumLogic;
  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;
  /** Momentum.astro draws the build's charts 560 wide. */
  protected override readonly buildWidth = 560;

  protected async renderView(state: FullState<MomentumParams>, result: MomentumResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { momentumFigures } = await import('./momentum-figures');
    const width = Math.max(300, Math.min(560, view.clientWidth || 560));
    view.replaceChildren(momentumFigures(state, result, document, width));
  }
}

customElements.define('demo-momentum', MomentumElement);
