// Node only (build time): the pictures that the static HTML of the filters demo shows, as files.
// Inlined as data URLs they made a page of eight demos carry ~270 KB of base64 that the browser
// must parse before first paint; as files they are fetched lazily and cached across pages.
import { createHash } from 'node:crypto';
import { parseDemoProps } from '../common/demo-schema';
import { publicPageStates } from '../result-cache/result-files';
import { displayScale, INPUT_SCALE, type DisplayScale } from './filters-colour';
import { filterPlanes, type FiltersResult } from './filters-logic';
import { filtersSchema, type FiltersParams } from './filters-schema';
import type { Plane } from './image-plane';

export type PictureKind = 'grey' | 'output';

/** Where the pictures of the pages' states are written, under the base path. */
export const PICTURE_DIR = 'images/filters';

/** The file name of one picture of a state: the same state however its query is spelled. */
export function pictureName(state: FiltersParams, kind: PictureKind): string {
  const hash = createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 16);
  return `${hash}-${kind}`;
}

/**
 * Every state a published page of the site renders the demo in (the pages' MDX and the embed
 * page); a state only a held-back solution shows gets no file.
 */
export function pagePictureStates(): { query: string; state: FiltersParams }[] {
  return publicPageStates('filters').map((query) => ({ query, state: parseDemoProps(filtersSchema, query, `filters picture of "${query}"`) }));
}

let known: Set<string> | undefined;

/** Whether a file is written for this picture; other states (none today) fall back to a data URL. */
export function hasPictureFile(state: FiltersParams, kind: PictureKind): boolean {
  known ??= new Set(pagePictureStates().flatMap(({ state: s }) => (['grey', 'output'] as const).map((k) => pictureName(s, k))));
  return known.has(pictureName(state, kind));
}

/** The plane of one picture and the scale the live canvas draws it on. */
export function picture(result: FiltersResult, kind: PictureKind): { plane: Plane; scale: DisplayScale } {
  const planes = filterPlanes(result);
  if (!planes) throw new Error('filters: the build-time result carries no pictures');
  const plane = kind === 'grey' ? planes.grey : planes.y;
  const scale = kind === 'grey' ? INPUT_SCALE : displayScale(planes.y, result.pads);
  return { plane, scale };
}
