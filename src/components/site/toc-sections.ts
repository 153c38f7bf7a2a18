/**
 * Which heading of the page each part of it falls under, for the "On this page" lists
 * (toc-element.ts). Plain DOM, no rendering: found in one pass over the content's top-level blocks.
 */

export const TITLE_ID = '_top';

/** Headings the list can link to: the page title and h{min}…h{max} with an id. */
export function headingSelector(min: number, max: number): string {
  const levels = Array.from({ length: Math.max(0, 1 + max - min) }, (_, i) => `h${min + i}`);
  return `h1#${TITLE_ID}${levels.length ? `,:where(${levels.join()})[id]` : ''}`;
}

/**
 * The elements to watch, in document order, each with the heading a reader is under when it is on screen: the
 * headings themselves; each top-level block of the Markdown content, under the last heading
 * before it; and the other children of <main> without a heading (under the page title).
 */
export function sectionsOf(main: Element, selector: string): Map<Element, Element> {
  const doc = main.ownerDocument;
  const title = doc.getElementById(TITLE_ID);
  const sections = new Map<Element, Element>();
  if (title) sections.set(title, title);
  for (const child of Array.from(main.children)) {
    if (title && !child.matches(selector) && !child.querySelector(selector)) sections.set(child, title);
  }
  for (const content of Array.from(main.querySelectorAll('.sl-markdown-content'))) {
    let current: Element | null = title;
    for (const block of Array.from(content.children)) {
      const headings = block.matches(selector) ? [block] : Array.from(block.querySelectorAll(selector));
      if (headings.length) {
        for (const h of headings) sections.set(h, h);
        current = headings.at(-1)!;
      } else if (current) {
        sections.set(block, current);
      }
    }
  }
  // In document order, so that the first of them in view is the topmost.
  const order = new Map(Array.from(main.querySelectorAll('*'), (el, i) => [el, i] as const));
  return new Map([...sections].sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1)));
}

