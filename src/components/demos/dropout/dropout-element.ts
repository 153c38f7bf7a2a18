import type { FullState } from '../../../lib/demos/common/demo-schema';
import { dropoutLogic, type DropoutResult } from '../../../lib/demos/dropout/dropout-logic';
import type { DropoutParams } from '../../../lib/demos/dropout/dropout-schema';
import { DemoElement } from '../frame/demo-element';
import { trainDropoutOwnGenerator } from '../../../lib/demos/dropout/dropout-plain-js';

class DropoutElement extends DemoElement<DropoutParams, DropoutResult> {
  protected readonly logic = dropoutLogic;
  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  /**
   * The benchmark's baseline: the same SGD runs (every rate of the sweep) as a plain JavaScript
   * loop on the main thread that draws its own masks with an LCG — all the work the demo does.
   */
  timePlainJs(): { ms: number; w: number[][] } {
    const t0 = performance.now();
    const w = trainDropoutOwnGenerator(this.state, [this.state.p, ...this.state.sweep]);
    return { ms: performance.now() - t0, w };
  }

  protected async renderView(state: FullState<DropoutParams>, result: DropoutResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { dropoutFigures } = await import('./dropout-figures');
    const width = Math.max(300, Math.min(720, view.clientWidth || 720));
    view.replaceChildren(dropoutFigures(state, result, document, width));
  }
}

customElements.define('demo-dropout', DropoutElement);
