import type { DemoLogic } from '../common/demo-logic';
import { peakSlope, slope } from '../mlp-backprop/activations';
import { compactNetwork, layerSizes, networkFeeds, parameterCount, type MlpNetwork } from '../mlp-backprop/mlp-network';
import { isChosen, vanishingNetwork } from './vanishing-network';
import { vanishingModel } from './vanishing-model';
import { vanishingSchema, type VanishingParams } from './vanishing-schema';

export interface VanishingLayer {
  /** i, counted from 1 as in the homework. */
  layer: number;
  /** ‖∂y_L/∂A_i‖ (Frobenius) and ‖∂y_L/∂b_i‖ (Euclidean), in float64 from the graph's float32 gradients; null where float32 overflowed. */
  gradA: number | null;
  gradB: number | null;
  /** Mean of σ′(ỹ_i) over the layer's units (1 on the linear last layer). */
  meanSlope: number;
  /** Whether the layer got wscale and bshift. */
  chosen: boolean;
}

export interface HistogramBin {
  x0: number;
  x1: number;
  /** Hidden pre-activations ỹ_i (i < L) in [x0, x1), and how many of them are in chosen layers. */
  count: number;
  chosen: number;
}

export interface VanishingResult {
  /** y_L. */
  output: number;
  layers: VanishingLayer[];
  histogram: HistogramBin[];
  /**
   * (‖∂y_L/∂b₁‖ / ‖∂y_L/∂b_L‖)^(1/(L−1)): the factor by which, on geometric average, each layer
   * shrinks (below 1) or grows the gradient on its way down. ‖∂y_L/∂b_L‖ = 1. Null when ∂y_L/∂b₁ is
   * 0 or overflowed.
   */
  perLayer: number | null;
  /** Share of hidden units whose σ′(ỹ) is below a tenth of σ′'s peak (saturated, or an inactive ReLU). */
  saturated: number;
  parameters: number;
  /** The network itself (float32 values in 9 digits) when it has at most NETWORK_LIMIT parameters, else null. */
  network: MlpNetwork | null;
  /** What went wrong numerically (float32 overflow), for the reader. */
  warnings: string[];
}

export const NETWORK_LIMIT = 10_000;
const BINS = 40;

const norm = (v: Float32Array): number => {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
};

/** Bins of equal width over [−R, R], R the largest |ỹ| rounded up to an integer (at least 1). */
export function histogramOf(values: { v: number; chosen: boolean }[]): HistogramBin[] {
  const finite = values.filter((p) => Number.isFinite(p.v));
  const R = Math.max(1, Math.ceil(Math.max(0, ...finite.map((p) => Math.abs(p.v)))));
  const w = (2 * R) / BINS;
  const bins = Array.from({ length: BINS }, (_, k) => ({ x0: -R + k * w, x1: -R + (k + 1) * w, count: 0, chosen: 0 }));
  for (const p of finite) {
    const bin = bins[Math.min(BINS - 1, Math.floor((p.v + R) / w))]!;
    bin.count++;
    if (p.chosen) bin.chosen++;
  }
  return bins;
}

export const vanishingLogic: DemoLogic<VanishingParams, VanishingResult> = {
  schema: vanishingSchema,
  plan(s) {
    return [{ spec: vanishingModel(layerSizes(s.depth, s.width), s.act), feeds: networkFeeds(vanishingNetwork(s)) }];
  },
  finish(s, [out]) {
    const sizes = layerSizes(s.depth, s.width);
    const L = s.depth;
    const tensor = (name: string) => {
      const t = out![name];
      if (!t) throw new Error(`vanishing: the model returned no ${name}`);
      return t.data;
    };
    const warnings: string[] = [];
    const pre: { v: number; chosen: boolean }[] = [];
    const layers = Array.from({ length: L }, (_, k): VanishingLayer => {
      const i = k + 1;
      const chosen = isChosen(s, i);
      const finite = (v: number) => (Number.isFinite(v) ? v : null);
      let meanSlope = 1;
      if (i < L) {
        const z = tensor(`pre${i}`);
        let sum = 0;
        for (const v of z) {
          pre.push({ v, chosen });
          sum += slope(s.act, v);
        }
        meanSlope = sum / z.length;
      }
      return { layer: i, gradA: finite(norm(tensor(`dA${i}`))), gradB: finite(norm(tensor(`db${i}`))), meanSlope, chosen };
    });
    const bad = layers.filter((l) => l.gradA === null || l.gradB === null).map((l) => l.layer);
    if (bad.length) warnings.push(`The gradients of layer${bad.length > 1 ? 's' : ''} ${bad.join(', ')} overflowed float32 (exploding, not vanishing): no norm is shown for them.`);
    const hidden = pre.filter((p) => Number.isFinite(p.v));
    const flat = hidden.filter((p) => slope(s.act, p.v) < 0.1 * peakSlope(s.act)).length;
    const parameters = parameterCount(sizes);
    const first = layers[0]!.gradB;
    const top = layers[L - 1]!.gradB;
    return {
      output: tensor('out')[0]!,
      layers,
      perLayer: first && top ? (first / top) ** (1 / (L - 1)) : null,
      histogram: histogramOf(pre),
      saturated: hidden.length ? flat / hidden.length : 0,
      parameters,
      network: parameters <= NETWORK_LIMIT ? compactNetwork(vanishingNetwork(s)) : null,
      warnings,
    };
  },
};
