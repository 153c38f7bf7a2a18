import type { RunModel } from '../../onnx/model-spec';
import type { DemoLogic } from './demo-logic';
import type { FullState } from './demo-schema';

/** Plans, runs every model job in order, and finishes: the whole computation of one state. */
export async function runDemo<S, R>(logic: DemoLogic<S, R>, state: FullState<S>, run: RunModel): Promise<R> {
  const outputs = [];
  for (const job of logic.plan(state)) outputs.push(await run(job.spec, job.feeds));
  return logic.finish(state, outputs);
}
