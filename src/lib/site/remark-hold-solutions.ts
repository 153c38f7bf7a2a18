// Remark plugin: before a homework's release (release.ts), each of its problem pages keeps only
// the restated problem — everything before the first `##` heading — and then says when the
// solution will be published and shows the demos the page uses, each in its default state.
// Everything after is dropped from the tree before it is rendered, so no part of the solution
// reaches the HTML, the search index or the build-time results embedded in the page.
import path from 'node:path';
import { heldBackHomework, releaseText, siteNow } from './release';

/* Just enough of mdast / MDX's node shapes for this plugin. */
interface Node {
  type: string;
  depth?: number;
  name?: string | null;
  value?: string;
  children?: Node[];
  attributes?: { type: string; name: string; value: string }[];
}

// A demo's own component: components/demos/<name>/<Name>.astro (not its tables or parts).
const DEMO_IMPORT = /import\s+(\w+)\s+from\s+['"][^'"]*\/components\/demos\/([\w-]+)\/(\w+)\.astro['"]/g;
const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const text = (value: string): Node => ({ type: 'text', value });
const element = (type: 'mdxJsxFlowElement' | 'mdxJsxTextElement', name: string, attrs: Record<string, string>, children: Node[] = []): Node => ({
  type,
  name,
  attributes: Object.entries(attrs).map(([n, value]) => ({ type: 'mdxJsxAttribute', name: n, value })),
  children,
});

function visit(node: Node, f: (n: Node) => void): void {
  f(node);
  for (const c of node.children ?? []) visit(c, f);
}

export interface HoldOptions {
  /** The docs root the page ids are relative to. */
  docsDir?: string;
  now?: Date;
}

export default function remarkHoldSolutions(options: HoldOptions = {}) {
  const docsDir = path.resolve(options.docsDir ?? 'src/content/docs');
  const now = options.now ?? siteNow();
  return (tree: Node, file: { path?: string }) => {
    if (!file.path) return;
    const id = path.relative(docsDir, file.path);
    if (id.startsWith('..')) return;
    const hw = heldBackHomework(id, now);
    if (!hw) return;
    const children = tree.children ?? [];
    const cut = children.findIndex((n) => n.type === 'heading' && n.depth === 2);
    if (cut < 0) return;
    const kept = children.slice(0, cut);
    const esm = children.slice(cut).filter((n) => n.type === 'mdxjsEsm');
    // Demo components the page imports, in the order the dropped part first uses them.
    const imported = new Set(esm.concat(kept.filter((n) => n.type === 'mdxjsEsm')).flatMap((n) => [...(n.value ?? '').matchAll(DEMO_IMPORT)].filter((m) => m[3] === pascal(m[2]!)).map((m) => m[1]!)));
    const used: string[] = [];
    for (const n of children.slice(cut)) visit(n, (x) => x.type === 'mdxJsxFlowElement' && x.name && imported.has(x.name) && !used.includes(x.name) && used.push(x.name));
    const when = releaseText(hw.release);
    const notice = element('mdxJsxFlowElement', 'aside', { class: 'release-notice', 'aria-label': 'Solution not yet published' }, [
      {
        type: 'paragraph',
        children: [
          { type: 'strong', children: [text('The solution will be published on ')] },
          element('mdxJsxTextElement', 'time', { datetime: hw.release }, [{ type: 'strong', children: [text(when)] }]),
          text('. Until then this page shows the problem and the demos it uses; the demos work now.'),
        ],
      },
    ]);
    const demos: Node[] = used.length
      ? [
          { type: 'heading', depth: 2, children: [text('Demos')] },
          { type: 'paragraph', children: [text('Each in its default state; change any parameter and press Run.')] },
          ...used.map((name) => element('mdxJsxFlowElement', name, {})),
        ]
      : [];
    tree.children = [...kept, ...esm, notice, ...demos];
  };
}
