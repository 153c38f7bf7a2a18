import type { DemoLogic } from '../common/demo-logic';
import { cleanZero } from '../common/demo-logic';
import type { Matrix } from '../common/matrix-text';
import type { Outputs } from '../../onnx/model-spec';
import { sampleGaussian } from './batchnorm-gaussian';
import { batchnormModel } from './batchnorm-model';
import { batchnormSchema, gaussianSetup, type BatchnormParams } from './batchnorm-schema';

/** Sample statistics of a batch, biased (1/n) like batch norm's own. */
export interface BatchStats {
  mean: number[];
  cov: Matrix;
  std: number[];
  corr: Matrix;
}

export interface BatchnormResult {
  /** Of the samples x. */
  before: BatchStats;
  /** Of y = BN(x). */
  after: BatchStats;
  /** The first pointsShown(dims) rows of x and y (5 significant digits), for the picture. */
  points: { before: Matrix; after: Matrix };
}

/**
 * Rows of the batch drawn (and carried in the result). A histogram bins them, so 1-D draws 1000;
 * a 2-D scatter is one SVG circle a point, and 1000 of them in the two panels, drawn twice (the
 * wide and the narrow build drawing), were most of a phone's layout time on these pages, so 2-D
 * draws 400, still enough to see the cloud's shape against its ellipses.
 */
export const pointsShown = (dims: number): number => (dims === 1 ? 1000 : 400);

const short = (v: number) => cleanZero(Number(v.toPrecision(5)));

function statsOf(out: Outputs, prefix: string, d: number): BatchStats {
  const vec = (name: string) => Array.from(out[`${prefix}_${name}`]!.data, cleanZero);
  const mat = (name: string) => {
    const v = vec(name);
    return Array.from({ length: d }, (_, i) => v.slice(i * d, (i + 1) * d));
  };
  return { mean: vec('mean'), cov: mat('cov'), std: vec('std'), corr: mat('corr') };
}

function rows(data: Float32Array, n: number, d: number): Matrix {
  const count = Math.min(n, pointsShown(d));
  return Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d), short));
}

export const batchnormLogic: DemoLogic<BatchnormParams, BatchnormResult> = {
  schema: batchnormSchema,
  plan(s) {
    const g = gaussianSetup(s);
    const d = s.dims;
    return [
      {
        spec: batchnormModel(s.n, d, s.eps),
        feeds: {
          x: { data: sampleGaussian(s.seed, s.n, g.mu, g.cov), dims: [s.n, d] },
          gamma: { data: Float32Array.from(g.gamma), dims: [d] },
          beta: { data: Float32Array.from(g.beta), dims: [d] },
        },
      },
    ];
  },
  finish(s, [out]) {
    const d = s.dims;
    const y = out!['y'];
    if (!y || y.data.length !== s.n * d) throw new Error(`batchnorm: the model returned ${y ? y.data.length : 'no'} entries of y, expected ${s.n * d}`);
    const g = gaussianSetup(s);
    return {
      before: statsOf(out!, 'before', d),
      after: statsOf(out!, 'after', d),
      points: { before: rows(sampleGaussian(s.seed, Math.min(s.n, pointsShown(d)), g.mu, g.cov), s.n, d), after: rows(y.data, s.n, d) },
    };
  },
};
