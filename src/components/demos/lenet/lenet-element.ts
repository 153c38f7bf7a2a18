import type { DemoLogic } from '../../../lib/demos/common/demo-logic';
import type { FullState } from '../../../lib/demos/common/demo-schema';
import { concatStreams } from '../../../lib/demos/common/streams';
import { fetchLenetDigits } from '../../../lib/demos/lenet/lenet-digits-browser';
import type { LenetDigits } from '../../../lib/demos/lenet/lenet-digits';
import { historyOf, lenetLogic, type LenetEpoch, type LenetResult } from '../../../lib/demos/lenet/lenet-logic';
import type { LenetParams } from '../../../lib/demos/lenet/lenet-schema';
import type { Outputs } from '../../../lib/onnx/model-spec';
import { DemoElement } from '../frame/demo-element';
import { BUILD_WIDTH } from './lenet-layout';

/** The live curves are redrawn at most this often (a redraw costs a few milliseconds of Plot). */
const REDRAW_MS = 400;
/**
 * After a redraw the run pauses this long, so that the browser paints it: on WASM onnxruntime
 * computes on this thread, and a run that only awaits its own promises never lets a frame through.
 */
const PAINT_MS = 20;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class LenetElement extends DemoElement<LenetParams, LenetResult> {
  private digits: LenetDigits | null = null;
  private digitsError = '';
  private runToken = 0;
  private readonly base = lenetLogic(() => {
    if (!this.digits) throw new Error(this.digitsError || 'the digits have not been loaded');
    return this.digits;
  });

  /**
   * The demo's logic, its training job made to report every epoch: the curves are drawn as the
   * run goes, and a run replaced by a newer one stops at its next epoch instead of finishing
   * unseen. The job's own check (a loss no longer finite ends the run) still decides first.
   */
  protected readonly logic: DemoLogic<LenetParams, LenetResult> = {
    ...this.base,
    plan: (s) => {
      const token = ++this.runToken;
      const calls: Outputs[] = [];
      let drawnAt = 0;
      return this.base.plan(s).map((job) =>
        job.kind !== 'train'
          ? job
          : {
              ...job,
              onCall: async (streams: Outputs, done: number) => {
                if (token !== this.runToken) return false;
                if ((await job.onCall?.(streams, done)) === false) return false;
                calls.push(streams);
                const now = performance.now();
                if (done < job.totalSteps && now - drawnAt >= REDRAW_MS) {
                  drawnAt = now;
                  const valCount = this.digits?.val.count ?? 0;
                  await this.drawLive(s, historyOf(s, concatStreams(calls, job.streams), valCount), token);
                  // A hidden page paints nothing, and its timers are slowed to a second or more.
                  if (document.visibilityState === 'visible') await pause(PAINT_MS);
                }
                return true;
              },
            },
      );
    },
  };

  /** Charts are drawn for the view's width; the build drew them for BUILD_WIDTH. */
  protected override readonly fitsWidth = true;
  protected override readonly buildWidth = BUILD_WIDTH;

  override connectedCallback(): void {
    super.connectedCallback();
    this.openMoreIfSet();
  }

  /** The settings behind "More" are shown when the state (a link) sets one of them. */
  private openMoreIfSet(): void {
    const more = this.querySelector<HTMLDetailsElement>('details[data-role="more"]');
    if (!more) return;
    const { params } = this.logic.schema;
    const s = this.state as unknown as Record<string, unknown>;
    const names = [...more.querySelectorAll<HTMLElement>('[data-param]')].map((el) => el.dataset['param']! as keyof typeof params);
    if (names.some((n) => !params[n].equals(s[n] as never, params[n].default as never))) more.open = true;
  }

  override async run(): Promise<void> {
    if (!this.digits) {
      this.dataset['state'] = 'running';
      try {
        this.digits = await fetchLenetDigits();
      } catch (e) {
        this.digitsError = e instanceof Error ? e.message : String(e);
      }
    }
    return super.run();
  }

  /** Draws the curves of a run under way; skipped once a newer run has started. */
  private async drawLive(state: FullState<LenetParams>, history: LenetEpoch[], token: number): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    const { renderLenetView } = await import('./lenet-view');
    if (token !== this.runToken || this.dataset['state'] !== 'running') return;
    view.replaceChildren(renderLenetView(state, history, null, document, view.clientWidth || BUILD_WIDTH, true));
  }

  protected async renderView(state: FullState<LenetParams>, result: LenetResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { renderLenetView } = await import('./lenet-view');
    view.replaceChildren(renderLenetView(state, result?.history ?? null, result, document, view.clientWidth || BUILD_WIDTH));
  }
}

customElements.define('demo-lenet', LenetElement);
