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
