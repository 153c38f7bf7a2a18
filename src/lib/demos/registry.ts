import type { DemoLogic } from './common/demo-logic';
import { conv1dLogic } from './conv1d/conv1d-logic';
import { conv2dLogic } from './conv2d/conv2d-logic';
import { convGradientLogic } from './conv-gradient/conv-gradient-logic';
import { poolingLogic } from './pooling/pooling-logic';
import { dropoutLogic } from './dropout/dropout-logic';
import { dropoutRealNodeLogic } from './dropout-real/dropout-real-node';
import { receptiveFieldLogic } from './receptive-field/receptive-field-logic';
import { shapesLogic } from './shapes/shapes-logic';
import { filtersNodeLogic } from './filters/filters-node';
import { edgesLogic } from './edges/edges-logic';
import { mlpBackpropLogic } from './mlp-backprop/mlp-backprop-logic';
import { vanishingLogic } from './vanishing/vanishing-logic';
import { momentumLogic } from './momentum/momentum-logic';
import { memorizationNodeLogic } from './memorization/memorization-node';
import { memoryLogic } from './memory/memory-logic';
import { batchSizeNodeLogic } from './batch-size/batch-size-node';
import { inceptionLogic } from './inception/inception-logic';
import { lenetNodeLogic } from './lenet/lenet-node';
import { batchnormLogic } from './batchnorm/batchnorm-logic';
import { batchnormGradLogic } from './batchnorm-grad/batchnorm-grad-logic';

/** Every demo, by its URL name. Build-time code (pages, catalog, models) iterates this. */
// Each demo has its own state and result types; code that iterates all of them only needs the
// shared shape, so the registry erases them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDemoLogic = DemoLogic<any, any>;

export const demos = {
  conv1d: conv1dLogic as AnyDemoLogic,
  conv2d: conv2dLogic as AnyDemoLogic,
  pooling: poolingLogic as AnyDemoLogic,
  'conv-gradient': convGradientLogic as AnyDemoLogic,
  dropout: dropoutLogic as AnyDemoLogic,
  'dropout-real': dropoutRealNodeLogic as AnyDemoLogic,
  shapes: shapesLogic as AnyDemoLogic,
  'receptive-field': receptiveFieldLogic as AnyDemoLogic,
  filters: filtersNodeLogic as AnyDemoLogic,
  edges: edgesLogic as AnyDemoLogic,
  'mlp-backprop': mlpBackpropLogic as AnyDemoLogic,
  vanishing: vanishingLogic as AnyDemoLogic,
  momentum: momentumLogic as AnyDemoLogic,
  memorization: memorizationNodeLogic as AnyDemoLogic,
  memory: memoryLogic as AnyDemoLogic,
  'batch-size': batchSizeNodeLogic as AnyDemoLogic,
  inception: inceptionLogic as AnyDemoLogic,
  lenet: lenetNodeLogic as AnyDemoLogic,
  batchnorm: batchnormLogic as AnyDemoLogic,
  'batchnorm-grad': batchnormGradLogic as AnyDemoLogic,
} as const;

export type DemoName = keyof typeof demos;

export function isDemoName(name: string): name is DemoName {
  return Object.hasOwn(demos, name);
}
