import type { FullState } from '../../../lib/demos/common/demo-schema';
import { memoryLogic, type MemoryResult } from '../../../lib/demos/memory/memory-logic';
import type { MemoryParams } from '../../../lib/demos/memory/memory-schema';
import { DemoElement } from '../frame/demo-element';

class MemoryElement extends DemoElement<MemoryParams, MemoryResult> {
  protected readonly logic = memoryLogic;
  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;
  protected override readonly buildWidth = 640;

  protected async renderView(state: FullState<MemoryParams>, result: MemoryResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { memoryFigures } = await import('./memory-figures');
    const width = Math.max(300, Math.min(720, view.clientWidth || 640));
    view.replaceChildren(memoryFigures(state, result, document, width));
  }
}

customElements.define('demo-memory', MemoryElement);
