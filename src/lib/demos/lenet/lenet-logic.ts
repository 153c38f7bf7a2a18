import type { Feeds, Outputs } from '../../onnx/model-spec';
import { trainingSignature } from '../../onnx/training/unrolled-training';
import type { DemoLogic, InferenceJob, TrainingJob } from '../common/demo-logic';
import type { FullState } from '../common/demo-schema';
import { CLASSES, type LenetDigits } from './lenet-digits';
import { epochFeeds, evaluationFeeds, initialState } from './lenet-feeds';
import { EVALUATED, lenetBuffers, lenetInitialLossModel, lenetParams, lenetTrainingModel, lenetTrainingSpec, parameterCount, type LenetTrainingConfig } from './lenet-model';
import { BATCH, lenetSchema, stepsPerEpoch, type LenetParams } from './lenet-schema';
import { weightHistogram, type HistogramBin, type WeightSummary } from './lenet-weights';

export interface LenetEpoch {
  epoch: number;
  /** Mean cross-entropy of the epoch's minibatches, each before its own update (training mode: augmented, dropped, batch statistics). */
  trainLoss: number;
  /** After the epoch, in inference mode: the share of the training digits (unaugmented) classified right… */
  trainAcc: number;
  /** …the share of the validation digits, and their mean cross-entropy. */
  valAcc: number;
  valLoss: number;
}

export interface LenetResult {
  /** Mean cross-entropy of the untrained network on the training digits, in inference mode (computed by a graph). */
  initialLoss: number;
  /** The first minibatch's loss, in training mode: the first number a training loop prints. */
  firstBatchLoss: number;
  /** ln 10, the cross-entropy of a uniform guess over 10 classes. */
  lnClasses: number;
  /** One entry per epoch whose every minibatch loss and whose validation loss were finite. */
  history: LenetEpoch[];
  /** Accuracies after the last epoch run (for a diverged run: of the network after divergence, whose NaN outputs count as wrong). */
  final: { trainAcc: number; valAcc: number };
  /** A training or validation loss became NaN or infinite: training stopped after that epoch. */
  diverged: boolean;
  divergedEpoch: number | null;
  /** The final convolution and FC weights (not biases, not batch norm): count, share with |w| < 10⁻³. */
  weights: WeightSummary;
  /** Counts of those weights' |w| by quarter decades (lenet-weights.ts), after training and before it. */
  histogram: HistogramBin[];
  initialHistogram: HistogramBin[];
  parameters: number;
  trainImages: number;
  valImages: number;
  batch: number;
  stepsPerEpoch: number;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

export function trainingConfig(s: FullState<LenetParams>, valCount: number): LenetTrainingConfig {
  return { bn: s.bn === '1', act: s.act, dropout: s.dropout > 0, batch: BATCH, steps: stepsPerEpoch(s), trainCount: s.train, valCount, wd: s.wd, l1: s.l1 };
}

/** The untrained network's loss on the training digits: the same initial weights as the run's. */
function initialLossJob(s: FullState<LenetParams>, digits: LenetDigits): InferenceJob {
  const c = trainingConfig(s, digits.val.count);
  const state = initialState(s.seed, c, s.init);
  const feeds: Feeds = {};
  for (const p of [...lenetParams(c), ...lenetBuffers(c)]) feeds[p.name] = state[p.name]!;
  const { trainX, trainY } = evaluationFeeds(digits, s.train);
  return { kind: 'infer', spec: lenetInitialLossModel(c, s.train), feeds: { ...feeds, trainX: trainX!, trainY: trainY! } };
}

const allFinite = (a: Float32Array) => a.every(Number.isFinite);

function trainingJob(s: FullState<LenetParams>, digits: LenetDigits): TrainingJob {
  const c = trainingConfig(s, digits.val.count);
  const steps = c.steps;
  const signature = trainingSignature(lenetTrainingSpec(c), EVALUATED);
  const fixed: Feeds = { ...evaluationFeeds(digits, s.train), lr: { data: Float32Array.of(s.lr), dims: [1] } };
  return {
    kind: 'train',
    // One call is one epoch, so the evaluation the graph makes after its last step is per epoch.
    spec: (k) => lenetTrainingModel({ ...c, steps: k }),
    stepsPerCall: steps,
    totalSteps: steps * s.epochs,
    initial: initialState(s.seed, c, s.init),
    state: signature.state,
    streams: signature.streams,
    feeds: (first) => ({ ...fixed, ...epochFeeds(digits, { seed: s.seed, epoch: first / steps, train: s.train, batch: BATCH, steps, aug: s.aug, dropout: s.dropout }) }),
    // A loss that is no longer finite stays so: the run stops after that epoch, a result (diverged), not an error.
    onCall: (streams) => allFinite(streams['losses']!.data) && allFinite(streams['valLoss']!.data),
  };
}

/** The epochs a run's streams cover so far whose losses (training and validation) are all finite: what the live curves draw, and the result's history. */
export function historyOf(s: FullState<LenetParams>, streams: Outputs, valCount: number): LenetEpoch[] {
  const steps = stepsPerEpoch(s);
  const losses = streams['losses']!.data;
  const train = streams['trainCorrect']!.data;
  const val = streams['valCorrect']!.data;
  const valLoss = streams['valLoss']!.data;
  const history: LenetEpoch[] = [];
  for (let e = 0; e < Math.min(train.length, Math.floor(losses.length / steps)); e++) {
    const epoch = losses.subarray(e * steps, (e + 1) * steps);
    // The epoch's last update can overflow the weights while every loss before it was finite: then the validation loss shows it.
    if (!allFinite(epoch) || !Number.isFinite(valLoss[e]!)) break;
    history.push({
      epoch: e + 1,
      trainLoss: round(epoch.reduce((a, b) => a + b, 0) / steps),
      trainAcc: round(train[e]! / s.train),
      valAcc: round(val[e]! / valCount),
      valLoss: round(valLoss[e]!),
    });
  }
  return history;
}

/**
 * The demo's computation given the digits: in the browser they are fetched first
 * (lenet-digits-browser.ts), in Node read from disk (lenet-node.ts).
 */
export function lenetLogic(digits: () => LenetDigits): DemoLogic<LenetParams, LenetResult> {
  return {
    schema: lenetSchema,
    plan: (s) => {
      const d = digits();
      return [initialLossJob(s, d), trainingJob(s, d)];
    },
    finish(s, outputs) {
      const d = digits();
      const valCount = d.val.count;
      const [initialRun, out] = outputs as [Outputs, Outputs];
      const c = trainingConfig(s, valCount);
      const history = historyOf(s, out, valCount);
      const calls = out['trainCorrect']!.data.length;
      const diverged = history.length < calls;
      const weightNames = lenetParams(c).filter((p) => p.role === 'weight').map((p) => p.name);
      const start = initialState(s.seed, c, s.init);
      return {
        initialLoss: round(initialRun['initialLoss']!.data[0]!),
        firstBatchLoss: round(out['losses']!.data[0]!),
        lnClasses: round(Math.log(CLASSES)),
        history,
        final: { trainAcc: round(out['trainCorrect']!.data[calls - 1]! / s.train), valAcc: round(out['valCorrect']!.data[calls - 1]! / valCount) },
        diverged,
        divergedEpoch: diverged ? history.length + 1 : null,
        ...weightHistogram(weightNames.map((n) => out[n]!.data)),
        initialHistogram: weightHistogram(weightNames.map((n) => start[n]!.data)).histogram,
        parameters: parameterCount(c),
        trainImages: s.train,
        valImages: valCount,
        batch: BATCH,
        stepsPerEpoch: c.steps,
      };
    },
  };
}
