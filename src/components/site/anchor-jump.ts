/**
 * Lands an in-page jump (a link from "On this page", a heading's anchor, an address with #part)
 * on its target.
 *
 * Why: the long write-ups leave off-screen text blocks and demo results unrendered
 * (`content-visibility: auto`, site.css and demo.css) with a placeholder height. A jump scrolls
 * by the placeholders; the blocks it passes near are then drawn at their real height, which
 * pushed the target 200–500 px down the screen on HW4 P1 (and "On this page" then marked the
 * section before). So after a jump the target is scrolled back into place until it stays there,
 * for at most half a second, and never against the reader: any wheel, touch or key stops it.
 */

const MAX_FRAMES = 30;

function targetOf(hash: string): HTMLElement | null {
  if (hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null;
  }
}

let cancel: (() => void) | undefined;

export function settleOn(target: HTMLElement): void {
  cancel?.();
  let frames = 0;
  let still = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const) removeEventListener(type, stop, true);
  };
  cancel = stop;
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const) addEventListener(type, stop, { capture: true, passive: true });
  const step = () => {
    if (stopped) return;
    // Where a jump puts it: the page's scroll padding (under the sticky header) plus its own margin.
    const want = (Number.parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0) + (Number.parseFloat(getComputedStyle(target).scrollMarginTop) || 0);
    const off = target.getBoundingClientRect().top - want;
    const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    if (Math.abs(off) > 2 && !(off > 0 && atBottom)) {
      target.scrollIntoView({ block: 'start', behavior: 'instant' });
      still = 0;
    } else if (++still >= 3) {
      return stop();
    }
    if (++frames < MAX_FRAMES) requestAnimationFrame(step);
    else stop();
  };
  requestAnimationFrame(step);
}

function onJump(): void {
  const target = targetOf(location.hash);
  if (target) settleOn(target);
}

addEventListener('hashchange', onJump);
// A second click on the link of the hash already in the address fires no hashchange.
addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
  if (a && a.getAttribute('href') === location.hash && !e.defaultPrevented) requestAnimationFrame(onJump);
});
if (location.hash) {
  if (document.readyState === 'complete') onJump();
  else addEventListener('load', onJump, { once: true });
}
