// The pictures of the filters demo's static HTML, one file per state a page shows.
import type { APIRoute, GetStaticPaths } from 'astro';
import { buildTimeResult } from '../../../lib/demos/build-time-result';
import type { FiltersResult } from '../../../lib/demos/filters/filters-logic';
import { planePng } from '../../../lib/demos/filters/png-encode-node';
import { GREY_PHOTO } from '../../../lib/demos/filters/photo';
import { pagePictureStates, picture, pictureName, type PictureKind } from '../../../lib/demos/filters/picture-files';

export const getStaticPaths = (() =>
  pagePictureStates().flatMap(({ query, state }) =>
    // At the default size the input is the shared photo file.
    (state.size === GREY_PHOTO.size ? (['output'] as const) : (['grey', 'output'] as const)).map((kind) => ({
      params: { name: pictureName(state, kind) },
      props: { query, kind },
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { query, kind } = props as { query: string; kind: PictureKind };
  const result = (await buildTimeResult('filters', query, `picture ${kind} of filters?${query}`)) as unknown as FiltersResult;
  const { plane, scale } = picture(result, kind);
  return new Response(new Uint8Array(planePng(plane, scale)), { headers: { 'Content-Type': 'image/png' } });
};
