import type { DemoLogic } from '../common/demo-logic';
import { cleanZero } from '../common/demo-logic';
import type { Matrix } from '../common/matrix-text';
import type { Outputs } from '../../onnx/model-spec';
import { centralDifferences, lossStep, maxRelativeError } from './mlp-finite-differences';
import { mlpBackpropModel } from './mlp-backprop-model';
import { mlpBackpropNetwork, type MlpBackpropNetwork } from './mlp-backprop-network';
import { mlpBackpropSchema, type MlpBackpropParams } from './mlp-backprop-schema';
import { compactNetwork, float32Text, layerSizes, networkFeeds, parameterCount } from './mlp-network';

export interface LayerErrors {
  /** ℓ, counted from 1 as in the homework. */
  layer: number;
  /** Largest relative error of dA_ℓ and of db_ℓ against float64 central differences. */
  dA: number;
  db: number;
  /** Largest relative error of dA_ℓ and db_ℓ together against the training tape's gradients. */
  tape: number;
}

export interface MlpBackpropResult {
  /** ½(y_L − Y)². */
  loss: number;
  /** y_L. */
  output: number;
  /** dA[ℓ − 1] = ∂loss/∂A_ℓ (n_ℓ × n_{ℓ−1}), by the backward recursion. */
  dA: Matrix[];
  /** db[ℓ − 1] = ∂loss/∂b_ℓ (n_ℓ entries). */
  db: number[][];
  /** Largest relative error of any entry of any dA_ℓ, db_ℓ against the finite differences (see maxRelativeError). */
  maxRelError: number;
  /** The same against the training tape's gradients. */
  tapeMaxRelError: number;
  errors: LayerErrors[];
  /** Σ n_ℓ (n_{ℓ−1} + 1): the entries of every A_ℓ and b_ℓ, each differenced twice. */
  parameters: number;
  /** The float32 values the graph ran on, in 9 significant digits (float32Text: exact as float32). */
  network: MlpBackpropNetwork;
}

const asMatrix = (t: { data: Float32Array }, rows: number, cols: number): Matrix =>
  Array.from({ length: rows }, (_, r) => Array.from(t.data.subarray(r * cols, (r + 1) * cols), cleanZero));
const asVector = (t: { data: Float32Array }): number[] => Array.from(t.data, cleanZero);

function gradientsOf(out: Outputs, sizes: readonly number[], prefix: string): { dA: Matrix[]; db: number[][] } {
  const L = sizes.length - 1;
  const tensor = (name: string) => {
    const t = out[`${prefix}${name}`];
    if (!t) throw new Error(`mlp-backprop: the model returned no ${prefix}${name}`);
    return t;
  };
  return {
    dA: Array.from({ length: L }, (_, i) => asMatrix(tensor(`dA${i + 1}`), sizes[i + 1]!, sizes[i]!)),
    db: Array.from({ length: L }, (_, i) => asVector(tensor(`db${i + 1}`))),
  };
}

export const mlpBackpropLogic: DemoLogic<MlpBackpropParams, MlpBackpropResult> = {
  schema: mlpBackpropSchema,
  plan(s) {
    const net = mlpBackpropNetwork(s.seed, s.layers, s.width);
    return [
      {
        spec: mlpBackpropModel(s.layers, s.width, s.act),
        feeds: { ...networkFeeds(net), Y: { data: Float32Array.of(net.Y), dims: [1, 1] } },
      },
    ];
  },
  finish(s, [out]) {
    const sizes = layerSizes(s.layers, s.width);
    const network = mlpBackpropNetwork(s.seed, s.layers, s.width);
    const mine = gradientsOf(out!, sizes, '');
    const tape = gradientsOf(out!, sizes, 'tape_');
    const fd = centralDifferences(network, s.act, lossStep(network.Y));
    const errors = mine.dA.map((dA, i) => ({
      layer: i + 1,
      dA: maxRelativeError(dA.flat(), fd.dA[i]!.flat()),
      db: maxRelativeError(mine.db[i]!, fd.db[i]!),
      tape: maxRelativeError([...dA.flat(), ...mine.db[i]!], [...tape.dA[i]!.flat(), ...tape.db[i]!]),
    }));
    return {
      loss: out!['loss']!.data[0]!,
      output: out!['out']!.data[0]!,
      dA: mine.dA,
      db: mine.db,
      maxRelError: Math.max(...errors.map((e) => Math.max(e.dA, e.db))),
      tapeMaxRelError: Math.max(...errors.map((e) => e.tape)),
      errors,
      parameters: parameterCount(sizes),
      network: { ...compactNetwork(network), Y: float32Text(network.Y) },
    };
  },
};
