/**
 * The TensorFlow.js peer of the `edges` demo's CNN, for `npm run bench -- edges` only (bundled by
 * esbuild at bench time and injected into the demo's page; the site never imports it).
 *
 * It trains the network of `models=cnn` (reflect pad → conv 1→3 → ReLU → max pool 2 → reflect
 * pad → conv 3→3 → ReLU → global average pool → linear 3→classes, softmax cross-entropy, SGD with
 * momentum 0.9 in PyTorch's form) on the images, initial weights and minibatch order the demo
 * uses — they come from the site's own pure code, parsed from the same query string — and, like
 * the demo's unrolled graphs, evaluates both sets after every call of `stepsPerCall` steps.
 *
 * Two things in TensorFlow.js 4.22 are replaced so that it trains this network at all, and the
 * same one: its WASM backend has no Conv2DBackpropFilter kernel (tensorflow/tfjs#8474), so one is
 * registered here, built from the backend's own Transpose and Conv2D kernels; and its MirrorPad
 * gradient drops the border's share (see mirrorPadGrad), so reflect padding trains as if the
 * border were zeros — a correct one, made of TF.js ops, replaces it. Both are checked in setup().
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { SIDE } from '../../src/lib/demos/edges/edge-images';
import { batchOf, epochOrder, initialWeights } from '../../src/lib/demos/edges/edges-feeds';
import { edgeData, scheduleOf } from '../../src/lib/demos/edges/edges-logic';
import { batchSize, edgesSchema, stepsPerEpoch } from '../../src/lib/demos/edges/edges-schema';
import { samePads } from '../../src/lib/onnx/training/padding-ops';

type Kernel = (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }) => tf.TensorInfo;

function wasmKernel(name: string): Kernel {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`tfjs-backend-wasm has no ${name} kernel`);
  return k.kernelFunc as unknown as Kernel;
}

/**
 * dW[u,v,ci,co] = Σ_{n,i,j} x_pad[n,i+u,j+v,ci]·dy[n,i,j,co] (stride 1, dilation 1): the
 * convolution of x transposed to [ci, h, w, n] (the batch on the channel axis) with dy transposed
 * to the filter [ho, wo, n, co], padded as the forward pass was, giving [ci, kh, kw, co] →
 * transposed to [kh, kw, ci, co]. The same rule as the site's cnn-ops.ts, in NHWC.
 */
export function registerConv2DBackpropFilter(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (({ inputs, backend, attrs }: Parameters<Kernel>[0]) => {
      const transpose = wasmKernel('Transpose');
      const conv = wasmKernel('Conv2D');
      const x = inputs['x']!;
      const dy = inputs['dy']!;
      const a = attrs as unknown as { strides: [number, number] | number; pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding; dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
      const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
      if (info.dataFormat !== 'channelsLast') throw new Error('Conv2DBackpropFilter (bench): NHWC only');
      if (info.strideHeight !== 1 || info.strideWidth !== 1) throw new Error('Conv2DBackpropFilter (bench): stride 1 only');
      const { top, bottom, left, right } = info.padInfo;
      const xT = transpose({ inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } });
      const dyT = transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } });
      const dWT = conv({
        inputs: { x: xT, filter: dyT },
        backend,
        attrs: { strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined } as unknown as tf.NamedAttrMap,
      });
      const dW = transpose({ inputs: { x: dWT }, backend, attrs: { perm: [1, 2, 0, 3] } });
      const b = backend as { disposeData(id: object): void };
      for (const t of [xT, dyT, dWT]) b.disposeData(t.dataId);
      const want = a.filterShape.join('x');
      if (dW.shape.join('x') !== want) throw new Error(`Conv2DBackpropFilter (bench): got ${dW.shape.join('x')}, want ${want}`);
      return dW;
    }) as unknown as tf.KernelFunc,
  });
}

/**
 * TF.js 4.22's gradient of MirrorPad (tfjs-core gradients/MirrorPad_grad) slices the interior out
 * of dy and drops the gradient of the mirrored border, which is wrong for both modes: each padded
 * entry is a copy of an input entry and must send its gradient back to it. This one adds, per
 * padded axis, the reversed border slices of dy onto the entries they copy: reflect copies
 * x[1 … p] before and x[L−1−p … L−2] after; symmetric x[0 … p−1] and x[L−p … L−1].
 */
