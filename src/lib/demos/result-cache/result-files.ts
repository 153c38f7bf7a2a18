// Build time only: the build-time results that solution pages leave out of their HTML, as files.
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { heldBackHomework } from '../../site/release';
import { pageStates } from './page-states';

/**
 * Characters of result JSON a solution-page demo carries in its HTML at most. A page holds
 * several demos and their results were a fifth of the heaviest pages; a larger result is written
 * to its own file, which the demo fetches only if it has to redraw (a phone's narrow column).
 */
export const MAX_INLINE_RESULT = 8_000;

/** The file name of a state's result: a digest of the demo and its query, stable across builds. */
export function resultFileKey(demo: string, query: string): string {
  return createHash('sha256').update(`${demo}?${query}`).digest('hex').slice(0, 16);
}

/** The path of that file under the site's base. */
export const resultFilePath = (demo: string, query: string) => `results/${demo}/${resultFileKey(demo, query)}.json`;

/**
 * The states of `demo` that some published page shows: a state only a held-back solution uses is
 * not written anywhere (its numbers are the solution). Demo pages and overviews are always public.
 */
export function publicPageStates(demo: string, root = process.cwd()): string[] {
  const docs = 'src/content/docs/';
  return [...pageStates(demo, root)]
    .filter(([, files]) =>
      files.some((file) => {
        const path = relative(root, file).replace(/\\/g, '/');
        return !path.startsWith(docs) || !heldBackHomework(path.slice(docs.length));
      }),
    )
    .map(([query]) => query);
}
