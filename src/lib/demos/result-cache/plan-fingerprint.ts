// Node only: what a stored build-time result was computed from, as one hash.
import { createHash, type Hash } from 'node:crypto';
import type { Feeds } from '../../onnx/model-spec';
import { callPlan, type DemoLogic, type ModelJob } from '../common/demo-logic';
import { stateToQuery, type FullState } from '../common/demo-schema';

function addFeeds(h: Hash, feeds: Feeds): void {
  for (const name of Object.keys(feeds).sort()) {
    const t = feeds[name]!;
    h.update(`${name}[${t.dims.join('x')}]`);
    h.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
}

function addJob(h: Hash, job: ModelJob): void {
  if (job.kind !== 'train') {
    h.update(job.spec.key).update(job.spec.build());
    addFeeds(h, job.feeds);
    return;
  }
  const calls = callPlan(job);
  for (const steps of new Set(calls)) h.update(job.spec(steps).key).update(job.spec(steps).build());
  h.update(JSON.stringify({ total: job.totalSteps, perCall: job.stepsPerCall, state: job.state, streams: job.streams }));
  addFeeds(h, job.initial);
  // The first and the last call: the data, its order and every per-call input's layout.
  addFeeds(h, job.feeds(0, calls[0]!));
  const lastSteps = calls.at(-1)!;
  addFeeds(h, job.feeds(job.totalSteps - lastSteps, lastSteps));
}

/**
 * A hash of everything a state's result depends on that the code decides: the canonical state,
 * every model's bytes, the initial weights and the inputs of the first and last calls. A change to
 * a graph, an initialiser, the data or its order changes it; a stored result with another
 * fingerprint is stale. (The `finish` step is checked by recomputing, in tests.)
 */
export function planFingerprint<S, R>(logic: DemoLogic<S, R>, state: FullState<S>): string {
  const h = createHash('sha256');
  h.update(logic.schema.name).update('?').update(stateToQuery(logic.schema, { ...state, backend: 'auto', autorun: '0', hide: [] }));
  for (const job of logic.plan(state)) addJob(h, job);
  return h.digest('hex');
}
