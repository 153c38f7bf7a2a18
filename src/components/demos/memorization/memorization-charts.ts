import * as Plot from '@observablehq/plot';
import { plot } from '../shared/plot';
import type { MemorizationEpoch } from '../../../lib/demos/memorization/memorization-logic';

type Chart = SVGSVGElement | HTMLElement;

/** What a chart needs: the epochs done so far (all of them once a run is done) and how many there will be. */
export interface CurveData {
  history: readonly MemorizationEpoch[];
  epochs: number;
  chance: number;
  lnClasses: number;
}

const percent = (v: number) => `${(100 * v).toFixed(1)}\u00a0%`;
// The whole run's width from the first epoch on, so that live curves grow from left to right.
const epochAxis = (epochs: number) => ({ label: 'epoch', domain: [1, Math.max(2, epochs)], tickFormat: 'd' as const, ticks: Math.min(epochs, 8) });

interface Point {
  epoch: number;
  value: number;
  series: string;
}

/** Mean training loss of each epoch, with ln 10 (the loss of a uniform guess) marked. */
export function lossChart(d: CurveData, doc: Document, width: number): Chart {
  const points: Point[] = d.history.map((h) => ({ epoch: h.epoch, value: h.trainLoss, series: 'training loss' }));
  const top = Math.max(2.6, ...points.map((p) => p.value));
  const last = d.history.at(-1);
  return plot({
    document: doc,
    width,
    height: 220,
    marginLeft: 44,
    x: epochAxis(d.epochs),
    y: { label: 'cross-entropy', domain: [0, top], grid: true },
    marks: [
      Plot.ruleY([d.lnClasses], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      Plot.text([d.lnClasses], { y: (v: number) => v, frameAnchor: 'right', text: () => `ln 10 ≈ ${d.lnClasses.toFixed(3)}`, dy: -7, fontSize: 11 }),
      Plot.line(points, { x: 'epoch', y: 'value', stroke: 'var(--demo-chart, steelblue)', strokeWidth: 2 }),
      Plot.tip(points, Plot.pointerX({ x: 'epoch', y: 'value', title: (p: Point) => `epoch ${p.epoch}: loss ${p.value.toFixed(3)}` })),
    ],
    caption: 'Mean cross-entropy of each epoch\'s minibatches. Dashed line: ln 10, the loss of a prediction that gives every class 1/10.',
    ariaLabel: last ? `Training loss per epoch: ${d.history[0]!.trainLoss.toFixed(3)} after epoch 1, ${last.trainLoss.toFixed(3)} after epoch ${last.epoch}; ln 10 is ${d.lnClasses.toFixed(3)}` : 'Training loss per epoch: no epoch yet',
  });
}

/** Training accuracy (on the labels trained on) and test accuracy (on the true labels) after each epoch, chance marked. */
export function accuracyChart(d: CurveData, doc: Document, width: number): Chart {
  const train: Point[] = d.history.map((h) => ({ epoch: h.epoch, value: h.trainAcc, series: 'training' }));
  const test: Point[] = d.history.map((h) => ({ epoch: h.epoch, value: h.testAcc, series: 'test' }));
  const last = d.history.at(-1);
  return plot({
    document: doc,
    width,
    height: 240,
    marginLeft: 44,
    x: epochAxis(d.epochs),
    y: { label: 'accuracy', domain: [0, 1], grid: true, tickFormat: '.0%' },
    color: { domain: ['training', 'test'], range: ['var(--demo-chart, steelblue)', 'var(--memo-test, #d9480f)'], legend: true },
    marks: [
      Plot.ruleY([d.chance], { stroke: 'currentColor', strokeDasharray: '4,3', strokeOpacity: 0.7 }),
      Plot.line(test, { x: 'epoch', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.line(train, { x: 'epoch', y: 'value', stroke: 'series', strokeWidth: 2.5 }),
      Plot.tip([...train, ...test], Plot.pointer({ x: 'epoch', y: 'value', title: (p: Point) => `epoch ${p.epoch}: ${p.series} ${percent(p.value)}` })),
    ],
    caption: `Training: the share of the training digits given the label they are trained on. Test: the share of held-out digits given their true class. Dashed line: chance (${percent(d.chance)}).`,
    ariaLabel: last ? `Accuracy after each epoch; after epoch ${last.epoch}: training ${percent(last.trainAcc)}, test ${percent(last.testAcc)}; chance is ${percent(d.chance)}` : 'Accuracy after each epoch: no epoch yet',
  });
}
