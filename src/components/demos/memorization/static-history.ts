import type { MemorizationEpoch } from '../../../lib/demos/memorization/memorization-logic';

/**
 * The curves of a build-time run in a few kilobytes, for solution pages: DemoFrame leaves a
 * result this large out of the page, and without it the build's drawing (720 px wide) could not
 * be redrawn for a phone's width, where its text would shrink to a few pixels.
 */
export interface StaticHistory {
  loss: number[];
  train: number[];
  test: number[];
}

export const packHistory = (h: readonly MemorizationEpoch[]): StaticHistory => ({ loss: h.map((e) => e.trainLoss), train: h.map((e) => e.trainAcc), test: h.map((e) => e.testAcc) });

export const unpackHistory = (p: StaticHistory): MemorizationEpoch[] => p.loss.map((trainLoss, i) => ({ epoch: i + 1, trainLoss, trainAcc: p.train[i]!, testAcc: p.test[i]! }));
