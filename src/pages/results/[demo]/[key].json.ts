// Build-time results too large for a solution page's HTML, one file per state a published page
// shows; a demo fetches its own when it must redraw the build's result (DemoFrame.astro).
import type { APIRoute, GetStaticPaths } from 'astro';
import { buildTimeResult } from '../../../lib/demos/build-time-result';
import { DEMO_NAMES } from '../../../lib/demos/demo-names';
import { MAX_INLINE_RESULT, publicPageStates, resultFileKey } from '../../../lib/demos/result-cache/result-files';

export const getStaticPaths = (async () => {
  const paths = [];
  for (const demo of DEMO_NAMES) {
    for (const query of publicPageStates(demo)) {
      const json = JSON.stringify(await buildTimeResult(demo, query, `result file of ${demo}?${query}`));
      if (json.length > MAX_INLINE_RESULT) paths.push({ params: { demo, key: resultFileKey(demo, query) }, props: { json } });
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response((props as { json: string }).json, { headers: { 'Content-Type': 'application/json' } });
