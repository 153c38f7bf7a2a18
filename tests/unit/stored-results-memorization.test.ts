import { describe } from 'vitest';
import { checkStoredResults } from './support/stored-results-check';

describe('stored build-time results of memorization (src/data/results/memorization.json)', () => checkStoredResults('memorization'));
