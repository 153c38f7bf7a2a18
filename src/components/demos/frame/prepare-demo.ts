import { parseHTML } from 'linkedom';
import type { DemoLogic } from '../../../lib/demos/common/demo-logic';
import { parseDemoProps, type FullState } from '../../../lib/demos/common/demo-schema';
import { runDemo } from '../../../lib/demos/common/run-demo';
import { runInNode } from '../../../lib/ort/node-runner';

export type DemoPage = 'solution' | 'standalone' | 'embed';

/**
 * What every demo component does at build time: read its MDX props strictly (a bad parameter
 * fails the build), compute the result the static HTML shows, and pick ids unique on the page.
 */
export async function prepareDemo<S, R>(logic: DemoLogic<S, R>, params: string, page: DemoPage, tag: string): Promise<{ state: FullState<S>; result: R; id: string }> {
  const state = parseDemoProps(logic.schema, params, `<${tag} params="${params}">`);
  const result = await runDemo(logic, state, runInNode);
  return { state, result, id: `${logic.schema.name}-${page}-${params.replace(/[^a-z0-9]+/gi, '-')}` };
}

/** A DOM to draw charts into at build time (Observable Plot takes a `document`). */
export function serverDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}
