import type { DemoLogic, ModelJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Feeds, Outputs } from '../../onnx/model-spec';
import { graphCosts, type GraphCosts } from '../../onnx/graph-costs';
import { seededRng } from '../../random/seeded-rng';
import { biasName, inceptionModel, moduleConvs, MODULE_OUTPUT, weightName, type ModuleKind } from './inception-model';
import { inceptionSchema, type InceptionParams } from './inception-schema';
import { median, runTimes, timedRuns, type Stopwatch } from './inception-timing';

/** One convolution of a module, with its counts as read from the graph. */
export interface ConvCount {
  name: string;
  k: number;
  cin: number;
  cout: number;
  /** Output H, W, C. */
  shape: number[];
  params: number;
  mults: number;
  adds: number;
  activations: number;
  /** Multiplications by a zero of the padding (included in `mults`). */
  padMults: number;
}

export interface ModuleCount {
  params: number;
  mults: number;
  adds: number;
  activations: number;
  padMults: number;
  /** Output H, W, C: the four branches side by side. */
  output: number[];
  layers: ConvCount[];
  /** Median wall time of one run in ms, null when not timed; the timed runs themselves. */
  ms: number | null;
  msRuns: number[];
}

export interface InceptionResult {
  naive: ModuleCount;
  bottleneck: ModuleCount;
  /** Naive over bottleneck, for each count and for the measured time. */
  ratio: { params: number; mults: number; adds: number; activations: number; ms: number | null };
  /** Why the modules were not timed, when they were not. */
  note: string | null;
}

export const MODULES: readonly ModuleKind[] = ['naive', 'bottleneck'];

/** Past these the modules are only counted: drawing the weights and running would stall a tab. */
export const TIMING_CAPS = { mults: 4e9, params: 8e6 } as const;

export function countModule(kind: ModuleKind, s: InceptionParams): { costs: GraphCosts; layers: ConvCount[] } {
  const costs = graphCosts(inceptionModel(kind, s).build());
  const hwc = (nchw: number[]) => [nchw[2]!, nchw[3]!, nchw[1]!];
  const layers = moduleConvs(kind, s).map((c) => {
    const conv = costs.nodes.find((n) => n.output === `${c.name}_z`);
    const relu = costs.nodes.find((n) => n.output === `${c.name}_relu`);
    if (!conv || conv.opType !== 'Conv' || !relu) throw new Error(`inception: no Conv and ReLU for ${c.name} in the ${kind} graph`);
    const params = costs.paramTensors.filter((t) => t.name === weightName(c.name) || t.name === biasName(c.name)).reduce((a, t) => a + t.dims.reduce((p, d) => p * d, 1), 0);
    return { ...c, shape: hwc(conv.shape), params, mults: conv.mults, adds: conv.adds, activations: relu.activations, padMults: conv.padMults };
  });
  return { costs, layers };
}

/** Why a state is only counted, or null when it is timed. */
export function untimedReason(s: InceptionParams): string | null {
  if (s.runs === 0) return 'runs=0: counted only, not run';
  const all = MODULES.map((k) => graphCosts(inceptionModel(k, s).build()));
  const mults = all.reduce((a, c) => a + c.mults, 0);
  const params = Math.max(...all.map((c) => c.params));
  if (mults > TIMING_CAPS.mults) return `the two modules need ${mults.toLocaleString('en')} multiplications a run, more than the ${TIMING_CAPS.mults.toLocaleString('en')} this page times; counted only`;
  if (params > TIMING_CAPS.params) return `a module has ${params.toLocaleString('en')} parameters, more than the ${TIMING_CAPS.params.toLocaleString('en')} this page draws; counted only`;
  return null;
}

/** Seeded He-normal weights: the times do not depend on the values, the seed only fixes them. */
function seededFeeds(kind: ModuleKind, s: FullState<InceptionParams>): Feeds {
  const rng = seededRng((s.seed ^ (kind === 'naive' ? 0 : 0x9e3779b9)) >>> 0);
  const [h, w, c] = s.input;
  const fill = (n: number, scale: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
    return a;
  };
  const feeds: Feeds = { x: { data: fill(h * w * c, 1), dims: [1, c, h, w] } };
  for (const conv of moduleConvs(kind, s)) {
    feeds[weightName(conv.name)] = { data: fill(conv.cout * conv.cin * conv.k * conv.k, Math.sqrt(2 / (conv.cin * conv.k * conv.k))), dims: [conv.cout, conv.cin, conv.k, conv.k] };
    feeds[biasName(conv.name)] = { data: fill(conv.cout, 0.01), dims: [conv.cout] };
  }
  return feeds;
}

/** The state object a run was planned for -> its stopwatches, read again by `finish`. */
const watches = new WeakMap<object, Record<ModuleKind, Stopwatch>>();

export const inceptionLogic: DemoLogic<InceptionParams, InceptionResult> = {
  schema: inceptionSchema,
  plan(s) {
    if (untimedReason(s)) return [];
    const w: Record<ModuleKind, Stopwatch> = { naive: { stamps: [] }, bottleneck: { stamps: [] } };
    watches.set(s, w);
    return MODULES.map((kind): ModelJob => timedRuns(inceptionModel(kind, s), seededFeeds(kind, s), s.runs, w[kind]));
  },
  finish(s, outputs: Outputs[]) {
    const note = untimedReason(s);
    const w = watches.get(s);
    const modules = MODULES.map((kind, i) => {
      const { costs, layers } = countModule(kind, s);
      const output = costs.shapes[MODULE_OUTPUT]!;
      const ran = outputs[i]?.[MODULE_OUTPUT];
      // The run and the graph's own shapes must agree; a disagreement is a bug to show, not hide.
      if (ran && ran.dims.slice(1).join() !== output.slice(1).join()) throw new Error(`inception: the ${kind} module returned ${ran.dims.slice(1).join('×')}, its graph gives ${output.slice(1).join('×')}`);
      const msRuns = note || !w ? [] : runTimes(w[kind]).map((t) => Math.round(t * 100) / 100);
      const m: ModuleCount = {
        params: costs.params,
        mults: costs.mults,
        adds: costs.adds,
        activations: costs.activations,
        padMults: costs.padMults,
        output: [output[2]!, output[3]!, output[1]!],
        layers,
        ms: median(msRuns),
        msRuns,
      };
      return m;
    });
    const [naive, bottleneck] = modules as [ModuleCount, ModuleCount];
    const r = (a: number, b: number) => a / b;
    return {
      naive,
      bottleneck,
      ratio: {
        params: r(naive.params, bottleneck.params),
        mults: r(naive.mults, bottleneck.mults),
        adds: r(naive.adds, bottleneck.adds),
        activations: r(naive.activations, bottleneck.activations),
        ms: naive.ms !== null && bottleneck.ms !== null && bottleneck.ms > 0 ? naive.ms / bottleneck.ms : null,
      },
      note: note ?? (w ? null : 'not timed: this result was not computed by a timed run'),
    };
  },
};
