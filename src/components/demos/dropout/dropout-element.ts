import type { FullState } from '../../../lib/demos/common/demo-schema';
import { dropoutLogic, type DropoutResult } from '../../../lib/demos/dropout/dropout-logic';
import type { DropoutParams } from '../../../lib/demos/dropout/dropout-schema';
import { DemoElement } from '../frame/demo-element';
import { trainDropoutOwnGenerator } from '../../../lib/demos/dropout/dropout-plain-js';
import { dropoutFigures } from './dropout-figures';

class DropoutElement extends DemoElement<DropoutParams, DropoutResult> {
  protected readonly logic = dropoutLogic;

  /**
   * The benchmark's baseline: the same SGD runs (every rate of the sweep) as a plain JavaScript
   * loop on the main thread that draws its own masks with an LCG — all the work the demo does.
   */
  timePlainJs(): { ms: number; w: number[][] } {
    const t0 = performance.now();
    const w = trainDropoutOwnGenerator(this.state, [this.state.p, ...this.state.sweep]);
    return { ms: performance.now() - t0, w };
  }

  protected renderView(state: FullState<DropoutParams>, result: DropoutResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    const width = Math.max(300, Math.min(720, view.clientWidth || 720));
    view.replaceChildren(dropoutFigures(state, result, document, width));
  }
}

customElements.define('demo-dropout', DropoutElement);
