import { describe, expect, it } from 'vitest';
import { DEMO_NAMES } from '../../src/lib/demos/demo-names';
import { demos } from '../../src/lib/demos/registry';

describe('the list of demo names the content schema checks against', () => {
  it('is exactly the registry', () => {
    expect([...DEMO_NAMES].sort()).toEqual(Object.keys(demos).sort());
  });
});
