import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { componentName } from '../../src/lib/demos/result-cache/page-states';
import { STORED_DEMOS } from '../../src/lib/demos/result-cache/stored-results';

// Each stored demo is retrained in its own file, stored-results-<demo>.test.ts (support/stored-results-check.ts).
describe('stored build-time results (src/data/results/; `npm run results` rewrites them)', () => {
  it('names pages\' components as the MDX does', () => {
    expect(componentName('edges')).toBe('Edges');
    expect(componentName('dropout-real')).toBe('DropoutReal');
  });

  it('every stored demo has its test file', () => {
    const files = readdirSync('tests/unit').filter((f) => /^stored-results-.+\.test\.ts$/.test(f));
    expect(files.sort()).toEqual(STORED_DEMOS.map((d) => `stored-results-${d}.test.ts`).sort());
  });
});
