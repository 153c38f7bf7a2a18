import type { FullState } from '../../../lib/demos/common/demo-schema';
import { vanishingLogic, type VanishingResult } from '../../../lib/demos/vanishing/vanishing-logic';
import type { VanishingParams } from '../../../lib/demos/vanishing/vanishing-schema';
import { DemoElement } from '../frame/demo-element';
import { renderLayerTable, renderNotes } from './vanishing-view';

class VanishingElement extends DemoElement<VanishingParams, VanishingResult> {
  protected readonly logic = vanishingLogic;

  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  protected async renderView(state: FullState<VanishingParams>, result: VanishingResult | null): Promise<void> {
    const norms = this.querySelector<HTMLElement>('[data-role="norms"]');
    const hist = this.querySelector<HTMLElement>('[data-role="histogram"]');
    if (norms || hist) {
      // Plot loads with the first chart drawn in the browser, not with the page.
      const { normsChart, histogramChart } = await import('./vanishing-charts');
      const width = Math.max(300, Math.min(760, (norms ?? hist)!.clientWidth || 640));
      norms?.replaceChildren(normsChart(state, result, document, width));
      hist?.replaceChildren(histogramChart(state, result, document, width));
    }
    const table = this.querySelector<HTMLElement>('[data-role="table"]');
    if (table) table.innerHTML = renderLayerTable(state, result);
    const notes = this.querySelector<HTMLElement>('[data-role="notes"]');
    if (notes) notes.outerHTML = renderNotes(result);
  }
}

customElements.define('demo-vanishing', VanishingElement);
