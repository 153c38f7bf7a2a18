import type { DemoLogic } from '../../../lib/demos/common/demo-logic';
import { allParams, parseDemoState, stateToQuery, type FullState, type ParamIssue } from '../../../lib/demos/common/demo-schema';
import { runInBrowser } from '../../../lib/ort/browser-runner';
import { siteUrl } from '../../../lib/site/site-url';
import { NARROW_BUILD_WIDTH } from './build-views';
import { matrixFromControl, matrixToControl } from './matrix-control';

/** A run that reports no progress for this long is declared stuck (a hung download, a lost GPU). */
const STALL_MS = 90_000;

/** Rejects when `p` neither settles nor calls `alive` for `ms`; long runs stay alive by progressing. */
function withWatchdog<T>(start: (alive: () => void) => Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    let timer = setTimeout(fail, ms);
    function fail() {
      reject(new Error(`${what} made no progress for ${ms / 1000} s`));
    }
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(fail, ms);
    };
    start(alive).then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * The demo contract in one place: URL state, validation messages, Copy link and Embed, the
 * status line, data-state / data-backend / the result JSON. A demo supplies its logic and how to
 * draw a state.
 */
export abstract class DemoElement<S, R> extends HTMLElement {
  protected abstract readonly logic: DemoLogic<S, R>;
  /**
   * Draws a state; `result` is null while that state has not been computed. A view that needs a
   * module of its own (Plot charts) may load it here and return the promise: runs wait for it.
   * Never called for the build-time result at start: the static HTML already shows it.
   */
  protected abstract renderView(state: FullState<S>, result: R | null): void | Promise<void>;
  /**
   * Whether the drawing depends on the view's width (charts): such a view is drawn again when the
   * demo's width changes by more than a fifth after it was drawn (a rotated phone, a resized window).
   */
  protected readonly fitsWidth: boolean = false;
  /** The width the build drew such a view for (its Astro component passes it to the view). */
  protected readonly buildWidth: number = 720;

  protected state!: FullState<S>;
  protected result: R | null = null;
  private runSeq = 0;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  /** What is on screen and the demo's width when it was drawn (the build-time drawing at start). */
  private drawn: { state: FullState<S>; result: R | null; width: number } | null = null;
  /** A phone's redraw of the build-time charts is waiting for the demo to near the viewport. */
  private redrawPending = false;

  private get page(): string {
    return this.dataset['page'] ?? 'solution';
  }
  private get autorunDefault(): '0' | '1' {
    return this.page === 'embed' ? '1' : '0';
  }
  private get ownsUrl(): boolean {
    return this.page !== 'solution';
  }
  private find<T extends Element>(selector: string): T | null {
    return this.querySelector<T>(selector);
  }

  connectedCallback(): void {
    // `result` is null where the page left a large build-time result out (DemoFrame.astro).
    const initial = JSON.parse(this.find('script[data-demo-initial]')?.textContent ?? '{}') as { query: string; result: R | null };
    const { state, issues } = this.readInitialState();
    this.state = state;
    this.showIssues(issues);
    this.writeControls();
    // Backend, autorun and hidden controls do not change what is computed: the build-time result still stands.
    const computed = (s: FullState<S>) => stateToQuery(this.logic.schema, { ...s, backend: 'auto', autorun: '0', hide: [] });
    const sameAsBuild = computed(state) === computed(parseDemoState(this.logic.schema, initial.query).state);
    this.result = sameAsBuild ? initial.result : null;
    if (sameAsBuild) {
      // The static HTML already shows this result: keep it until the reader changes something,
      // unless its charts were drawn for a much wider column than this one (a phone), where
      // the scaled-down text would be too small to read. (A wider column keeps them: a chart
      // is never stretched beyond the width it was drawn for.)
      // A result the page left out (large) is fetched from its own file when it must be redrawn.
      if (this.result !== null || this.dataset['resultUrl']) {
        const builtFor = this.fitsWidth ? this.buildTimeWidth() : this.clientWidth;
        this.drawn = { state: this.state, result: this.result, width: builtFor };
        if (this.fitsWidth && this.clientWidth > 0 && this.clientWidth < 0.8 * builtFor) this.redrawWhenNear();
      }
    } else {
      // The static status line describes the build-time result, which a linked state may not have.
      this.setStatus('Not computed for this state yet: press Run to compute it in your browser.');
      void this.draw(this.state, this.result);
    }
    if (this.fitsWidth && typeof ResizeObserver === 'function') this.watchWidth();

    this.addEventListener('input', (e) => this.onEdit(e));
    this.addEventListener('change', (e) => this.onEdit(e));
    this.find('[data-action="run"]')?.addEventListener('click', () => void this.run());
    this.find('[data-action="copy"]')?.addEventListener('click', () => void this.copyLink());
    if (this.ownsUrl) window.addEventListener('popstate', () => this.onPopState());
    this.updateShare();
    if (this.state.autorun === '1') void this.run();
  }

