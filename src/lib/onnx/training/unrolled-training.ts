import { GraphBuilder, type Dim } from '../graph-builder';
import { emitUpdate, stateSlots, type OptimizerConfig } from './optimizers';
import { Tape } from './tape';

export interface TensorShape {
  name: string;
  shape: number[];
}

export interface StepContext {
  tape: Tape;
  g: GraphBuilder;
  /** Current names of the parameters (they change every step). */
  params: Record<string, string>;
  /** This step's slice of each per-step input. */
  step: Record<string, string>;
  /** Inputs that are the same for every step (data held fixed, targets). */
  fixed: Record<string, string>;
  /**
   * Current names of the buffers: state that the forward pass updates, not the optimizer (batch
   * norm's running statistics). A step's `loss` assigns the next value to `buffers[name]`.
   */
  buffers: Record<string, string>;
}

export interface TrainingGraphSpec {
  name: string;
  params: TensorShape[];
  /** Non-trained state carried between steps and calls (see StepContext.buffers). */
  buffers?: TensorShape[];
  /** Fed stacked as [steps, ...shape]; step k reads slice k (dropout masks, minibatches). */
  perStep: TensorShape[];
  /** Fed once per call, the same for all unrolled steps. */
  fixed: TensorShape[];
  optimizer: OptimizerConfig;
  /** Steps unrolled in one graph: one session.run does this many updates. */
  steps: number;
  /** Builds the forward pass for one step with tape ops; returns the scalar loss. */
  loss(ctx: StepContext): string;
  /** Tensors recorded after every step (e.g. the weights, for a path), stacked as [steps, ...]. */
  trace?: (ctx: StepContext) => Record<string, { name: string; shape: number[] }>;
  /**
   * Tensors computed once per call, after its last step, from the updated parameters (e.g. test
   * accuracy at the end of each epoch, without reading the weights back); each is output as
   * [1, ...shape], so a run's calls stack to [calls, ...shape].
   */
  evaluate?: (ctx: Pick<StepContext, 'g' | 'params' | 'fixed' | 'buffers'>) => Record<string, { name: string; shape: number[] }>;
}

/** Input and output names of a training graph, so a runner can loop the state around. */
export interface TrainingSignature {
  /** state input name -> the output that carries its next value. */
  state: Record<string, string>;
  /** Per-call outputs: `losses` [steps] and every trace [steps, ...]. */
  streams: string[];
}

export const stateName = (param: string, slot: string) => `${param}__${slot}`;
export const nextName = (name: string) => `${name}__next`;

export function trainingSignature(spec: Pick<TrainingGraphSpec, 'params' | 'optimizer' | 'trace' | 'buffers'>, traceNames: string[] = []): TrainingSignature {
  const state: Record<string, string> = {};
  for (const b of spec.buffers ?? []) state[b.name] = nextName(b.name);
  for (const p of spec.params) {
    state[p.name] = nextName(p.name);
    for (const slot of stateSlots(spec.optimizer)) state[stateName(p.name, slot)] = nextName(stateName(p.name, slot));
  }
  return { state, streams: ['losses', ...traceNames] };
}

/**
 * K training steps unrolled in one ONNX graph: forward, hand-derived backward and the optimizer
 * update, K times, so one session.run pays its fixed cost once per K steps. Inputs: parameters,
 * optimizer state, `lr` [1], Adam's bias corrections [K] (`bc1`, `bc2`), per-step tensors
 * [K, ...] and fixed tensors. Outputs: next parameters and state, `losses` [K], traces [K, ...].
 */
