import { describe } from 'vitest';
import { checkStoredResults } from './support/stored-results-check';

describe('stored build-time results of edges (src/data/results/edges.json)', () => checkStoredResults('edges'));
