// Node only: the demo's logic with the digits read from disk, for the registry (build-time
// results, published models, catalog), tests and scripts.
import { parseDemoProps } from '../common/demo-schema';
import { runDemo } from '../common/run-demo';
import { runInNode } from '../../ort/node-runner';
import { lenetDigitsInNode } from './lenet-digits-node';
import { lenetLogic, type LenetResult } from './lenet-logic';

export const lenetNodeLogic = lenetLogic(() => lenetDigitsInNode());

/** Trains one state given as a query string ("bn=1&lr=0.5&seed=2") in Node and returns its result. */
export function runLenetInNode(query: string): Promise<LenetResult> {
  return runDemo(lenetNodeLogic, parseDemoProps(lenetNodeLogic.schema, query, `lenet?${query}`), runInNode);
}
