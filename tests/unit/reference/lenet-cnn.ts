/**
 * LeNet-5 as the lenet demo describes it, in plain float64 loops over a whole batch, written from
 * the description (independent of the ONNX graph and its ops): conv 1→6 5×5 pad 2 → [BN] → act →
 * max pool 2 → conv 6→16 5×5 → [BN] → act → max pool 2 → FC 400→120 → [BN] → act → FC 120→84 →
 * [BN] → act → FC 84→10. Batch norm in training mode uses the batch's mean and biased variance
 * (and reports them); in inference mode the running statistics given.
 */

export type Tensors = Record<string, ArrayLike<number>>;

export interface ReferenceOptions {
  bn: boolean;
  act: 'relu' | 'swish';
  mode: 'train' | 'eval';
  eps?: number;
  /** Inverted-dropout masks (already scaled) on the 400 flattened features and the 120 hidden units, row by row. */
  masks?: { m1: ArrayLike<number>; m2: ArrayLike<number> };
}

/** Per batch-norm layer, the batch mean and biased variance of each channel (training mode). */
export type BatchStats = Record<string, { mean: number[]; variance: number[] }>;

/** A batch of feature maps: n × c × side × side, or n × c for dense features (side 1). */
interface Batch {
  n: number;
  c: number;
  side: number;
  data: Float64Array;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const activation = (kind: ReferenceOptions['act']) => (kind === 'relu' ? (x: number) => Math.max(0, x) : (x: number) => x * sigmoid(x));

function conv(x: Batch, w: ArrayLike<number>, b: ArrayLike<number>, out: number, k: number, pad: number): Batch {
  const side = x.side + 2 * pad - k + 1;
  const y = new Float64Array(x.n * out * side * side);
  for (let n = 0; n < x.n; n++) {
    for (let o = 0; o < out; o++) {
      for (let i = 0; i < side; i++) {
        for (let j = 0; j < side; j++) {
          let s = b[o]!;
          for (let c = 0; c < x.c; c++) {
            for (let u = 0; u < k; u++) {
              const r = i + u - pad;
              if (r < 0 || r >= x.side) continue;
              for (let v = 0; v < k; v++) {
                const q = j + v - pad;
                if (q < 0 || q >= x.side) continue;
                s += x.data[((n * x.c + c) * x.side + r) * x.side + q]! * w[((o * x.c + c) * k + u) * k + v]!;
              }
            }
          }
          y[((n * out + o) * side + i) * side + j] = s;
        }
      }
    }
  }
  return { n: x.n, c: out, side, data: y };
}

function pool(x: Batch): Batch {
  const h = x.side / 2;
  const y = new Float64Array(x.n * x.c * h * h);
  for (let nc = 0; nc < x.n * x.c; nc++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < h; j++) {
        let m = -Infinity;
        for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) m = Math.max(m, x.data[(nc * x.side + 2 * i + u) * x.side + 2 * j + v]!);
        y[(nc * h + i) * h + j] = m;
      }
    }
  }
  return { ...x, side: h, data: y };
}

/** Dense layer on flattened features: w is [in, out] row-major. */
function dense(x: Batch, w: ArrayLike<number>, b: ArrayLike<number>, out: number): Batch {
  const features = x.c * x.side * x.side;
  const y = new Float64Array(x.n * out);
  for (let n = 0; n < x.n; n++) {
    for (let o = 0; o < out; o++) {
      let s = b[o]!;
      for (let i = 0; i < features; i++) s += x.data[n * features + i]! * w[i * out + o]!;
      y[n * out + o] = s;
    }
  }
  return { n: x.n, c: out, side: 1, data: y };
}

function batchNorm(x: Batch, p: Tensors, layer: string, o: ReferenceOptions, stats: BatchStats): Batch {
  const eps = o.eps ?? 1e-5;
  const area = x.side * x.side;
  const y = new Float64Array(x.data.length);
  const mean: number[] = [];
  const variance: number[] = [];
  for (let c = 0; c < x.c; c++) {
    let mu: number;
    let v: number;
    if (o.mode === 'train') {
      let s = 0;
      for (let n = 0; n < x.n; n++) for (let a = 0; a < area; a++) s += x.data[(n * x.c + c) * area + a]!;
      mu = s / (x.n * area);
      let q = 0;
      for (let n = 0; n < x.n; n++) for (let a = 0; a < area; a++) q += (x.data[(n * x.c + c) * area + a]! - mu) ** 2;
      v = q / (x.n * area);
    } else {
      mu = p[`${layer}_mean`]![c]!;
      v = p[`${layer}_var`]![c]!;
    }
    mean.push(mu);
    variance.push(v);
    const scale = p[`${layer}_g`]![c]! / Math.sqrt(v + eps);
    for (let n = 0; n < x.n; n++) for (let a = 0; a < area; a++) {
      const i = (n * x.c + c) * area + a;
      y[i] = (x.data[i]! - mu) * scale + p[`${layer}_b`]![c]!;
    }
  }
  stats[layer] = { mean, variance };
  return { ...x, data: y };
}

const map = (x: Batch, f: (v: number) => number): Batch => ({ ...x, data: x.data.map(f) });

/** The logits [n][10] of n 28×28 images (already normalized), and the batch statistics. */
export function lenetReference(p: Tensors, images: ArrayLike<number>, n: number, o: ReferenceOptions): { logits: number[][]; stats: BatchStats } {
  const act = activation(o.act);
  const stats: BatchStats = {};
  const norm = (x: Batch, layer: string) => (o.bn ? batchNorm(x, p, layer, o, stats) : x);
  let h: Batch = { n, c: 1, side: 28, data: Float64Array.from(images) };
  h = pool(map(norm(conv(h, p['conv1_w']!, p['conv1_b']!, 6, 5, 2), 'bn1'), act));
  h = pool(map(norm(conv(h, p['conv2_w']!, p['conv2_b']!, 16, 5, 0), 'bn2'), act));
  const drop = (x: Batch, m: ArrayLike<number> | undefined): Batch => (m ? { ...x, data: x.data.map((v, i) => v * m[i]!) } : x);
  h = drop(h, o.masks?.m1);
  h = map(norm(dense(h, p['fc1_w']!, p['fc1_b']!, 120), 'bn3'), act);
  h = drop(h, o.masks?.m2);
  h = map(norm(dense(h, p['fc2_w']!, p['fc2_b']!, 84), 'bn4'), act);
  h = dense(h, p['fc3_w']!, p['fc3_b']!, 10);
  return { logits: Array.from({ length: n }, (_, i) => Array.from(h.data.subarray(i * 10, (i + 1) * 10))), stats };
}

/** Mean cross-entropy of logits rows against labels, with log-sum-exp in float64. */
export function meanCrossEntropy(logits: number[][], labels: ArrayLike<number>): number {
  let sum = 0;
  logits.forEach((z, i) => {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
    sum += lse - z[labels[i]!]!;
  });
  return sum / logits.length;
}

/** Rows whose label's logit is strictly above the other nine. */
export function countCorrect(logits: number[][], labels: ArrayLike<number>): number {
  return logits.filter((z, i) => z.every((v, c) => c === labels[i] || v < z[labels[i]!]!)).length;
}
