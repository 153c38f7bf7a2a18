import type { FullState } from '../../../lib/demos/common/demo-schema';
import { dropoutRealLogic, type DropoutRealResult } from '../../../lib/demos/dropout-real/dropout-real-logic';
import type { DropoutRealParams } from '../../../lib/demos/dropout-real/dropout-real-schema';
import { fetchMnistSubset } from '../../../lib/demos/dropout-real/mnist-browser';
import type { MnistSubset } from '../../../lib/demos/dropout-real/mnist-subset';
import { DemoElement } from '../frame/demo-element';

class DropoutRealElement extends DemoElement<DropoutRealParams, DropoutRealResult> {
  private digits: MnistSubset | null = null;
  private digitsError = '';
  // The digits are fetched before the first run (see run); the logic reads them when it plans.
  protected readonly logic = dropoutRealLogic(() => {
    if (!this.digits) throw new Error(this.digitsError || 'the digits have not been loaded');
    return this.digits;
  });

  override async run(): Promise<void> {
    if (!this.digits) {
      this.dataset['state'] = 'running';
      try {
        this.digits = await fetchMnistSubset();
      } catch (e) {
        this.digitsError = e instanceof Error ? e.message : String(e);
      }
    }
    return super.run();
  }

  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  protected async renderView(state: FullState<DropoutRealParams>, result: DropoutRealResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { renderDropoutRealView } = await import('./dropout-real-view');
    view.replaceChildren(renderDropoutRealView(state, result, document, view.clientWidth || 720));
  }
}

customElements.define('demo-dropout-real', DropoutRealElement);
