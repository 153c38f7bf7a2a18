/**
 * The memorization network's forward pass in plain JavaScript loops, in float64, written from its
 * description (three 3×3 convolutions with padding 1 and ReLU, 2×2 max pooling after the first
 * and the third, dense 288 → 128 → ReLU → 10), independent of the ONNX graph and its ops.
 */

export interface Weights {
  w1: ArrayLike<number>;
  b1: ArrayLike<number>;
  w2: ArrayLike<number>;
  b2: ArrayLike<number>;
  w3: ArrayLike<number>;
  b3: ArrayLike<number>;
  /** Dense weights [in, out], row-major. */
  fc1: ArrayLike<number>;
  fb1: ArrayLike<number>;
  fc2: ArrayLike<number>;
  fb2: ArrayLike<number>;
}

interface Maps {
  data: Float64Array;
  c: number;
  side: number;
}

function convRelu(x: Maps, w: ArrayLike<number>, b: ArrayLike<number>, out: number): Maps {
  const n = x.side;
  const y = new Float64Array(out * n * n);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = b[o]!;
        for (let c = 0; c < x.c; c++) {
          for (let u = -1; u <= 1; u++) {
            for (let v = -1; v <= 1; v++) {
              const r = i + u;
              const q = j + v;
              if (r < 0 || r >= n || q < 0 || q >= n) continue;
              s += x.data[(c * n + r) * n + q]! * w[((o * x.c + c) * 3 + u + 1) * 3 + v + 1]!;
            }
          }
        }
        y[(o * n + i) * n + j] = Math.max(0, s);
      }
    }
  }
  return { data: y, c: out, side: n };
}

function pool(x: Maps): Maps {
  const h = x.side / 2;
  const y = new Float64Array(x.c * h * h);
  for (let c = 0; c < x.c; c++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < h; j++) {
        let m = -Infinity;
        for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) m = Math.max(m, x.data[(c * x.side + 2 * i + u) * x.side + 2 * j + v]!);
        y[(c * h + i) * h + j] = m;
      }
    }
  }
  return { data: y, c: x.c, side: h };
}

function dense(x: Float64Array, w: ArrayLike<number>, b: ArrayLike<number>, out: number, relu: boolean): Float64Array {
  const y = new Float64Array(out);
  for (let o = 0; o < out; o++) {
    let s = b[o]!;
    for (let i = 0; i < x.length; i++) s += x[i]! * w[i * out + o]!;
    y[o] = relu ? Math.max(0, s) : s;
  }
  return y;
}

/** The 10 logits of one 12×12 image (values in [0, 1], row by row). */
export function logits(p: Weights, image: ArrayLike<number>, side = 12): Float64Array {
  let h: Maps = { data: Float64Array.from(image), c: 1, side };
  h = pool(convRelu(h, p.w1, p.b1, 8));
  h = convRelu(h, p.w2, p.b2, 16);
  h = pool(convRelu(h, p.w3, p.b3, 32));
  // Channel-major flattening, as torch.flatten of [c, h, w].
  return dense(dense(h.data, p.fc1, p.fb1, 128, true), p.fc2, p.fb2, 10, false);
}

/** −log softmax(z)[label]. */
export function crossEntropy(z: Float64Array, label: number): number {
  const m = Math.max(...z);
  const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
  return lse - z[label]!;
}

export const argmax = (z: ArrayLike<number>) => Array.prototype.indexOf.call(z, Math.max(...Array.from(z)));
