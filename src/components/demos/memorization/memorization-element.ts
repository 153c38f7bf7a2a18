import type { DemoLogic } from '../../../lib/demos/common/demo-logic';
import { parseDemoState, stateToQuery, type FullState } from '../../../lib/demos/common/demo-schema';
import { concatStreams } from '../../../lib/demos/common/streams';
import { fetchMnistSubset } from '../../../lib/demos/dropout-real/mnist-browser';
import type { MnistSubset } from '../../../lib/demos/dropout-real/mnist-subset';
import { historyOf, memorizationLogic, type MemorizationEpoch, type MemorizationResult } from '../../../lib/demos/memorization/memorization-logic';
import type { MemorizationParams } from '../../../lib/demos/memorization/memorization-schema';
import type { Outputs } from '../../../lib/onnx/model-spec';
import { DemoElement } from '../frame/demo-element';
import { unpackHistory, type StaticHistory } from './static-history';

/** The live curves are redrawn at most this often (a redraw costs a few milliseconds of Plot). */
const REDRAW_MS = 400;
/**
 * After a redraw the run pauses this long, so that the browser paints it: on WASM onnxruntime
 * computes on this thread, and a run that only awaits its own promises never lets a frame through.
 */
const PAINT_MS = 20;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The width the build draws the view for (Memorization.astro). */
const BUILD_WIDTH = 720;

class MemorizationElement extends DemoElement<MemorizationParams, MemorizationResult> {
  private digits: MnistSubset | null = null;
  private digitsError = '';
  private runToken = 0;
  private readonly base = memorizationLogic(() => {
    if (!this.digits) throw new Error(this.digitsError || 'the digits have not been loaded');
    return this.digits;
  });

  /**
   * The demo's logic, its training job made to report every epoch: the curves are drawn as the
   * run goes (a default run takes a minute or so), and a run replaced by a newer one stops at its
   * next epoch instead of finishing unseen.
   */
  protected readonly logic: DemoLogic<MemorizationParams, MemorizationResult> = {
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
                calls.push(streams);
                const now = performance.now();
                if (done < job.totalSteps && now - drawnAt >= REDRAW_MS) {
                  drawnAt = now;
                  await this.drawHistory(s, historyOf(s, concatStreams(calls, job.streams)), true, token);
                  // A hidden page paints nothing, and its timers are slowed to a second or more.
                  if (document.visibilityState === 'visible') await pause(PAINT_MS);
                }
                return true;
              },
            },
      );
    },
  };

  /** Charts are drawn for the view's width. */
  protected override readonly fitsWidth = true;

  override connectedCallback(): void {
    super.connectedCallback();
    this.redrawBuildCurves();
  }

  /**
   * On a solution page the build's run is not in the page, only its curves (static-history.ts):
   * where the demo is much narrower than the build drew it (a phone), they are drawn again for
   * its width, as the frame does for a result it has.
   */
  private redrawBuildCurves(): void {
    const packed = this.querySelector('script[data-memo-history]')?.textContent;
    const width = this.clientWidth;
    if (!packed || this.result !== null || this.dataset['state'] !== 'idle' || width === 0 || width >= 0.8 * BUILD_WIDTH) return;
    const computed = (s: FullState<MemorizationParams>) => stateToQuery(this.logic.schema, { ...s, backend: 'auto', autorun: '0', hide: [] });
    if (computed(this.state) !== computed(parseDemoState(this.logic.schema, this.dataset['query'] ?? '').state)) return;
    void this.drawHistory(this.state, unpackHistory(JSON.parse(packed) as StaticHistory), false, this.runToken);
  }

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

  /** Draws a history outside the frame's runs: the live curves, or the build's curves redrawn; skipped once a newer run has started. */
  private async drawHistory(state: FullState<MemorizationParams>, history: MemorizationEpoch[], running: boolean, token: number): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    const { renderMemorizationView } = await import('./memorization-view');
    if (token !== this.runToken || this.dataset['state'] !== (running ? 'running' : 'idle')) return;
    view.replaceChildren(renderMemorizationView(state, history, document, view.clientWidth || BUILD_WIDTH, running));
  }

  protected async renderView(state: FullState<MemorizationParams>, result: MemorizationResult | null): Promise<void> {
    const view = this.querySelector<HTMLElement>('[data-role="view"]');
    if (!view) return;
    // Plot loads with the first chart that has to be drawn in the browser, not with the page.
    const { renderMemorizationView } = await import('./memorization-view');
    view.replaceChildren(renderMemorizationView(state, result?.history ?? null, document, view.clientWidth || BUILD_WIDTH));
  }
}

customElements.define('demo-memorization', MemorizationElement);
