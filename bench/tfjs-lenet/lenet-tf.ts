/**
 * The TensorFlow.js peer of the `lenet` demo, for `npm run bench -- lenet` only (bundled by
 * esbuild at bench time and injected into the demo's page; the site never imports it).
 *
 * It trains the demo's LeNet-5 without batch norm (conv 1→6 5×5 pad 2 → ReLU → max pool 2 →
 * conv 6→16 5×5 → ReLU → max pool 2 → FC 400→120 → ReLU → 84 → ReLU → 10, softmax
 * cross-entropy, SGD with momentum 0.9 in PyTorch's form) from the demo's initial weights on the
 * demo's minibatches — both come from the site's own pure code (lenet-feeds.ts), parsed from the
 * page's query string, on the digits file the page fetched — and does the demo's other work too:
 * the untrained loss on the training digits first, then after every epoch the evaluation of the
 * training and validation digits. TF.js 4.22's WASM backend lacks Conv2DBackpropFilter; the edges
 * peer's registration of one (from the backend's own kernels) is reused.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { parseDemoState } from '../../src/lib/demos/common/demo-schema';
import { decodeDigits, type LenetDigits } from '../../src/lib/demos/lenet/lenet-digits';
import { epochFeeds, evaluationFeeds, initialState } from '../../src/lib/demos/lenet/lenet-feeds';
import { trainingConfig } from '../../src/lib/demos/lenet/lenet-logic';
import { BATCH, lenetSchema, stepsPerEpoch } from '../../src/lib/demos/lenet/lenet-schema';
import { registerConv2DBackpropFilter } from '../tfjs-edges/edges-tf';

export interface SetupInfo {
  backend: string;
  simd: boolean;
  threads: number;
  wasmInitMs: number;
  digitsMs: number;
}

let ready: Promise<SetupInfo> | null = null;
let digits: LenetDigits | null = null;

/** Loads the WASM backend (single-threaded, SIMD if the browser has it) and the digits from the site. */
export function setup(wasmDir: string, digitsUrl: string): Promise<SetupInfo> {
  ready ??= (async () => {
    setWasmPaths(wasmDir);
    setThreadsCount(1);
    registerConv2DBackpropFilter();
    const t0 = performance.now();
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
    await tf.ready();
    const wasmInitMs = performance.now() - t0;
    const t1 = performance.now();
    const res = await fetch(digitsUrl);
    if (!res.ok) throw new Error(`${digitsUrl}: HTTP ${res.status}`);
    digits = decodeDigits(new Uint8Array(await res.arrayBuffer()));
    return { backend: tf.getBackend(), simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: getThreadsCount(), wasmInitMs, digitsMs: performance.now() - t1 };
  })();
  return ready;
}