function mirrorPadGrad(dy: tf.Tensor, paddings: [number, number][], mode: 'reflect' | 'symmetric'): tf.Tensor {
  let g = dy;
  const off = mode === 'reflect' ? 1 : 0;
  paddings.forEach(([before, after], axis) => {
    if (!before && !after) return;
    const len = g.shape[axis]! - before - after;
    const part = (start: number, size: number) => {
      const begin = g.shape.map((_, i) => (i === axis ? start : 0));
      const sizes = g.shape.map((d, i) => (i === axis ? size : d));
      return tf.slice(g, begin, sizes);
    };
    const at = (t: tf.Tensor, lo: number, hi: number) => tf.pad(t, g.shape.map((_, i) => (i === axis ? [lo, hi] : [0, 0])) as [number, number][]);
    let dx = part(before, len);
    if (before) dx = tf.add(dx, at(tf.reverse(part(0, before), axis), off, len - off - before));
    if (after) dx = tf.add(dx, at(tf.reverse(part(before + len, after), axis), len - off - after, off));
    g = dx;
  });
  return g;
}

function registerMirrorPadGrad(): void {
  tf.registerGradient({
    kernelName: 'MirrorPad',
    inputsToSave: ['x'],
    gradFunc: (dy, _saved, attrs) => {
      const { paddings, mode } = attrs as unknown as { paddings: [number, number][]; mode: 'reflect' | 'symmetric' };
      return { x: () => mirrorPadGrad(dy as tf.Tensor, paddings, mode) };
    },
  });
}

/** Max |difference| of tf.grad through mirrorPad against a plain loop that sums every copy's gradient. */
function checkMirrorPadGrad(): number {
  const [h, w] = [5, 6];
  const pads: [number, number][] = [
    [0, 0],
    [3, 2],
    [1, 4],
    [0, 0],
  ];
  const [ph, pw] = [h + 5, w + 5];
  const r = Float32Array.from({ length: ph * pw }, (_, i) => Math.sin(i * 0.7) + 1.5);
  const got = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.mirrorPad(x as tf.Tensor4D, pads, 'reflect'), tf.tensor4d(r, [1, ph, pw, 1]))))(tf.zeros([1, h, w, 1])).dataSync() as Float32Array);
  const reflect = (i: number, n: number) => (i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
  const want = new Float32Array(h * w);
  for (let i = 0; i < ph; i++) for (let j = 0; j < pw; j++) want[reflect(i - 3, h) * w + reflect(j - 1, w)]! += r[i * pw + j]!;
  return Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]!)));
}

export interface SetupInfo {
  backend: string;
  simd: boolean;
  threads: number;
  multithreadSupported: boolean;
  /** Max |difference| of the registered kernel against tfjs-backend-cpu's on random inputs. */
  backpropFilterCheck: number;
  /** Max |difference| of the replaced MirrorPad gradient against a plain loop. */
  mirrorPadCheck: number;
  /** tf.setBackend('wasm'): fetching and compiling the wasm binary. */
  wasmInitMs: number;
  ms: number;
}

let ready: Promise<SetupInfo> | null = null;

/** Loads the WASM backend (single-threaded, SIMD if the browser has it) and checks the added kernel. */
export function setup(wasmDir: string): Promise<SetupInfo> {
  ready ??= (async () => {
    const t0 = performance.now();
    setWasmPaths(wasmDir);
    setThreadsCount(1);
    // Reference dW from the CPU backend, before switching.
    await tf.setBackend('cpu');
    const shapes = { x: [2, 9, 9, 3], dy: [2, 5, 5, 4], filter: [5, 5, 3, 4] } as const;
    const xs = Float32Array.from({ length: 2 * 9 * 9 * 3 }, (_, i) => Math.sin(i * 0.37));
    const dys = Float32Array.from({ length: 2 * 5 * 5 * 4 }, (_, i) => Math.cos(i * 0.21));
    const ws = Float32Array.from({ length: 5 * 5 * 3 * 4 }, (_, i) => Math.sin(i * 0.13));
    // dW of Σ conv(x, w)·dy is Conv2DBackpropFilter(x, dy).
    const dW = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(xs, [...shapes.x]);
        const dy = tf.tensor4d(dys, [...shapes.dy]);
        return tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, 1, 'valid'), dy)))(tf.tensor4d(ws, [...shapes.filter])).dataSync() as Float32Array;
      });
    const reference = dW().slice();
    registerConv2DBackpropFilter();
    const t1 = performance.now();
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
    await tf.ready();
    const wasmInitMs = performance.now() - t1;
    const ours = dW();
    registerMirrorPadGrad();
    const mirrorPadCheck = checkMirrorPadGrad();
    let diff = 0;
    for (let i = 0; i < ours.length; i++) diff = Math.max(diff, Math.abs(ours[i]! - reference[i]!));
    return {
      backend: tf.getBackend(),
      simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
      threads: getThreadsCount(),
      multithreadSupported: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
      backpropFilterCheck: diff,
      mirrorPadCheck,
      wasmInitMs,
      ms: performance.now() - t0,
    };
  })();
  return ready;
}

