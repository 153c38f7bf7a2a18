// Node only: the demo's logic on the shipped photo, for the registry (build-time results,
// published models, catalog) and tests.
import { filtersLogic } from './filters-logic';
import { photoInNode } from './photo-node';

export const filtersNodeLogic = filtersLogic(() => photoInNode());
