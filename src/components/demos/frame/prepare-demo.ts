import { parseHTML } from 'linkedom';
import type { DemoLogic } from '../../../lib/demos/common/demo-logic';
import { buildTimeResult } from '../../../lib/demos/build-time-result';
import { parseDemoProps, type FullState } from '../../../lib/demos/common/demo-schema';

export type DemoPage = 'solution' | 'standalone' | 'embed';

/**
 * What every demo component does at build time: read its MDX props strictly (a bad parameter
 * fails the build), compute the result the static HTML shows, and pick ids unique on the page.
 * The result is shared with ResultValue/ResultTable and other pages showing the same state, so
 * a training demo trains each state once per build.
 */
export async function prepareDemo<S, R>(logic: DemoLogic<S, R>, params: string, page: DemoPage, tag: string): Promise<{ state: FullState<S>; result: R; id: string }> {
  const where = `<${tag} params="${params}">`;
  const state = parseDemoProps(logic.schema, params, where);
  const result = (await buildTimeResult(logic.schema.name, params, where)) as R;
  return { state, result, id: `${logic.schema.name}-${page}-${params.replace(/[^a-z0-9]+/gi, '-')}` };
}

/** A DOM to draw charts into at build time (Observable Plot takes a `document`). */
export function serverDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}
