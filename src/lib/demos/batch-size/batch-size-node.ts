// Node only: the demo's logic with the digits read from disk, for the registry (build-time
// results, published models, catalog) and tests.
import { mnistSubsetInNode } from '../dropout-real/mnist-node';
import { batchSizeLogic } from './batch-size-logic';

export const batchSizeNodeLogic = batchSizeLogic(() => mnistSubsetInNode());
