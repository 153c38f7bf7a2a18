/**
 * The dropout-real network in plain JavaScript loops, in float64: forward pass, backward pass by
 * the chain rule written out index by index (no transposed convolutions, no reshaping tricks), and
 * one SGD-with-momentum step. An independent check of the ONNX training graph.
 */

export interface Net {
  side: number;
  c1: number;
  c2: number;
  classes: number;
}

export type Params = Record<'w1' | 'b1' | 'w2' | 'b2' | 'fc' | 'fb', Float64Array>;

interface Tensor {
  data: Float64Array;
  c: number;
  h: number;
  w: number;
}

/** 3x3 convolution with padding 1 (cross-correlation) of one image [c, h, w]. */
function conv3(x: Tensor, w: Float64Array, b: Float64Array, out: number): Tensor {
  const y = new Float64Array(out * x.h * x.w);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < x.h; i++) {
      for (let j = 0; j < x.w; j++) {
        let s = b[o]!;
        for (let c = 0; c < x.c; c++) {
          for (let u = 0; u < 3; u++) {
            for (let v = 0; v < 3; v++) {
              const r = i + u - 1;
              const q = j + v - 1;
              if (r >= 0 && r < x.h && q >= 0 && q < x.w) s += x.data[(c * x.h + r) * x.w + q]! * w[((o * x.c + c) * 3 + u) * 3 + v]!;
            }
          }
        }
        y[(o * x.h + i) * x.w + j] = s;
      }
    }
  }
  return { data: y, c: out, h: x.h, w: x.w };
}

function pool2(x: Tensor): Tensor {
  const h = x.h / 2;
  const w = x.w / 2;
  const y = new Float64Array(x.c * h * w);
  for (let c = 0; c < x.c; c++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let m = -Infinity;
        for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) m = Math.max(m, x.data[(c * x.h + 2 * i + u) * x.w + 2 * j + v]!);
        y[(c * h + i) * w + j] = m;
      }
    }
  }
  return { data: y, c: x.c, h, w };
}

interface Trace {
  x: Tensor;
  a1: Tensor;
  p1: Tensor;
  h1: Tensor;
  a2: Tensor;
  p2: Tensor;
  h2: Tensor;
  logits: Float64Array;
}

function forward(net: Net, p: Params, image: ArrayLike<number>, m1?: ArrayLike<number>, m2?: ArrayLike<number>): Trace {
  const x: Tensor = { data: Float64Array.from(image), c: 1, h: net.side, w: net.side };
  const a1 = conv3(x, p.w1, p.b1, net.c1);
  const p1 = pool2(a1);
  const h1 = { ...p1, data: p1.data.map((v, k) => Math.max(v, 0) * (m1 ? m1[k]! : 1)) };
  const a2 = conv3(h1, p.w2, p.b2, net.c2);
  const p2 = pool2(a2);
  const h2 = { ...p2, data: p2.data.map((v, k) => Math.max(v, 0) * (m2 ? m2[k]! : 1)) };
  const logits = new Float64Array(net.classes);
  for (let k = 0; k < net.classes; k++) {
    let s = p.fb[k]!;
    for (let f = 0; f < h2.data.length; f++) s += h2.data[f]! * p.fc[f * net.classes + k]!;
    logits[k] = s;
  }
  return { x, a1, p1, h1, a2, p2, h2, logits };
}

/** The class with the largest logit of each image, without dropout. */
export function predict(net: Net, p: Params, images: Float32Array, count: number): number[] {
  const n = net.side * net.side;
  return Array.from({ length: count }, (_, i) => {
    const { logits } = forward(net, p, images.subarray(i * n, (i + 1) * n));
    return logits.indexOf(Math.max(...logits));
  });
}

