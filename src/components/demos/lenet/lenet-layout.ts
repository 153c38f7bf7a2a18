/**
 * The width the build draws the view for: one column, about as wide as a write-up's or the demo
 * page's column; an embed or a wider window is drawn again for its own width. A module of its
 * own so that the element can read it without loading the view and Plot.
 */
export const BUILD_WIDTH = 600;
/** Views at least this wide lay the charts out two by two. */
export const WIDE = 740;