export interface TrainResult {
  ms: number;
  epochs: number;
  stepsPerEpoch: number;
  batch: number;
  initialLoss: number;
  /** Mean training loss of each epoch; accuracies after the last one. */
  loss: number[];
  trainAcc: number;
  valAcc: number;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/** Trains the demo state given by `query` (the demo page's own query string); plain LeNet only. */
export function train(query: string): TrainResult {
  if (!digits) throw new Error('setup() first');
  const d = digits;
  const t0 = performance.now();
  const { state: s, issues } = parseDemoState(lenetSchema, query);
  if (issues.length) throw new Error(issues.map((i) => i.message).join(' '));
  if (s.bn !== '0' || s.act !== 'relu' || s.dropout || s.wd || s.l1) throw new Error('the TF.js peer trains the plain network only (bn=0, act=relu, no dropout or penalty)');
  const c = trainingConfig(s, d.val.count);
  const w0 = initialState(s.seed, c, s.init);
  const steps = stepsPerEpoch(s);
  // Filters OIHW → HWIO; dense weights are [in, out] already.
  const variable = (t: tf.Tensor) => {
    const v = tf.variable(t);
    t.dispose();
    return v;
  };
  const hwio = (name: string) => variable(tf.tidy(() => tf.tensor4d(w0[name]!.data, w0[name]!.dims as [number, number, number, number]).transpose([2, 3, 1, 0])));
  const dense = (name: string) => variable(tf.tensor2d(w0[name]!.data, w0[name]!.dims as [number, number]));
  const bias = (name: string) => variable(tf.tensor1d(w0[name]!.data));
  const params: Record<string, tf.Variable> = {
    conv1_w: hwio('conv1_w'),
    conv1_b: bias('conv1_b'),
    conv2_w: hwio('conv2_w'),
    conv2_b: bias('conv2_b'),
    fc1_w: dense('fc1_w'),
    fc1_b: bias('fc1_b'),
    fc2_w: dense('fc2_w'),
    fc2_b: bias('fc2_b'),
    fc3_w: dense('fc3_w'),
    fc3_b: bias('fc3_b'),
  };
  const names = Object.keys(params);
  const velocity: Record<string, tf.Variable> = Object.fromEntries(names.map((p) => [p, variable(tf.zeros(params[p]!.shape))]));
  const lr = tf.scalar(s.lr);
  const mu = tf.scalar(0.9);

  const forward = (x: tf.Tensor4D) => {
    const p = params;
    let h = tf.relu(tf.add(tf.conv2d(tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]), p['conv1_w'] as tf.Tensor4D, 1, 'valid'), p['conv1_b']!)) as tf.Tensor4D;
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p['conv2_w'] as tf.Tensor4D, 1, 'valid'), p['conv2_b']!)) as tf.Tensor4D;
    h = tf.maxPool(h, 2, 2, 'valid');
    // The demo flattens NCHW (channel, row, column): the same order here, so FC1's rows match.
    let f = tf.reshape(tf.transpose(h, [0, 3, 1, 2]), [x.shape[0], 400]) as tf.Tensor2D;
    f = tf.relu(tf.add(tf.matMul(f, p['fc1_w'] as tf.Tensor2D), p['fc1_b']!));
    f = tf.relu(tf.add(tf.matMul(f, p['fc2_w'] as tf.Tensor2D), p['fc2_b']!));
    return tf.add(tf.matMul(f, p['fc3_w'] as tf.Tensor2D), p['fc3_b']!) as tf.Tensor2D;
  };
  // One channel: NCHW [n, 1, 28, 28] and NHWC [n, 28, 28, 1] are the same bytes.
  const images = (x: Float32Array, n: number) => tf.tensor4d(x, [n, 28, 28, 1]);
  const fixed = evaluationFeeds(d, s.train);
  const trainSet = { x: images(fixed['trainX']!.data, s.train), y: tf.tensor2d(fixed['trainY']!.data, [s.train, 10]) };
  const valSet = { x: images(fixed['valX']!.data, d.val.count), y: tf.tensor2d(fixed['valY']!.data, [d.val.count, 10]) };
  const evaluate = (set: { x: tf.Tensor4D; y: tf.Tensor2D }) =>
    tf.tidy(() => {
      const logits = forward(set.x);
      const correct = tf.sum(tf.mul(set.y, tf.oneHot(tf.argMax(logits, 1), 10).toFloat()));
      return tf.concat([correct.reshape([1]), tf.losses.softmaxCrossEntropy(set.y, logits).reshape([1])]);
    });
  const initialLoss = tf.tidy(() => tf.losses.softmaxCrossEntropy(trainSet.y, forward(trainSet.x)).dataSync()[0]!);

  const losses: tf.Tensor[] = [];
  const evals: tf.Tensor[] = [];
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    const feeds = epochFeeds(d, { seed: s.seed, epoch, train: s.train, batch: BATCH, steps, aug: s.aug, dropout: 0 });
    const x = feeds['x']!.data;
    const y = feeds['y']!.data;
    const size = BATCH * 784;
    for (let k = 0; k < steps; k++) {
      tf.tidy(() => {
        const xb = images(x.subarray(k * size, (k + 1) * size), BATCH);
        const yb = tf.tensor2d(y.subarray(k * BATCH * 10, (k + 1) * BATCH * 10), [BATCH, 10]);
        const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(yb, forward(xb)) as tf.Scalar, names.map((p) => params[p]!));
        for (const p of names) {
          const g = grads[params[p]!.name];
          if (!g) throw new Error(`no gradient for ${p}`);
          const v = tf.add(tf.mul(mu, velocity[p]!), g);
          velocity[p]!.assign(v);
          params[p]!.assign(tf.sub(params[p]!, tf.mul(lr, v)));
        }
        losses.push(tf.keep(value));
      });
    }
    evals.push(tf.tidy(() => tf.concat([evaluate(trainSet), evaluate(valSet)])));
  }
  const lossData = tf.tidy(() => tf.stack(losses).dataSync() as Float32Array);
  for (const e of evals) e.dataSync(); // read every evaluation back, as the demo does after each call
  const last = evals.at(-1)!.dataSync();
  const ms = performance.now() - t0;
  const result: TrainResult = {
    ms,
    epochs: s.epochs,
    stepsPerEpoch: steps,
    batch: BATCH,
    initialLoss: round(initialLoss),
    loss: Array.from({ length: s.epochs }, (_, e) => round(lossData.subarray(e * steps, (e + 1) * steps).reduce((a, b) => a + b, 0) / steps)),
    trainAcc: round(last[0]! / s.train),
    valAcc: round(last[2]! / d.val.count),
  };
  tf.dispose([...losses, ...evals, ...Object.values(params), ...Object.values(velocity), lr, mu, trainSet.x, trainSet.y, valSet.x, valSet.y]);
  return result;
}

/** Live tensors, to check that a run leaks nothing. */
export const numTensors = () => tf.memory().numTensors;
