import { describe } from 'vitest';
import { checkStoredResults } from './support/stored-results-check';

describe('stored build-time results of dropout-real (src/data/results/dropout-real.json)', () => checkStoredResults('dropout-real'));
