import type { FullState } from '../../../lib/demos/common/demo-schema';
import { poolingLogic, type PoolingResult } from '../../../lib/demos/pooling/pooling-logic';
import type { PoolingParams } from '../../../lib/demos/pooling/pooling-schema';
import { DemoElement } from '../frame/demo-element';
import { renderPoolingView } from './pooling-view';

class PoolingElement extends DemoElement<PoolingParams, PoolingResult> {
  protected readonly logic = poolingLogic;

  override connectedCallback(): void {
    super.connectedCallback();
    // One window at a time: pointing at or focusing any of its marks lights it up in both drawings.
    const activate = (e: Event) => {
      const g = (e.target as Element).closest<SVGGElement>('[data-win]');
      if (g) this.highlight(g.dataset['win']!);
    };
    this.addEventListener('pointerover', activate);
    this.addEventListener('focusin', activate);
    this.addEventListener('pointerleave', () => this.highlight(null));
    this.addEventListener('focusout', (e) => {
      if (!this.contains(e.relatedTarget as Node | null)) this.highlight(null);
    });
  }

  private highlight(win: string | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    view.classList.toggle('has-active', win !== null);
    let label: string | null = null;
    for (const g of view.querySelectorAll<SVGGElement>('[data-win]')) {
      const on = g.dataset['win'] === win;
      g.classList.toggle('is-active', on);
      if (on && g.getAttribute('aria-label')) label = g.getAttribute('aria-label');
    }
    const detail = view.querySelector<HTMLElement>('[data-role="detail"]');
    if (detail && label) detail.textContent = label;
  }

  protected renderView(state: FullState<PoolingParams>, result: PoolingResult | null): void {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (view) view.innerHTML = renderPoolingView(state, result);
  }
}

customElements.define('demo-pooling', PoolingElement);
