/**
 * Window colours: mid-tone hues that read on light and dark backgrounds. Neighbours differ by one
 * step along a row and by three down a column, so adjacent and overlapping windows never match.
 */
const PALETTE = ['#4e79a7', '#e15759', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#8f8fe0'];

export function windowColor(i: number, j: number): string {
  return PALETTE[(i * 3 + j) % PALETTE.length]!;
}
