import type { FullState } from '../../../lib/demos/common/demo-schema';
import { batchSizeLogic, type BatchSizeResult } from '../../../lib/demos/batch-size/batch-size-logic';
import type { BatchSizeParams } from '../../../lib/demos/batch-size/batch-size-schema';
import { fetchMnistSubset } from '../../../lib/demos/dropout-real/mnist-browser';
import type { MnistSubset } from '../../../lib/demos/dropout-real/mnist-subset';
import { DemoElement } from '../frame/demo-element';

class BatchSizeElement extends DemoElement<BatchSizeParams, BatchSizeResult> {
  private digits: MnistSubset | null = null;
  private digitsError = '';
  // The digits are fetched before the first run (see run); the logic reads them when it plans.
  protected readonly logic = batchSizeLogic(() => {
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
  protected override readonly buildWidth = 640;

  protected async renderView(state: FullState<BatchSizeParams>, result: BatchSizeResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { batchSizeFigures } = await import('./batch-size-figures');
    const width = Math.max(300, Math.min(720, view.clientWidth || 640));
    view.replaceChildren(batchSizeFigures(state, result, document, width));
  }
}

customElements.define('demo-batch-size', BatchSizeElement);
