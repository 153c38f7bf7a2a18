import { seededRng } from '../../random/seeded-rng';
import type { FullState } from '../common/demo-schema';
import { drawMasks } from './dropout-masks';
import type { DropoutParams } from './dropout-schema';

/**
 * The same training in a plain JavaScript loop, from the same seeded masks: the benchmark's
 * baseline, and an independent check of the ONNX graph (same arithmetic, float64). SGD only.
 */
export function trainDropoutPlainJs(s: FullState<DropoutParams>, p = s.p, run = 0, stepsPerDraw = 100): { w: number[]; losses: Float64Array } {
  if (s.opt !== 'sgd') throw new Error('the plain-JS baseline implements SGD only');
  const n = s.x.length;
  const d = s.x[0]!.length;
  const rows = n * s.batch;
  const rng = seededRng((s.seed + 0x9e3779b1 * run) >>> 0);
  const kept = s.scaling === 'inverted' ? 1 / (1 - p) : 1;
  const w = new Float64Array(d);
  const grad = new Float64Array(d);
  const losses = new Float64Array(s.steps);
  for (let first = 0; first < s.steps; first += stepsPerDraw) {
    const steps = Math.min(stepsPerDraw, s.steps - first);
    // Drawn in the same blocks as the ONNX run, so both see identical masks.
    const masks = drawMasks(rng, steps, rows, d, p, kept);
    for (let k = 0; k < steps; k++) {
      grad.fill(0);
      let loss = 0;
      for (let r = 0; r < rows; r++) {
        const x = s.x[r % n]!;
        let pred = 0;
        const base = (k * rows + r) * d;
        for (let j = 0; j < d; j++) pred += x[j]! * masks[base + j]! * w[j]!;
        const err = pred - s.y[r % n]!;
        loss += err * err;
        for (let j = 0; j < d; j++) grad[j]! += (2 / rows) * err * x[j]! * masks[base + j]!;
      }
      losses[first + k] = loss / rows;
      for (let j = 0; j < d; j++) w[j]! -= s.lr * grad[j]!;
    }
  }
  return { w: Array.from(w), losses };
}

/**
 * The benchmark's baseline: the same SGD runs as a plain loop that draws its own masks with the
 * simplest fast generator (a 32-bit LCG, one draw per entry, as the site draws one per entry), so
 * that it does all the work the demo does — random numbers included — and nothing more. Its
 * masks differ from the site's; its weights agree only in distribution.
 */
export function trainDropoutOwnGenerator(s: FullState<DropoutParams>, rates: number[]): number[][] {
  if (s.opt !== 'sgd') throw new Error('the plain-JS baseline implements SGD only');
  const n = s.x.length;
  const d = s.x[0]!.length;
  const rows = n * s.batch;
  const xs = Float64Array.from(s.x.flat());
  return rates.map((p, run) => {
    let state = (s.seed + 0x9e3779b1 * run) >>> 0;
    const threshold = p * 2 ** 32;
    const kept = s.scaling === 'inverted' ? 1 / (1 - p) : 1;
    const w = new Float64Array(d);
    const grad = new Float64Array(d);
    const m = new Float64Array(d);
    for (let step = 0; step < s.steps; step++) {
      grad.fill(0);
      for (let r = 0; r < rows; r++) {
        const row = (r % n) * d;
        let pred = 0;
        for (let j = 0; j < d; j++) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          m[j] = state < threshold ? 0 : kept;
          pred += xs[row + j]! * m[j]! * w[j]!;
        }
        const err = pred - s.y[r % n]!;
        for (let j = 0; j < d; j++) grad[j]! += (2 / rows) * err * xs[row + j]! * m[j]!;
      }
      for (let j = 0; j < d; j++) w[j]! -= s.lr * grad[j]!;
    }
    return Array.from(w);
  });
}
