import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelSpecsOf, publishedModelKeys, publishedModels } from '../../src/lib/demos/published-models';
import { demos, type DemoName } from '../../src/lib/demos/registry';

const dir = join(import.meta.dirname, '..', '..', 'public', 'models');

describe('public/models', () => {
  it('holds exactly the published models, byte for byte as the code builds them (run `npm run models` after a change)', () => {
    const specs = publishedModels();
    expect(readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort()).toEqual(specs.map((s) => `${s.key}.onnx`).sort());
    for (const spec of specs) expect(Buffer.from(readFileSync(join(dir, `${spec.key}.onnx`))).equals(Buffer.from(spec.build())), spec.key).toBe(true);
  });

  it('includes the default state of every demo and the HW3 (d)(ii) deep link', () => {
    const keys = publishedModels().map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['conv1d-k13', 'conv2d-k3x3-s1', 'conv2d-k3x3-s2']));
  });

  it("gives each demo the keys of its own default state, and together the demos' lists are every published model", () => {
    const names = Object.keys(demos) as DemoName[];
    const union = new Set(names.flatMap((n) => publishedModelKeys(n)));
    expect([...union].sort()).toEqual(publishedModels().map((s) => s.key).sort());
    for (const name of names) {
      const keys = new Set(publishedModelKeys(name));
      for (const spec of modelSpecsOf(name, '')) expect(keys.has(spec.key), `${name}: ${spec.key}`).toBe(true);
      // A demo's list is far shorter than the site's (each instance on a page carries it).
      expect(keys.size, name).toBeLessThan(union.size / 2);
    }
  });
});
