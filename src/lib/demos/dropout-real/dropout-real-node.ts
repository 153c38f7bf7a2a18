// Node only: the demo's logic with the digits read from disk, for the registry (build-time
// results, published models, catalog) and tests.
import { dropoutRealLogic } from './dropout-real-logic';
import { mnistSubsetInNode } from './mnist-node';

export const dropoutRealNodeLogic = dropoutRealLogic(() => mnistSubsetInNode());
