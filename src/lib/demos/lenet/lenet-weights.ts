/**
 * What the weight histograms show: how the magnitudes |w| of the convolution and FC weights
 * (biases and batch-norm parameters left out) spread over the decades. An L1 penalty piles
 * weights up just above 0 (SGD's subgradient step makes them hover around 0 instead of landing
 * on it), which a histogram of w itself would hide inside its middle bin.
 */

/** |w| below this counts as "near zero". */
export const NEAR_ZERO = 1e-3;
/** Bins of log₁₀|w|: quarter decades from 10⁻⁶ to 10⁰, plus one below and one above. */
export const BINS_PER_DECADE = 4;
export const LOWEST_DECADE = -6;
export const HIGHEST_DECADE = 0;

export interface HistogramBin {
  /** The bin holds weights with from ≤ |w| < to; the first bin starts at 0, the last has no upper end (to: null). */
  from: number;
  to: number | null;
  count: number;
}

export interface WeightSummary {
  /** Weights counted: every entry of the five weight tensors. */
  count: number;
  /** Share of them with |w| < NEAR_ZERO. */
  nearZero: number;
  /** Entries that are NaN or infinite (a diverged run); they are in no bin. */
  nonFinite: number;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));
const edge = (k: number) => Number((10 ** (LOWEST_DECADE + k / BINS_PER_DECADE)).toPrecision(6));

/** The bins' edges: [0, 10⁻⁶), [10⁻⁶, 10^−5.75), …, [10^−0.25, 1), [1, ∞). */
export function emptyHistogram(): HistogramBin[] {
  const inner = (HIGHEST_DECADE - LOWEST_DECADE) * BINS_PER_DECADE;
  const bins: HistogramBin[] = [{ from: 0, to: edge(0), count: 0 }];
  for (let k = 0; k < inner; k++) bins.push({ from: edge(k), to: edge(k + 1), count: 0 });
  bins.push({ from: edge(inner), to: null, count: 0 });
  return bins;
}

export function weightHistogram(tensors: readonly Float32Array[]): { weights: WeightSummary; histogram: HistogramBin[] } {
  const bins = emptyHistogram();
  const inner = bins.length - 2;
  let count = 0;
  let near = 0;
  let nonFinite = 0;
  for (const t of tensors) {
    for (const w of t) {
      count++;
      if (!Number.isFinite(w)) {
        nonFinite++;
        continue;
      }
      const a = Math.abs(w);
      if (a < NEAR_ZERO) near++;
      // The bin from the bins' own edges (not from a logarithm's rounding), so from ≤ |w| < to holds exactly.
      let k = a < bins[0]!.to! ? 0 : Math.min(inner + 1, 1 + Math.floor((Math.log10(a) - LOWEST_DECADE) * BINS_PER_DECADE));
      while (k > 0 && a < bins[k]!.from) k--;
      while (k < inner + 1 && a >= bins[k]!.to!) k++;
      bins[k]!.count++;
    }
  }
  return { weights: { count, nearZero: round(near / count, 6), nonFinite }, histogram: bins };
}
