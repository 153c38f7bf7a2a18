/**
 * The "On this page" lists (desktop and mobile) that mark the section being read, as Starlight's
 * own do, but found in one pass over the content.
 *
 * Why not Starlight's element: when the page goes idle it collects the blocks to watch with one
 * `querySelectorAll` built from `:has()` and `~` selectors, which the browser answers by searching
 * the subtree of every element in <main>. On a write-up with ten thousand elements of typeset
 * math that took 70 ms here (about 280 ms on Lighthouse's phone), twice (both lists), and was the
 * largest part of those pages' blocking time. Here the content's top-level blocks are walked once,
 * in order, and each is paired with the heading it falls under.
 *
 * The markup is Starlight's (TableOfContents.astro and MobileTableOfContents.astro render it with
 * the element renamed), so its styles apply unchanged.
 */

import { headingSelector, sectionsOf } from './toc-sections';

const onIdle = (cb: () => void) => (window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1)))(cb);

export class SiteToc extends HTMLElement {
  private currentLink: HTMLAnchorElement | null = this.querySelector('a[aria-current="true"]');

  constructor() {
    super();
    onIdle(() => this.watch());
  }

  protected setCurrent(link: HTMLAnchorElement): void {
    if (link === this.currentLink) return;
    this.currentLink?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.currentLink = link;
  }

  private watch(): void {
    const main = document.querySelector('main');
    if (!main) return;
    const min = Number.parseInt(this.dataset['minH'] ?? '2', 10);
    const max = Number.parseInt(this.dataset['maxH'] ?? '3', 10);
    const sections = sectionsOf(main, headingSelector(min, max));
    const links = new Map(Array.from(this.querySelectorAll('a')).map((a) => [a.hash, a]));
    // What is in the band now. One callback can hold several entries for one element (a jump,
    // then a correction of it), so the latest entry of each counts, not the first intersecting one.
    const inBand = new Set<Element>();
    const onChange = (entries: IntersectionObserverEntry[]) => {
      for (const { isIntersecting, target } of entries) {
        if (isIntersecting) inBand.add(target);
        else inBand.delete(target);
      }
      // The topmost part of the page in the band (`sections` is in document order) names the section.
      for (const [el, heading] of sections) {
        if (!inBand.has(el)) continue;
        const link = links.get(`#${encodeURIComponent(heading.id)}`);
        if (link) this.setCurrent(link);
        return;
      }
    };
    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      inBand.clear();
      observer = new IntersectionObserver(onChange, { rootMargin: this.rootMargin() });
      for (const el of sections.keys()) observer.observe(el);
    };
    observe();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The band that counts as "being read" depends on the viewport and header heights.
    window.addEventListener('resize', () => {
      observer?.disconnect();
      observer = undefined;
      clearTimeout(timer);
      timer = setTimeout(() => onIdle(observe), 200);
    });
  }

  /** A thin band just under the sticky header (and the mobile list's bar): what is being read. */
  private rootMargin(): string {
    const top = (document.querySelector('header')?.getBoundingClientRect().height ?? 0) + (this.querySelector('summary')?.getBoundingClientRect().height ?? 0) + 32;
    return `-${top}px 0% ${top + 53 - document.documentElement.clientHeight}px`;
  }
}

/** The phone's collapsible list: shows the current section in its bar and closes when done with. */
export class MobileSiteToc extends SiteToc {
  constructor() {
    super();
    const details = this.querySelector('details');
    if (!details) return;
    const close = () => (details.open = false);
    for (const a of Array.from(details.querySelectorAll('a'))) a.addEventListener('click', close);
    window.addEventListener('click', (e) => {
      if (!details.contains(e.target as Node)) close();
    });
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !details.open) return;
      const hadFocus = details.contains(document.activeElement);
      close();
      if (hadFocus) details.querySelector('summary')?.focus();
    });
  }

  protected override setCurrent(link: HTMLAnchorElement): void {
    super.setCurrent(link);
    const display = this.querySelector('.display-current');
    if (display) display.textContent = link.textContent;
  }
}

if (!customElements.get('site-toc')) customElements.define('site-toc', SiteToc);
if (!customElements.get('mobile-site-toc')) customElements.define('mobile-site-toc', MobileSiteToc);