export function buildTrainingGraph(spec: TrainingGraphSpec): { bytes: Uint8Array; signature: TrainingSignature } {
  const g = new GraphBuilder(spec.name);
  const K = spec.steps;
  const params: Record<string, string> = {};
  const state: Record<string, Record<string, string>> = {};
  for (const p of spec.params) {
    params[p.name] = g.input(p.name, p.shape);
    state[p.name] = {};
    for (const slot of stateSlots(spec.optimizer)) state[p.name]![slot] = g.input(stateName(p.name, slot), p.shape);
  }
  let buffers: Record<string, string> = {};
  for (const b of spec.buffers ?? []) buffers[b.name] = g.input(b.name, b.shape);
  const lr = g.input('lr', [1]);
  const adam = spec.optimizer.kind === 'adam';
  const bc1 = adam ? g.input('bc1', [K]) : '';
  const bc2 = adam ? g.input('bc2', [K]) : '';
  const perStep: Record<string, string> = {};
  for (const s of spec.perStep) perStep[s.name] = g.input(s.name, [K, ...s.shape] as Dim[]);
  const fixed: Record<string, string> = {};
  for (const f of spec.fixed) fixed[f.name] = g.input(f.name, f.shape);

  const losses: string[] = [];
  const traces: Record<string, string[]> = {};
  const traceShapes: Record<string, number[]> = {};
  for (let k = 0; k < K; k++) {
    const index = g.constantInt64(g.fresh('step'), [], [k]);
    const step: Record<string, string> = {};
    for (const [name, full] of Object.entries(perStep)) step[name] = g.node('Gather', [full, index], { axis: 0 })[0]!;
    const tape = new Tape(g);
    const ctx: StepContext = { tape, g, params: { ...params }, step, fixed, buffers: { ...buffers } };
    const loss = spec.loss(ctx);
    buffers = { ...ctx.buffers };
    losses.push(g.node('Reshape', [loss, g.constantInt64(g.fresh('shape'), [1], [1])])[0]!);
    const grads = tape.backward(loss, Object.values(params));
    const slice = (full: string) => (adam ? g.node('Gather', [full, g.constantInt64(g.fresh('k'), [1], [k])], { axis: 0 })[0]! : '');
    const bias = adam ? { first: slice(bc1), second: slice(bc2) } : undefined;
    for (const p of spec.params) {
      const grad = grads.get(params[p.name]!);
      if (!grad) throw new Error(`${spec.name}: the loss does not depend on parameter ${p.name}`);
      const next = emitUpdate(g, spec.optimizer, { param: params[p.name]!, grad, state: state[p.name]!, lr, biasCorrection: bias });
      params[p.name] = next.param;
      state[p.name] = next.state;
    }
    const after: StepContext = { ...ctx, params: { ...params } };
    for (const [name, t] of Object.entries(spec.trace?.(after) ?? {})) {
      traceShapes[name] = t.shape;
      (traces[name] ??= []).push(g.node('Reshape', [t.name, g.constantInt64(g.fresh('shape'), [t.shape.length + 1], [1, ...t.shape])])[0]!);
    }
  }

  for (const b of spec.buffers ?? []) {
    g.node('Identity', [buffers[b.name]!], {}, [nextName(b.name)]);
    g.output(nextName(b.name), b.shape);
  }
  for (const p of spec.params) {
    g.node('Identity', [params[p.name]!], {}, [nextName(p.name)]);
    g.output(nextName(p.name), p.shape);
    for (const slot of stateSlots(spec.optimizer)) {
      g.node('Identity', [state[p.name]![slot]!], {}, [nextName(stateName(p.name, slot))]);
      g.output(nextName(stateName(p.name, slot)), p.shape);
    }
  }
  g.node('Concat', losses, { axis: 0 }, ['losses']);
  g.output('losses', [K]);
  for (const [name, list] of Object.entries(traces)) {
    g.node('Concat', list, { axis: 0 }, [name]);
    g.output(name, [K, ...traceShapes[name]!]);
  }
  const evaluated = Object.entries(spec.evaluate?.({ g, params: { ...params }, fixed, buffers: { ...buffers } }) ?? {});
  for (const [name, t] of evaluated) {
    g.node('Reshape', [t.name, g.constantInt64(g.fresh('shape'), [t.shape.length + 1], [1, ...t.shape])], {}, [name]);
    g.output(name, [1, ...t.shape]);
  }
  return { bytes: g.toBytes(), signature: trainingSignature(spec, [...Object.keys(traces), ...evaluated.map(([name]) => name)]) };
}
