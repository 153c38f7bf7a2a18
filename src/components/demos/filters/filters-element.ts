import type { FullState } from '../../../lib/demos/common/demo-schema';
import { displayScale, INPUT_SCALE, planeToRgba, type DisplayScale } from '../../../lib/demos/filters/filters-colour';
import { filterPlanes, filtersLogic, type FiltersResult } from '../../../lib/demos/filters/filters-logic';
import type { FiltersParams } from '../../../lib/demos/filters/filters-schema';
import type { Plane, RgbaImage } from '../../../lib/demos/filters/image-plane';
import { decodeImageBlob, fetchPhoto, ImageRefused } from '../../../lib/demos/filters/image-decode-browser';
import { DemoElement } from '../frame/demo-element';
import { ownImageLabel, photoLabel, pictureAlt } from './filters-labels';
import { renderFiltersView } from './filters-view';
import { grabWebcamFrame, webcamAvailable } from './webcam-frame';

type Source = { kind: 'photo' } | { kind: 'own'; what: string; width: number; height: number };

class FiltersElement extends DemoElement<FiltersParams, FiltersResult> {
  private image: RgbaImage | null = null;
  private source: Source = { kind: 'photo' };
  private imageError = '';
  // The photo is fetched before the first run (see run); the logic reads whichever image is current.
  protected readonly logic = filtersLogic(() => {
    if (!this.image) throw new Error(this.imageError || 'the image has not been loaded');
    return this.image;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const file = this.querySelector<HTMLInputElement>('[data-role="file"]');
    file?.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void this.useBlob(f, `your image “${f.name}”`);
    });
    const webcam = this.querySelector<HTMLButtonElement>('[data-action="webcam"]');
    if (webcam && webcamAvailable()) {
      webcam.hidden = false;
      webcam.addEventListener('click', () => void this.useWebcam());
    }
    this.querySelector('[data-action="photo"]')?.addEventListener('click', () => void this.usePhoto());
  }

  override async run(): Promise<void> {
    if (!this.image) {
      this.dataset['state'] = 'running';
      try {
        this.image = await fetchPhoto();
      } catch (e) {
        this.imageError = e instanceof Error ? e.message : String(e);
      }
    }
    return super.run();
  }

  private imageMessage(text: string): void {
    const box = this.querySelector<HTMLElement>('[data-role="image-message"]');
    if (!box) return;
    box.textContent = text;
    box.hidden = text === '';
  }

  private async useBlob(blob: Blob, what: string): Promise<void> {
    this.imageMessage('Reading the image…');
    try {
      const { image, note } = await decodeImageBlob(blob);
      this.image = image;
      this.source = { kind: 'own', what, width: image.width, height: image.height };
      this.imageMessage(note);
      this.querySelector<HTMLButtonElement>('[data-action="photo"]')!.hidden = false;
      await this.run();
    } catch (e) {
      const why = e instanceof ImageRefused ? e.message : `it could not be read (${e instanceof Error ? e.message : String(e)})`;
      this.imageMessage(`Not used: ${why}. ${this.source.kind === 'photo' ? 'The photo stays.' : 'The previous image stays.'}`);
    }
  }

  private async useWebcam(): Promise<void> {
    this.imageMessage('Asking for the camera…');
    try {
      await this.useBlob(await grabWebcamFrame(), 'a webcam frame');
    } catch (e) {
      this.imageMessage(`No webcam frame: ${e instanceof Error ? e.message : String(e)}. The current image stays.`);
    }
  }

  private async usePhoto(): Promise<void> {
    this.image = null;
    this.source = { kind: 'photo' };
    this.imageMessage('');
    this.querySelector<HTMLButtonElement>('[data-action="photo"]')!.hidden = true;
    const file = this.querySelector<HTMLInputElement>('[data-role="file"]');
    if (file) file.value = '';
    await this.run();
  }

  protected renderView(state: FullState<FiltersParams>, result: FiltersResult | null): void {
    this.querySelector<HTMLElement>('.filters-controls')?.setAttribute('data-kernel', state.kernel);
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    const planes = result && filterPlanes(result);
    // The build-time result comes with its pictures already in the page; keep them.
    if (result && !planes) return;
    const scale = planes ? displayScale(planes.y, result!.pads) : null;
    const canvas = (p: Plane, role: string, alt: string) =>
      `<canvas data-role="${role}" width="${p.width}" height="${p.height}" role="img" aria-label="${alt}" class="${p.width <= 64 ? 'is-small' : ''}"></canvas>`;
    const pictures = planes && scale ? { grey: canvas(planes.grey, 'grey-canvas', pictureAlt('grey', state)), output: canvas(planes.y, 'output-canvas', pictureAlt('output', state)), scale } : null;
    const label =
      this.source.kind === 'photo' || !result
        ? photoLabel(result?.input.width ?? 0, result?.input.height ?? 0)
        : ownImageLabel(this.source.what, this.source, result.input.width, result.input.height);
    view.innerHTML = renderFiltersView(state, result, pictures, result ? label : '');
    if (planes && scale) {
      this.paint('grey-canvas', planes.grey, INPUT_SCALE);
      this.paint('output-canvas', planes.y, scale);
    }
  }

  private paint(role: string, p: Plane, scale: DisplayScale): void {
    const ctx = this.querySelector<HTMLCanvasElement>(`canvas[data-role="${role}"]`)?.getContext('2d');
    ctx?.putImageData(new ImageData(planeToRgba(p, scale) as Uint8ClampedArray<ArrayBuffer>, p.width, p.height), 0, 0);
  }
}

customElements.define('demo-filters', FiltersElement);
