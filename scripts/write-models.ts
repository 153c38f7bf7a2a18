// Writes every published model to public/models and removes files no demo publishes any more.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedModels } from '../src/lib/demos/published-models';

const dir = join(import.meta.dirname, '..', 'public', 'models');
mkdirSync(dir, { recursive: true });
const keep = new Set<string>();
for (const spec of publishedModels()) {
  const file = `${spec.key}.onnx`;
  const bytes = spec.build();
  writeFileSync(join(dir, file), bytes);
  keep.add(file);
  console.log(`wrote public/models/${file} (${bytes.length} bytes)`);
}
for (const f of readdirSync(dir)) {
  if (f.endsWith('.onnx') && !keep.has(f)) {
    rmSync(join(dir, f));
    console.log(`removed stale public/models/${f}`);
  }
}