export interface TrainResult {
  /** The whole run: data generation, tensors, training, evaluations, reading the results back. */
  ms: number;
  /** Of which generating the images (the site's edgeData), as the demo's plan does too. */
  dataMs: number;
  epochs: number;
  stepsPerEpoch: number;
  batch: number;
  trainImages: number;
  valImages: number;
  /** Session-call equivalents: evaluations of both sets done (one per call, as the demo's graphs). */
  evaluations: number;
  stepsPerCall: number;
  /** Mean training loss of each epoch, final train / validation accuracy. */
  loss: number[];
  /** The loss of every step, for comparing trajectories. */
  stepLoss: number[];
  trainAcc: number;
  valAcc: number;
  valLoss: number;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/** Trains `models=cnn` of the demo state given by `query` (the demo page's own query string). */
export function train(query: string): TrainResult {
  const t0 = performance.now();
  const { state: s, issues } = parseDemoState(edgesSchema, query);
  if (issues.length) throw new Error(issues.map((i) => i.message).join(' '));
  if (s.models.length !== 1 || s.models[0] !== 'cnn') throw new Error(`the TF.js peer trains models=cnn only (got ${s.models.join(',')})`);
  if (s.sweep.length) throw new Error('the TF.js peer does not do sweeps');
  const data = edgeData(s, s.per_class);
  const dataMs = performance.now() - t0;
  const classes = Number(s.classes);
  const n = data.train.count;
  const batch = batchSize(s, n);
  const spe = stepsPerEpoch(s, n);
  const { stepsPerCall } = scheduleOf(spe, s.epochs);
  const totalSteps = spe * s.epochs;
  const cfg = { model: 'cnn' as const, classes, kernel: s.kernel };
  const w0 = initialWeights(s.seed, cfg);
  const k = s.kernel;
  const [pt, pl, pb, pr] = samePads(k);
  const pads: [number, number][] = [
    [0, 0],
    [pt, pb],
    [pl, pr],
    [0, 0],
  ];

  // Weights in TF.js's layouts: convolution filters OIHW → HWIO; the rest as they are.
  // tf.variable keeps its own reference to the initial tensor's data: the tensor itself is disposed.
  const variable = (t: tf.Tensor) => {
    const v = tf.variable(t);
    t.dispose();
    return v;
  };
  const hwio = (name: string) => variable(tf.tidy(() => tf.tensor4d(w0[name]!.data, w0[name]!.dims as [number, number, number, number]).transpose([2, 3, 1, 0])));
  const params: Record<string, tf.Variable> = {
    w1: hwio('w1'),
    b1: variable(tf.tensor1d(w0['b1']!.data)),
    w2: hwio('w2'),
    b2: variable(tf.tensor1d(w0['b2']!.data)),
    fc: variable(tf.tensor2d(w0['fc']!.data, w0['fc']!.dims as [number, number])),
    fb: variable(tf.tensor1d(w0['fb']!.data)),
  };
  const names = Object.keys(params);
  const velocity: Record<string, tf.Variable> = Object.fromEntries(names.map((p) => [p, variable(tf.zeros(params[p]!.shape))]));
  const lr = tf.scalar(s.lr);
  const mu = tf.scalar(0.9);
  const wd = s.wd ? tf.scalar(s.wd) : null;

  const forward = (x: tf.Tensor4D) => {
    const conv = (h: tf.Tensor4D, w: tf.Variable, b: tf.Variable) => tf.relu(tf.add(tf.conv2d(tf.mirrorPad(h, pads, 'reflect'), w as tf.Tensor4D, 1, 'valid'), b)) as tf.Tensor4D;
    let h = conv(x, params['w1']!, params['b1']!);
    h = tf.maxPool(h, 2, 2, 'valid');
    h = conv(h, params['w2']!, params['b2']!);
    const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
    return tf.add(tf.matMul(pooled, params['fc']! as tf.Tensor2D), params['fb']!) as tf.Tensor2D;
  };
  const images = (x: Float32Array, count: number) => tf.tensor4d(x, [count, SIDE, SIDE, 1]);
  const wholeSet = (set: typeof data.train) => {
    const { x, y } = batchOf(set, Array.from({ length: set.count }, (_, i) => i), classes);
    return { x: images(x, set.count), y: tf.tensor2d(y, [set.count, classes]) };
  };
  const trainSet = wholeSet(data.train);
  const valSet = wholeSet(data.val);
  /** As the demo's evaluation: correct count, mean cross-entropy and the confusion matrix. */
  const evaluate = (set: { x: tf.Tensor4D; y: tf.Tensor2D }) =>
    tf.tidy(() => {
      const logits = forward(set.x);
      const loss = tf.losses.softmaxCrossEntropy(set.y, logits);
      const predicted = tf.oneHot(tf.argMax(logits, 1), classes).toFloat();
      const correct = tf.sum(tf.mul(set.y, predicted));
      const confusion = tf.matMul(set.y, predicted, true, false);
      return tf.concat([correct.reshape([1]), loss.reshape([1]), confusion.reshape([-1])]);
    });

  const losses: tf.Tensor[] = [];
  const evals: tf.Tensor[] = [];
  let evaluations = 0;
  for (let done = 0; done < totalSteps; ) {
    const steps = Math.min(stepsPerCall, totalSteps - done);
    for (let step = done; step < done + steps; step++) {
      const within = step % spe;
      const order = epochOrder(s.seed, Math.floor(step / spe), n).slice(within * batch, (within + 1) * batch);
      const { x, y } = batchOf(data.train, order, classes);
      tf.tidy(() => {
        const xb = images(x, batch);
        const yb = tf.tensor2d(y, [batch, classes]);
        const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(yb, forward(xb)) as tf.Scalar, names.map((p) => params[p]!));
        // PyTorch's momentum SGD, as the demo's graphs: v ← μv + g (+ λp), p ← p − ηv.
        for (const p of names) {
          // variableGrads keys the gradients by the variables' own (generated) names.
          const grad = grads[params[p]!.name];
          if (!grad) throw new Error(`no gradient for ${p}`);
          const g = wd ? tf.add(grad, tf.mul(wd, params[p]!)) : grad;
          const v = tf.add(tf.mul(mu, velocity[p]!), g);
          velocity[p]!.assign(v);
          params[p]!.assign(tf.sub(params[p]!, tf.mul(lr, v)));
        }
        losses.push(tf.keep(value));
      });
    }
    done += steps;
    evals.push(tf.tidy(() => tf.concat([evaluate(trainSet), evaluate(valSet)])));
    evaluations++;
  }
  const lossData = tf.tidy(() => tf.stack(losses).dataSync() as Float32Array);
  const evalWidth = 2 + classes * classes;
  const lastEval = evals[evals.length - 1]!.dataSync() as Float32Array;
  for (const e of evals) e.dataSync(); // read every evaluation back, as the demo does after each call
  const ms = performance.now() - t0;

  const result: TrainResult = {
    ms,
    dataMs,
    epochs: s.epochs,
    stepsPerEpoch: spe,
    batch,
    trainImages: n,
    valImages: data.val.count,
    evaluations,
    stepsPerCall,
    loss: Array.from({ length: s.epochs }, (_, e) => round(lossData.subarray(e * spe, (e + 1) * spe).reduce((a, b) => a + b, 0) / spe)),
    stepLoss: Array.from(lossData, (v) => round(v, 6)),
    trainAcc: round(lastEval[0]! / n),
    valAcc: round(lastEval[evalWidth]! / data.val.count),
    valLoss: round(lastEval[evalWidth + 1]!),
  };
  tf.dispose([...losses, ...evals, ...Object.values(params), ...Object.values(velocity), lr, mu, ...(wd ? [wd] : []), trainSet.x, trainSet.y, valSet.x, valSet.y]);
  return result;
}

/** Live tensors, to check that a run leaks nothing. */
export const numTensors = () => tf.memory().numTensors;

/** For checks outside the page (any backend): the corrected MirrorPad gradient and its check. */
export function useCorrectMirrorPadGrad(): number {
  registerMirrorPadGrad();
  return checkMirrorPadGrad();
}
