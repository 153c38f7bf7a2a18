import type { DemoLogic } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import type { Feeds } from '../../onnx/model-spec';
import { graphCosts } from '../../onnx/graph-costs';
import { seededRng } from '../../random/seeded-rng';
import { paramCount, paramFormula, planArchitecture, size, type LayerPlan, type Shape } from './architecture';
import { biasName, outputName, shapesModel, weightName } from './shapes-model';
import { shapesSchema, type ShapesParams } from './shapes-schema';

export interface ShapesRow {
  /** "input", or the layer's token: "conv3-10", "pool2", "fc-3". */
  layer: string;
  /** Weights plus biases. */
  params: number;
  /** The same count as the homework writes it: "3×3×1×10 + 10". */
  formula: string;
  /** H, W, C of an image, or [N] for a vector, as onnxruntime returned it. */
  shape: number[];
  /** Receptive field along one axis, in input pixels; "whole input" after gap, flatten or fc. */
  rf: number | 'whole input';
  /** Multiply-accumulates of the layer for one input: H'·W'·F·K²·C for a conv, inputs × outputs for an FC, else 0. */
  macs: number;
}

export interface ShapesResult {
  rows: ShapesRow[];
  /** Parameters of all layers; activations of all layers, the input included. */
  totals: { params: number; activations: number; macs: number };
  /**
   * `run`: the shapes are those onnxruntime returned; `graph`: the network was too large to run
   * here, so they (like the counts, always) come from the built graph's declared dims.
   */
  shapesFrom: 'run' | 'graph';
}

function outcomeOf(s: ShapesParams) {
  const r = planArchitecture(s.input as Shape, s.layers);
  // The schema's check resets any state that fails here, so this only guards against misuse.
  if (!r.ok) throw new Error(`shapes: ${r.message}`);
  return r;
}

export function planOf(s: ShapesParams): LayerPlan[] {
  return outcomeOf(s).plan;
}

/** Why a state is counted from its graph without running, or null if it runs. */
export function notRunReason(s: ShapesParams): string | null {
  return outcomeOf(s).why;
}

/** NCHW dims [1, C, H, W] as the homework writes them (H, W, C); [1, N] as [N]. */
export function homeworkShape(dims: readonly number[]): number[] {
  return dims.length === 4 ? [dims[2]!, dims[3]!, dims[1]!] : dims.slice(1);
}

/** He-scaled normal weights: their values do not matter for shapes, only that the seed fixes them. */
function seededFeeds(s: FullState<ShapesParams>, plan: LayerPlan[]): Feeds {
  const rng = seededRng(s.seed);
  const [h, w, c] = s.input;
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
  const feeds: Feeds = { x: { data: fill(h * w * c, 1), dims: [1, c, h, w] } };
  plan.forEach((p, idx) => {
    if (!p.weightDims.length) return;
    const i = idx + 1;
    const l = p.layer;
    const fanIn = l.kind === 'conv' || l.kind === 'dw' ? l.k * l.k * p.weightDims[2]! : p.weightDims[0]!;
    const dims = l.kind === 'conv' ? [l.filters, p.weightDims[2]!, l.k, l.k] : l.kind === 'dw' ? [p.weightDims[3]!, 1, l.k, l.k] : p.weightDims;
    feeds[weightName(i)] = { data: fill(paramCount({ weightDims: p.weightDims, biases: 0 }), Math.sqrt(2 / fanIn)), dims };
    feeds[biasName(i)] = { data: fill(p.biases, 0.1), dims: [p.biases] };
  });
  return feeds;
}

export const shapesLogic: DemoLogic<ShapesParams, ShapesResult> = {
  schema: shapesSchema,
  plan(s) {
    const r = outcomeOf(s);
    if (!r.runs) return [];
    return [{ spec: shapesModel(s.input, r.plan), feeds: seededFeeds(s, r.plan) }];
  },
  finish(s, [out]) {
    const plan = planOf(s);
    const graph = graphCosts(shapesModel(s.input, plan).build());
    const rows: ShapesRow[] = [{ layer: 'input', params: 0, formula: '0', shape: [...s.input], rf: 1, macs: 0 }];
    plan.forEach((p, idx) => {
      const name = outputName(idx + 1);
      const where = `shapes: layer ${idx + 1} (${p.token})`;
      const node = graph.nodes.find((n) => n.output === name);
      if (!node) throw new Error(`${where}: no node of the graph writes ${name}`);
      const t = out?.[name];
      if (out && !t) throw new Error(`${where}: the model returned no output`);
      const shape = homeworkShape(t ? t.dims : node.shape);
      // Parameters are the declared sizes of the layer's weight and bias inputs; multiply-adds are
      // the Conv's or Gemm's multiplications as read from the graph (the wrap-around MatMuls of
      // circular padding only copy entries and are not counted).
      const params = graph.paramTensors.filter((x) => x.name === weightName(idx + 1) || x.name === biasName(idx + 1)).reduce((a, x) => a + size(x.dims as Shape), 0);
      const macs = node.opType === 'Conv' || node.opType === 'Gemm' ? node.mults : 0;
      // The formulas, the graph and the run must agree; a disagreement is a bug worth showing, not hiding.
      if (shape.join() !== p.output.join() || (t && t.data.length !== size(p.output)) || homeworkShape(node.shape).join() !== p.output.join()) {
        throw new Error(`${where} returned ${shape.join('×')}, the formula gives ${p.output.join('×')}`);
      }
      if (params !== paramCount(p) || macs !== p.macs) throw new Error(`${where}: the graph has ${params} parameters and ${macs} multiply-adds, the formula ${paramCount(p)} and ${p.macs}`);
      rows.push({ layer: p.token, params, formula: paramFormula(p), shape, rf: p.rf ?? 'whole input', macs });
    });
    const totals = {
      params: rows.reduce((a, r) => a + r.params, 0),
      activations: rows.reduce((a, r) => a + r.shape.reduce((p, d) => p * d, 1), 0),
      macs: rows.reduce((a, r) => a + r.macs, 0),
    };
    return { rows, totals, shapesFrom: out ? 'run' : 'graph' };
  },
};
