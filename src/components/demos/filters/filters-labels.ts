import type { FullState } from '../../../lib/demos/common/demo-schema';
import { PHOTO_CREDIT } from '../../../lib/demos/filters/photo';
import type { FiltersParams } from '../../../lib/demos/filters/filters-schema';

/** Where the input came from, as the view's caption line says it. */
export function photoLabel(width: number, height: number): string {
  return `Input: the photo “${PHOTO_CREDIT.title}” by ${PHOTO_CREDIT.author} (${PHOTO_CREDIT.licence}), in grey, ${width}×${height} pixels.`;
}

export function ownImageLabel(what: string, original: { width: number; height: number }, width: number, height: number): string {
  const scaled = original.width === width && original.height === height ? '' : `, scaled to ${width}×${height}`;
  return `Input: ${what} (${original.width}×${original.height}${scaled}), in grey. It stays in this browser and is not part of a copied link.`;
}

export function pictureAlt(which: 'grey' | 'output', s: FullState<FiltersParams>): string {
  return which === 'grey' ? 'The grey input image' : `The image filtered with the ${s.kernel} kernel, ${s.padding} padding`;
}
