import { describe } from 'vitest';
import { checkStoredResults } from './support/stored-results-check';

describe('stored build-time results of lenet (src/data/results/lenet.json)', () => checkStoredResults('lenet'));
