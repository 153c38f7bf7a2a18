/**
 * Loads a demo's code only when the demo is about to matter. The static HTML already shows the
 * build-time result, so a page needs no demo script to be read: each demo component's <script>
 * calls `loadWhenNeeded('<name>', () => import('./<name>-element'))`, and the element module
 * (its logic, views, charts) is fetched when one of the page's `demo-<name>` elements
 *
 * - has to run or follow the URL at once: an embed page, a standalone page whose address carries
 *   parameters (deep links, `autorun=1`), a solution-page instance whose state says `autorun=1`;
 * - comes near the viewport (an IntersectionObserver with a generous margin);
 * - or is touched, clicked or focused before that.
 *
 * Whatever the reader did to a demo before its code arrived is handed on once it has: clicks on
 * buttons and other non-form elements are replayed, and edited controls keep their new values
 * and announce them with a `change` event, so a first press of Run is never lost.
 * This module is tiny and shared; everything else loads per demo.
 */

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** How far outside the viewport a demo starts loading (so it is ready before it is reached). */
const NEAR = '600px 0px';

function mustStartNow(root: HTMLElement): boolean {
  const page = root.dataset['page'] ?? 'solution';
  if (page === 'embed') return true;
  if (page !== 'solution') return window.location.search.length > 1;
  return new URLSearchParams(root.dataset['query'] ?? '').get('autorun') === '1';
}

/** A click the element would have handled itself (form controls act natively and are not replayed). */
function replayable(target: Element, root: HTMLElement): HTMLElement | null {
  const el = target.closest<HTMLElement>('button, [data-out]');
  if (!el || !root.contains(el)) return null;
  if (el.closest('label, summary, a, input, select, textarea, option')) return null;
  return el;
}

export function loadWhenNeeded(name: string, load: () => Promise<unknown>): void {
  const roots = [...document.querySelectorAll<HTMLElement>(`demo-${name}`)];
  if (roots.length === 0) return;
  let state: 'waiting' | 'loading' | 'loaded' = 'waiting';
  const clicks: HTMLElement[] = [];
  const edited = new Map<Control, { value: string; checked: boolean }>();
  let observer: IntersectionObserver | undefined;

  const onClick = (e: Event) => {
    const el = replayable(e.target as Element, e.currentTarget as HTMLElement);
    if (el && !clicks.includes(el)) clicks.push(el);
    start();
  };
  const onEdit = (e: Event) => {
    const el = e.target as Control;
    if (!('value' in el)) return;
    edited.set(el, { value: el.value, checked: el instanceof HTMLInputElement && el.checked });
    start();
  };
  const events: [string, (e: Event) => void][] = [
    ['pointerdown', () => start()],
    ['focusin', () => start()],
    ['click', onClick],
    ['input', onEdit],
    ['change', onEdit],
  ];
  const listen = (on: boolean) => {
    for (const root of roots) for (const [type, fn] of events) (on ? root.addEventListener : root.removeEventListener).call(root, type, fn, true);
  };

  function handOver(): void {
    for (const [el, { value, checked }] of edited) {
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.checked = checked;
      else if (!(el instanceof HTMLInputElement && el.type === 'file')) el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
    for (const el of clicks) el.click();
    edited.clear();
    clicks.length = 0;
  }

  function start(): void {
    if (state !== 'waiting') return;
    state = 'loading';
    observer?.disconnect();
    load().then(
      () => {
        state = 'loaded';
        listen(false);
        // customElements.define upgraded (and connected) every instance synchronously.
        handOver();
      },
      (e: unknown) => {
        state = 'waiting';
        for (const root of roots) {
          const status = root.querySelector<HTMLElement>('[data-role="status"]');
          if (status) status.textContent = `The live demo could not be loaded (${e instanceof Error ? e.message : String(e)}); the build-time result above still stands. Touch the demo to try again.`;
        }
      },
    );
  }

  listen(true);
  if (roots.some(mustStartNow)) return start();
  if (!('IntersectionObserver' in window)) return start();
  observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) start();
  }, { rootMargin: NEAR });
  for (const root of roots) observer.observe(root);
}
