import type { FullState } from '../../../lib/demos/common/demo-schema';
import { edgesLogic, type EdgesResult } from '../../../lib/demos/edges/edges-logic';
import type { EdgesParams } from '../../../lib/demos/edges/edges-schema';
import { DemoElement } from '../frame/demo-element';

/**
 * `models` is one comma list in the URL but a group of checkboxes on screen. The frame reads and
 * writes controls by `data-param` and `.value`, so the list lives in a hidden input with
 * `data-param="models"`; this element keeps the checkboxes and that input in step.
 */
class EdgesElement extends DemoElement<EdgesParams, EdgesResult> {
  protected readonly logic = edgesLogic;

  private get modelsInput(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>('input[data-param="models"]');
  }
  private get modelBoxes(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[data-model-box]')];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncBoxes();
    this.openChangedSettings();
    for (const box of this.modelBoxes) box.addEventListener('change', () => this.onBoxChange());
    // The frame rewrites its controls on back/forward (its listener was added first, so runs first).
    window.addEventListener('popstate', () => {
      this.syncBoxes();
      this.openChangedSettings();
    });
  }

  /** The folded training settings open when a link sets one of them or one is reported invalid. */
  private openChangedSettings(): void {
    const more = this.querySelector<HTMLDetailsElement>('details[data-role="more"]');
    if (!more) return;
    const params = this.logic.schema.params as Record<string, { default: unknown; format(v: unknown): string }>;
    const changed = [...more.querySelectorAll<HTMLInputElement>('[data-param]')].some((el) => {
      const p = params[el.dataset['param']!];
      return el.getAttribute('aria-invalid') === 'true' || (p !== undefined && el.value !== p.format(p.default));
    });
    if (changed) more.open = true;
  }

  /** Checkboxes from the list; names outside the group (none, once validated) are ignored. */
  private syncBoxes(): void {
    const names = (this.modelsInput?.value ?? '').split(',');
    for (const box of this.modelBoxes) box.checked = names.includes(box.value);
  }

  /** The list from the checkboxes, keeping the order a deep link gave and adding new ones last. */
  private onBoxChange(): void {
    const input = this.modelsInput;
    if (!input) return;
    const checked = new Set(this.modelBoxes.filter((b) => b.checked).map((b) => b.value));
    const kept = input.value.split(',').filter((n) => checked.has(n));
    input.value = [...kept, ...[...checked].filter((n) => !kept.includes(n))].join(',');
    // The frame listens for edits on itself; an event from the hidden input reads as an edit of `models`.
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  protected async renderView(state: FullState<EdgesParams>, result: EdgesResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { renderEdgesView } = await import('./edges-view');
    view.replaceChildren(renderEdgesView(state, result, document, view.clientWidth || 720));
  }
}

customElements.define('demo-edges', EdgesElement);