/** dL/d(pool input) for 2x2 max pooling: each window's gradient split among its maxima. */
function unpool2(x: Tensor, y: Tensor, dY: Float64Array): Float64Array {
  const dX = new Float64Array(x.data.length);
  for (let c = 0; c < x.c; c++) {
    for (let i = 0; i < y.h; i++) {
      for (let j = 0; j < y.w; j++) {
        const m = y.data[(c * y.h + i) * y.w + j]!;
        const at: number[] = [];
        for (let u = 0; u < 2; u++) for (let v = 0; v < 2; v++) if (x.data[(c * x.h + 2 * i + u) * x.w + 2 * j + v] === m) at.push((c * x.h + 2 * i + u) * x.w + 2 * j + v);
        for (const k of at) dX[k] = dY[(c * y.h + i) * y.w + j]! / at.length;
      }
    }
  }
  return dX;
}

/** Adds the gradients of a 3x3 padded convolution to dW, dB; returns dX (if wanted). */
function convBack(x: Tensor, w: Float64Array, dY: Float64Array, out: number, dW: Float64Array, dB: Float64Array, wantX: boolean): Float64Array {
  const dX = new Float64Array(x.data.length);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < x.h; i++) {
      for (let j = 0; j < x.w; j++) {
        const g = dY[(o * x.h + i) * x.w + j]!;
        dB[o]! += g;
        for (let c = 0; c < x.c; c++) {
          for (let u = 0; u < 3; u++) {
            for (let v = 0; v < 3; v++) {
              const r = i + u - 1;
              const q = j + v - 1;
              if (r < 0 || r >= x.h || q < 0 || q >= x.w) continue;
              const xi = (c * x.h + r) * x.w + q;
              const wi = ((o * x.c + c) * 3 + u) * 3 + v;
              dW[wi]! += g * x.data[xi]!;
              if (wantX) dX[xi]! += g * w[wi]!;
            }
          }
        }
      }
    }
  }
  return dX;
}

/**
 * Mean cross-entropy gradient over a minibatch, then one step of SGD with momentum from zero
 * velocity (v = g, θ ← θ − lr·v). Masks are per image, flattened [c, h, w], already scaled.
 */
export function sgdStep(
  net: Net,
  p: Params,
  batch: { images: Float32Array; labels: number[]; m1?: Float32Array; m2?: Float32Array },
  lr: number,
): { params: Params; loss: number } {
  const n = batch.labels.length;
  const px = net.side * net.side;
  const grads = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, new Float64Array(v.length)])) as Params;
  const s1 = net.c1 * (net.side / 2) ** 2;
  const s2 = net.c2 * (net.side / 4) ** 2;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const m1 = batch.m1?.subarray(i * s1, (i + 1) * s1);
    const m2 = batch.m2?.subarray(i * s2, (i + 1) * s2);
    const t = forward(net, p, batch.images.subarray(i * px, (i + 1) * px), m1, m2);
    const max = Math.max(...t.logits);
    const exps = t.logits.map((z) => Math.exp(z - max));
    const total = exps.reduce((a, b) => a + b, 0);
    const y = batch.labels[i]!;
    loss += -(t.logits[y]! - max - Math.log(total)) / n;
    const dLogits = exps.map((e, k) => (e / total - (k === y ? 1 : 0)) / n);
    const dH2 = new Float64Array(t.h2.data.length);
    for (let f = 0; f < t.h2.data.length; f++) {
      for (let k = 0; k < net.classes; k++) {
        grads.fc[f * net.classes + k]! += t.h2.data[f]! * dLogits[k]!;
        dH2[f]! += p.fc[f * net.classes + k]! * dLogits[k]!;
      }
    }
    for (let k = 0; k < net.classes; k++) grads.fb[k]! += dLogits[k]!;
    const dP2 = dH2.map((g, f) => (t.p2.data[f]! > 0 ? g * (m2 ? m2[f]! : 1) : 0));
    const dA2 = unpool2(t.a2, t.p2, dP2);
    const dH1 = convBack(t.h1, p.w2, dA2, net.c2, grads.w2, grads.b2, true);
    const dP1 = dH1.map((g, f) => (t.p1.data[f]! > 0 ? g * (m1 ? m1[f]! : 1) : 0));
    const dA1 = unpool2(t.a1, t.p1, dP1);
    convBack(t.x, p.w1, dA1, net.c1, grads.w1, grads.b1, false);
  }
  const params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.map((x, i) => x - lr * grads[k as keyof Params][i]!)])) as Params;
  return { params, loss };
}
