// Node only: the demo states the site's pages show, read from the MDX sources.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** `dropout-real` → `DropoutReal`, the component name a page uses for a demo. */
export const componentName = (demo: string) => demo.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? mdxFiles(join(dir, e.name)) : e.name.endsWith('.mdx') ? [join(dir, e.name)] : []));
}

const attribute = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * Every state of `demo` that a page renders: its component (`<Edges params="…" />`) and any
 * result component naming it (`<ResultValue demo="edges" params="…" …/>`); no params means the
 * default state. Returns each query once, with the pages that use it.
 */
export function pageStates(demo: string, root = process.cwd()): Map<string, string[]> {
  const docs = join(root, 'src', 'content', 'docs');
  const states = new Map<string, string[]>();
  const tag = new RegExp(`<([A-Z][A-Za-z0-9]*)\\b([^>]*?)/?>`, 'g');
  for (const file of mdxFiles(docs)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(tag)) {
      const [, name, attrs = ''] = m;
      // A DemoLink only links to a state; nothing is computed for it at build time.
      if (name === 'DemoLink' || (name !== componentName(demo) && attribute(attrs, 'demo') !== demo)) continue;
      const query = attribute(attrs, 'params') ?? '';
      states.set(query, [...(states.get(query) ?? []), relative(root, file)]);
    }
  }
  // The embed page and catalog show the default state.
  if (!states.has('')) states.set('', ['src/pages/embed/[name].astro']);
  return states;
}
