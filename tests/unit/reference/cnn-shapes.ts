// Independent references for the shapes demo, written from the definitions without the site's code:
// output sizes by counting window positions, receptive fields by following index sets back to the
// input, and a multi-channel cross-correlation with circular padding evaluated loop by loop.

export type RefLayer =
  | { kind: 'conv'; k: number; f: number; s: number; p: number }
  | { kind: 'pool'; k: number; s: number }
  | { kind: 'relu' };

/** Number of window starts t·s (t = 0, 1, …) with the window inside the padded input: counted, not computed by formula. */
export function countWindows(n: number, k: number, s: number, p: number): number {
  let count = 0;
  for (let start = 0; start + k <= n + 2 * p; start += s) count++;
  return count;
}

/** Input positions (one axis, unbounded plane) that output position `i` of the last layer depends on. */
export function dependencySet(layers: RefLayer[], i: number): Set<number> {
  let set = new Set([i]);
  for (const l of [...layers].reverse()) {
    if (l.kind === 'relu') continue;
    const pad = l.kind === 'conv' ? l.p : 0;
    const next = new Set<number>();
    for (const o of set) for (let t = 0; t < l.k; t++) next.add(o * l.s - pad + t);
    set = next;
  }
  return set;
}

/**
 * Receptive field along one axis: the extent (first to last input position) of the dependency set
 * of a neuron far from any border. With a stride larger than a kernel the set has holes; the
 * extent still counts them, as the usual recurrence does.
 */
export function bruteForceRf(layers: RefLayer[]): { extent: number; holes: boolean } {
  const set = dependencySet(layers, 1000);
  const values = [...set];
  const extent = Math.max(...values) - Math.min(...values) + 1;
  return { extent, holes: extent !== set.size };
}

/**
 * y[f][i][j] = b[f] + sum_{c,a,b} w[f][c][a][b] · x[c][(i·s + a − p) mod H][(j·s + b − p) mod W]:
 * a CNN layer (no kernel flip) on the image wrapped around a torus.
 */
export function circularCorrelation(x: number[][][], w: number[][][][], bias: number[], s: number, p: number): number[][][] {
  const H = x[0]!.length;
  const W = x[0]![0]!.length;
  const k = w[0]![0]!.length;
  const mod = (a: number, n: number) => ((a % n) + n) % n;
  const oh = Math.floor((H + 2 * p - k) / s) + 1;
  const ow = Math.floor((W + 2 * p - k) / s) + 1;
  return w.map((wf, f) =>
    Array.from({ length: oh }, (_, i) =>
      Array.from({ length: ow }, (_, j) => {
        let sum = bias[f]!;
        for (let c = 0; c < x.length; c++)
          for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sum += wf[c]![a]![b]! * x[c]![mod(i * s + a - p, H)]![mod(j * s + b - p, W)]!;
        return sum;
      }),
    ),
  );
}

/** The same layer on the torus itself: k − 1 wrapped rows and columns before the image, none after, so the size is kept. */
export function torusCorrelation(x: number[][][], w: number[][][][], bias: number[]): number[][][] {
  const H = x[0]!.length;
  const W = x[0]![0]!.length;
  const k = w[0]![0]!.length;
  const mod = (a: number, n: number) => ((a % n) + n) % n;
  return w.map((wf, f) =>
    Array.from({ length: H }, (_, i) =>
      Array.from({ length: W }, (_, j) => {
        let sum = bias[f]!;
        for (let c = 0; c < x.length; c++)
          for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sum += wf[c]![a]![b]! * x[c]![mod(i + a - (k - 1), H)]![mod(j + b - (k - 1), W)]!;
        return sum;
      }),
    ),
  );
}

export const relu3 = (t: number[][][]) => t.map((ch) => ch.map((row) => row.map((v) => Math.max(0, v))));
export const channelMeans = (t: number[][][]) => t.map((ch) => ch.flat().reduce((a, b) => a + b, 0) / ch.flat().length);
