/** Zero or mirror padding, as ONNX Pad calls them `constant` and `reflect`. */
export type Padding = 'zeros' | 'reflect';

/** [top, left, bottom, right] */
export type Pads = [number, number, number, number];

/**
 * Padding that keeps the output the size of the image: n − 1 rows in all, split evenly; an even
 * kernel puts the odd one out at the bottom (right), so its "centre" is the upper left of the
 * middle four entries, as SciPy's `same` mode and PyTorch's `padding='same'` do.
 */
export function kernelPads(kh: number, kw: number): Pads {
  return [Math.floor((kh - 1) / 2), Math.floor((kw - 1) / 2), Math.ceil((kh - 1) / 2), Math.ceil((kw - 1) / 2)];
}

/**
 * Mirror padding reflects about the edge pixel without repeating it (row −1 is row 1), so it
 * needs more rows than it pads: pad ≤ height − 1.
 */
export function reflectFits(pads: Pads, width: number, height: number): boolean {
  return Math.max(pads[0], pads[2]) <= height - 1 && Math.max(pads[1], pads[3]) <= width - 1;
}

/** The smallest image side that mirror padding of these pads needs. */
export function reflectMinSide(pads: Pads): number {
  return Math.max(...pads) + 1;
}
