import * as Plot from '@observablehq/plot';

/**
 * Every Observable Plot chart of the site is made here: `plot(options)` is `Plot.plot(options)`
 * followed by `accessibleChart`, at build time (linkedom) and live alike.
 *
 * Why: Plot names each mark's `<g>` with `aria-label` ("x-axis tick label", "dot", "tip", …) but
 * gives it no role. A `<g>` without a role is generic, on which ARIA prohibits `aria-label`
 * (axe: aria-prohibited-attr). `accessibleChart` makes those groups real groups
 * (`role="group"`), so a screen reader keeps Plot's structure, and drops the label where the group
 * is hidden from assistive technology anyway (`aria-hidden="true"`: ticks, grid). The chart's own
 * accessible name stays where Plot puts it: `aria-label` on the root `<svg>` (the `ariaLabel`
 * option), and the `<figcaption>` of the `<figure>` Plot wraps a captioned chart in.
 *
 * Plot redraws some marks on its own after the first render (the pointer's tip), so in a browser
 * the chart keeps being fixed as it changes.
 */
export function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  return accessibleChart(Plot.plot(options));
}

type Chart = SVGSVGElement | HTMLElement;

/** Fixes Plot's ARIA on `chart` (a Plot `<svg>` or `<figure>`) in place and returns it. */
export function accessibleChart<T extends Chart>(chart: T): T {
  fixSubtree(chart);
  mergeHiddenShapes(chart);
  // In the browser (not in the build's linkedom document), keep fixing what Plot redraws.
  if (typeof window !== 'undefined' && chart.ownerDocument === window.document && !observed.has(chart)) {
    observed.add(chart);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) fixSubtree(n as Element);
    }).observe(chart, { childList: true, subtree: true });
  }
  return chart;
}

const observed = new WeakSet<Element>();

function fixSubtree(root: Element): void {
  for (const el of [root, ...Array.from(root.querySelectorAll('[aria-label]'))]) {
    // <svg> (the chart's root, a legend swatch) may be named; so may anything with a role.
    if (!el.hasAttribute('aria-label') || el.localName === 'svg' || el.localName === 'figure' || el.hasAttribute('role')) continue;
    if (el.localName === 'g' && el.getAttribute('aria-hidden') !== 'true') {
      el.setAttribute('role', 'group');
    } else {
      // Hidden from assistive technology (axes' ticks, grids), or an element with no role that
      // may not be named (a shape, a <span>): the label is never read or is prohibited. A shape's
      // <title> (Plot's `title` channel) stays and still names it for pointer users.
      el.removeAttribute('aria-label');
    }
  }
}

const NUMBER = String.raw`-?\d*\.?\d+(?:e[-+]?\d+)?`;
const TICK = new RegExp(`^M(${NUMBER}),(${NUMBER})L(${NUMBER}),(${NUMBER})$`);
const TRANSLATE = new RegExp(`^translate\\((${NUMBER})(?:[ ,]+(${NUMBER}))?\\)$`);
const round = (v: number) => String(Math.round(v * 100) / 100);

/** A straight segment (Plot's tick `<path>` at a translate, or a grid `<line>`) as absolute path data, else null. */
function segmentOf(el: Element): string | null {
  const names = el.getAttributeNames();
  if (el.localName === 'line' && names.every((n) => /^[xy][12]$/.test(n))) {
    const at = (n: string) => Number(el.getAttribute(n) ?? 0);
    return `M${round(at('x1'))},${round(at('y1'))}L${round(at('x2'))},${round(at('y2'))}`;
  }
  if (el.localName !== 'path' || !names.every((n) => n === 'd' || n === 'transform')) return null;
  const d = TICK.exec(el.getAttribute('d') ?? '');
  const t = el.hasAttribute('transform') ? TRANSLATE.exec(el.getAttribute('transform')!) : ['', '0', '0'];
  if (!d || !t) return null;
  const [dx, dy] = [Number(t[1]), Number(t[2] ?? 0)];
  const [x1, y1, x2, y2] = d.slice(1).map(Number) as [number, number, number, number];
  return `M${round(x1 + dx)},${round(y1 + dy)}L${round(x2 + dx)},${round(y2 + dy)}`;
}

/**
 * Draws each hidden group of plain straight segments (axis ticks, grid lines: one element per tick
 * in Plot's output) as one path with the same strokes. The picture is the same; a write-up with
 * a dozen charts carries hundreds of elements fewer, which a phone styles and lays out at load.
 * Groups named for assistive technology, or holding anything else, are left as they are.
 */
function mergeHiddenShapes(root: Element): void {
  for (const g of Array.from(root.querySelectorAll('g[aria-hidden="true"]'))) {
    const kids = Array.from(g.children);
    if (kids.length < 2) continue;
    const segments = kids.map(segmentOf);
    if (segments.some((s) => s === null)) continue;
    const path = g.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'path');
    // Straight segments enclose nothing; `none` keeps a group without `fill` from filling.
    path.setAttribute('fill', 'none');
    path.setAttribute('d', segments.join(''));
    g.replaceChildren(path);
  }
}