  /** The width the build drew the visible static charts for: the narrow drawing where CSS shows it. */
  private buildTimeWidth(): number {
    const narrow = this.querySelector<HTMLElement>('.demo-build-narrow');
    return narrow && getComputedStyle(narrow).display !== 'none' ? NARROW_BUILD_WIDTH : this.buildWidth;
  }

  /**
   * Redraws the build-time charts for this (narrower) column once the demo nears the viewport,
   * in a task of its own: a phone then draws the demo being read, not every demo of the page at
   * load. Nothing is redrawn if the reader changed the state first.
   */
  private redrawWhenNear(): void {
    const shown = this.drawn;
    const redraw = () => void this.redrawShown(shown);
    this.redrawPending = true;
    if (typeof IntersectionObserver !== 'function') return void setTimeout(redraw, 0);
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        setTimeout(redraw, 0);
      },
      { rootMargin: '300px 0px' },
    );
    observer.observe(this);
  }

  /** Draws what is on screen again for the current width, fetching a left-out build result first. */
  private async redrawShown(shown: typeof this.drawn): Promise<void> {
    if (!shown || this.drawn !== shown) return;
    let result = shown.result;
    if (result === null) {
      result = await this.fetchBuildResult();
      // The reader may have changed the state while it loaded; then there is nothing to redraw.
      if (result === null || this.drawn !== shown) return;
      this.result = result;
    }
    await this.draw(shown.state, result);
  }

  private buildResult: Promise<R | null> | undefined;
  /** The build-time result of the page's state, from its file (null if it cannot be had). */
  private fetchBuildResult(): Promise<R | null> {
    const url = this.dataset['resultUrl'];
    if (!url) return Promise.resolve(null);
    this.buildResult ??= fetch(url)
      .then((r) => (r.ok ? (r.json() as Promise<R>) : null))
      .catch(() => null);
    return this.buildResult;
  }

  /** Draws and remembers what was drawn, at which width. */
  protected async draw(state: FullState<S>, result: R | null): Promise<void> {
    this.redrawPending = false;
    this.drawn = { state, result, width: this.clientWidth };
    await this.renderView(state, result);
  }

  private watchWidth(): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const d = this.drawn;
        const width = this.clientWidth;
        if (!d || this.redrawPending || width === 0 || Math.abs(width - d.width) <= 0.2 * d.width) return;
        void this.redrawShown(d);
      }, 150);
    }).observe(this);
  }

  private readInitialState(): { state: FullState<S>; issues: ParamIssue[] } {
    if (this.ownsUrl) return parseDemoState(this.logic.schema, window.location.search, this.autorunDefault);
    // On a solution page the MDX gives the state; the page URL may still pick the backend.
    const query = new URLSearchParams(this.dataset['query'] ?? '');
    const backend = new URLSearchParams(window.location.search).get('backend');
    if (backend !== null) query.set('backend', backend);
    return parseDemoState(this.logic.schema, query, this.autorunDefault);
  }

  private onPopState(): void {
    const { state, issues } = parseDemoState(this.logic.schema, window.location.search, this.autorunDefault);
    this.state = state;
    this.showIssues(issues);
    this.writeControls();
    void this.run();
  }

  private controls(): (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] {
    return [...this.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[data-param]')];
  }

  private writeControls(): void {
    const s = this.state as Record<string, unknown>;
    for (const p of allParams(this.logic.schema, this.autorunDefault)) {
      for (const el of this.controls().filter((c) => c.dataset['param'] === p.name)) {
        el.value = p.type === 'matrix' ? matrixToControl(s[p.name] as number[][]) : p.format(s[p.name]);
      }
    }
    const hidden = new Set(this.state.hide);
    // Parts of a view that is redrawn keep no attribute; CSS hides them by `[data-hide~=name]`.
    this.dataset['hide'] = this.state.hide.join(' ');
    for (const el of this.querySelectorAll<HTMLElement>('[data-control-name]')) el.hidden = hidden.has(el.dataset['controlName']!);
  }

  /** Edits are checked as typed; a bad entry is reported and nothing runs until it is fixed. */
  private onEdit(e: Event): void {
    const target = e.target as HTMLElement;
    if (!target.dataset['param']) return;
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => this.applyEdits(), e.type === 'change' ? 0 : 400);
  }

  private applyEdits(): void {
    const query = new URLSearchParams(stateToQuery(this.logic.schema, this.state, this.autorunDefault));
    for (const el of this.controls()) {
      const name = el.dataset['param']!;
      query.set(name, el.dataset['kind'] === 'matrix' ? matrixFromControl(el.value) : el.value);
    }
    const { state, issues } = parseDemoState(this.logic.schema, query, this.autorunDefault);
    this.showIssues(issues, 'Not run: ');
    if (issues.length) return;
    this.state = state;
    this.updateUrl();
    void this.run();
  }

  private showIssues(issues: ParamIssue[], prefix = ''): void {
    const box = this.find<HTMLElement>('[data-role="messages"]');
    if (!box) return;
    box.hidden = issues.length === 0;
    box.replaceChildren(
      ...issues.map((i) => {
        const p = document.createElement('p');
        p.textContent = prefix + i.message;
        return p;
      }),
    );
    for (const el of this.controls()) el.setAttribute('aria-invalid', String(issues.some((i) => i.param.split(',').includes(el.dataset['param']!))));
  }

  private query(): string {
    return stateToQuery(this.logic.schema, this.state, this.autorunDefault);
  }

  private updateUrl(): void {
    if (this.ownsUrl) {
      const q = this.query();
      history.replaceState(history.state, '', `${window.location.pathname}${q ? `?${q}` : ''}${window.location.hash}`);
    }
    this.updateShare();
  }

  /** Links reproduce what is on screen, so they carry autorun=1. */
  private shareUrl(kind: 'demos' | 'embed'): string {
    const q = new URLSearchParams(stateToQuery(this.logic.schema, { ...this.state, autorun: '0' }, '0'));
    q.set('autorun', '1');
    const text = q.toString().replace(/%2C/g, ',').replace(/%3B/g, ';');
    return new URL(`${siteUrl(`${kind}/${this.logic.schema.name}/`)}?${text}`, window.location.origin).href;
  }

  private updateShare(): void {
    const link = this.find<HTMLInputElement>('[data-role="link"]');
    if (link) link.value = this.shareUrl('demos');
    const code = this.find<HTMLTextAreaElement>('[data-role="embed-code"]');
    if (code) {
      const title = (this.dataset['title'] ?? this.logic.schema.title).replace(/"/g, '&quot;');
      code.value = `<iframe src="${this.shareUrl('embed')}" width="800" height="600" style="border:0;max-width:100%" title="${title}" loading="lazy"></iframe>`;
    }
  }

  private async copyLink(): Promise<void> {
    const url = this.shareUrl('demos');
    const button = this.find<HTMLButtonElement>('[data-action="copy"]')!;
    try {
      await navigator.clipboard.writeText(url);
      button.textContent = 'Copied';
    } catch {
      // Clipboard access can be refused (http, iframe without permission): show the link to copy by hand.
      const details = this.find<HTMLDetailsElement>('.demo-share');
      if (details) details.open = true;
      this.find<HTMLInputElement>('[data-role="link"]')?.select();
      button.textContent = 'Select and copy the link below';
    }
    setTimeout(() => (button.textContent = 'Copy link'), 2500);
  }

  private setStatus(text: string): void {
    const status = this.find<HTMLElement>('[data-role="status"]');
    if (status) status.textContent = text;
  }

  async run(): Promise<void> {
    const seq = ++this.runSeq;
    const state = this.state;
    this.dataset['state'] = 'running';
    this.find('script[data-demo-result]')?.remove();
    this.setStatus('Running…');
    const t0 = performance.now();
    try {
      const jobs = this.logic.plan(state);
      const published = new Set((this.dataset['models'] ?? '').split(',').filter(Boolean));
      let shown = -1;
      const run = await withWatchdog(
        (alive) =>
          runInBrowser(state.backend, jobs, published, (f) => {
            alive();
            const pct = Math.floor(f * 100);
            if (pct !== shown && seq === this.runSeq) this.setStatus(`Running… ${(shown = pct)} %`);
          }),
        STALL_MS,
        'The computation',
      );
      if (seq !== this.runSeq) return;
      const result = this.logic.finish(state, run.outputs);
      const ms = performance.now() - t0;
      this.result = result;
      await this.draw(state, result);
      if (seq !== this.runSeq) return;
      const json = document.createElement('script');
      json.type = 'application/json';
      json.dataset['demoResult'] = '';
      json.textContent = JSON.stringify(result);
      this.append(json);
      this.dataset['backend'] = run.backend;
      // Wall time of the run (runtime loading and session creation included), for benchmarks.
      this.dataset['runMs'] = ms.toFixed(1);
      this.dataset['state'] = 'done';
      const notes = run.notes.length ? ` ${run.notes.join('. ')}.` : '';
      this.setStatus(`Computed in your browser on ${run.backend === 'webgpu' ? 'WebGPU' : 'WASM (CPU)'} in ${ms.toFixed(0)} ms.${notes}`);
    } catch (e) {
      if (seq !== this.runSeq) return;
      this.dataset['state'] = 'error';
      const message = e instanceof Error ? e.message : String(e);
      this.setStatus(
        `The live computation failed: ${message}. ${this.result ? 'The numbers shown are the last ones computed' : 'The inputs above are still correct'}; the write-up and its build-time numbers are unaffected.`,
      );
    }
  }
}
