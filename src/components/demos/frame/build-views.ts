import type { DemoPage } from './prepare-demo';

/**
 * Charts drawn at build time for two column widths. A chart drawn for a desktop column and
 * scaled down to a phone's has text too small to read, and redrawing it in the browser costs the
 * phone its first seconds (Plot's module and every chart). Standalone and embed pages, which hold
 * one demo, carry a second drawing for narrow columns; CSS shows the one that fits
 * (`.demo-build-wide` / `.demo-build-narrow`, a container query on the frame). Solution pages,
 * which hold many demos, carry one drawing, and a phone redraws a demo when it is reached.
 */
export const NARROW_BUILD_WIDTH = 360;
/** Frames narrower than this show the narrow drawing (the container query in demo.css says the same). */
export const NARROW_FRAME_BELOW = 560;

export function buildViews(page: DemoPage, width: number, draw: (width: number) => string): string {
  if (page === 'solution') return draw(width);
  return `<div class="demo-build-wide">${draw(width)}</div><div class="demo-build-narrow">${draw(NARROW_BUILD_WIDTH)}</div>`;
}
