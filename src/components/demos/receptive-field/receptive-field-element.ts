import type { FullState } from '../../../lib/demos/common/demo-schema';
import { receptiveFieldLogic, type ReceptiveFieldResult } from '../../../lib/demos/receptive-field/receptive-field-logic';
import type { ReceptiveFieldParams } from '../../../lib/demos/receptive-field/receptive-field-schema';
import { INPUT_SIZE, VGG_LAYERS } from '../../../lib/demos/receptive-field/vgg-blocks';
import { DemoElement } from '../frame/demo-element';
import { renderReceptiveFieldView } from './receptive-field-view';

class ReceptiveFieldElement extends DemoElement<ReceptiveFieldParams, ReceptiveFieldResult> {
  protected readonly logic = receptiveFieldLogic;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('change', (e) => {
      if ((e.target as HTMLElement).dataset['param'] === 'layer') this.moveToLayer();
    });
    // A click on the input picks the neuron whose position covers that pixel; the number fields stay the keyboard route.
    this.addEventListener('click', (e) => {
      const svg = (e.target as Element).closest<SVGSVGElement>('svg[data-role="overview"]');
      if (!svg) return;
      const box = svg.getBoundingClientRect();
      const scale = (INPUT_SIZE + 2) / box.width;
      const px = (v: number) => Math.min(INPUT_SIZE - 1, Math.max(0, Math.floor(v * scale - 1)));
      const stride = VGG_LAYERS[this.state.layer].stride;
      this.setField('i', Math.floor(px((e as MouseEvent).clientY - box.top) / stride));
      this.setField('j', Math.floor(px((e as MouseEvent).clientX - box.left) / stride));
    });
  }

  /**
   * A layer change keeps the neuron over the same place of the image (y1 row 200 becomes y3
   * row 50) and k within the new layer's channels, so it never leaves the demo waiting on an
   * out-of-range number. Runs before the frame reads the controls, a tick after the change event.
   */
  private moveToLayer(): void {
    const name = this.querySelector<HTMLSelectElement>('[data-param="layer"]')?.value;
    if (!name || !Object.hasOwn(VGG_LAYERS, name)) return;
    const to = VGG_LAYERS[name as keyof typeof VGG_LAYERS];
    const from = VGG_LAYERS[this.state.layer];
    const set = (param: 'k' | 'i' | 'j', value: (v: number) => number) => {
      const input = this.querySelector<HTMLInputElement>(`[data-param="${param}"]`);
      const v = Number(input?.value);
      if (input && Number.isInteger(v) && v >= 0) input.value = String(value(v));
    };
    set('k', (v) => Math.min(v, to.channels - 1));
    for (const p of ['i', 'j'] as const) set(p, (v) => Math.min(to.size - 1, Math.floor((v * from.stride) / to.stride)));
  }

  private setField(name: 'i' | 'j', value: number): void {
    const input = this.querySelector<HTMLInputElement>(`[data-param="${name}"]`);
    if (!input) return;
    input.value = String(value);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  protected renderView(state: FullState<ReceptiveFieldParams>, result: ReceptiveFieldResult | null): void {
    // The limits of k, i and j follow the chosen layer.
    const l = VGG_LAYERS[state.layer];
    for (const [name, max] of [['k', l.channels - 1], ['i', l.size - 1], ['j', l.size - 1]] as const) {
      this.querySelector<HTMLInputElement>(`[data-param="${name}"]`)?.setAttribute('max', String(max));
    }
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (view) view.innerHTML = renderReceptiveFieldView(state, result);
  }
}

customElements.define('demo-receptive-field', ReceptiveFieldElement);
