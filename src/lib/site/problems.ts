// The problems of a homework, as its overview page, the demo pages and catalog.json list them:
// a written problem from its page's frontmatter (`problem:`), a problem not yet written from the
// homework's `pending` list in homeworks.ts.
import type { HomeworkEntry } from './homework-types';
import type { ProblemFrontmatter } from './problem-schema';

/** What this module needs of a docs collection entry. */
export interface DocsEntryLike {
  id: string;
  filePath?: string;
  body?: string;
  data: { title: string; problem?: ProblemFrontmatter };
}

export interface Problem {
  number: string;
  /** Last path segment of the page: "2-convolution". */
  slug: string;
  title: string;
  summary: string;
  parts: string[];
  demos: string[];
  /** The page exists (else it is listed as coming). */
  written: boolean;
}

/** "Problem 3 · Weights and gradients in a CNN" → "Weights and gradients in a CNN". */
const listTitle = (title: string) => title.replace(/^Problem\s+[\w.]+\s+·\s+/, '');

/** Problem numbers in reading order: "1.2" before "1.10", "2" after both. */
export function compareNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

const fileOf = (e: DocsEntryLike) => e.filePath ?? `src/content/docs/${e.id}.mdx`;

/**
 * Every part a page claims to answer must be a section of it: a `##` or `###` heading that starts
 * with "(a)" or "y1:" — so that a typo in the frontmatter, or a part renamed on the page, fails
 * the build instead of listing a part the page does not have.
 */
export function checkParts(e: DocsEntryLike): void {
  const parts = e.data.problem?.parts ?? [];
  const headings = (e.body ?? '').split('\n').filter((l) => /^#{2,3} /.test(l));
  for (const part of parts) {
    const esc = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const section = new RegExp(`^#{2,3} (\\(${esc}\\)|${esc}:)`);
    if (!headings.some((h) => section.test(h))) {
      throw new Error(`${fileOf(e)}: frontmatter problem.parts names part "${part}", but the page has no "## (${part}) …" or "## ${part}: …" heading`);
    }
  }
}

/** The problems of one homework, written and pending, in the homework's order. */
export function problemsOf(hw: HomeworkEntry, entries: readonly DocsEntryLike[]): Problem[] {
  const written = entries
    .filter((e) => e.id.startsWith(`${hw.id}/`) && e.id.split('/').length === hw.id.split('/').length + 1)
    .map((e): Problem => {
      const p = e.data.problem;
      if (!p) throw new Error(`${fileOf(e)}: a problem page of ${hw.id} needs \`problem:\` in its frontmatter (number, summary, parts, demos)`);
      checkParts(e);
      return { number: p.number, slug: e.id.slice(hw.id.length + 1), title: listTitle(e.data.title), summary: p.summary, parts: p.parts, demos: p.demos, written: true };
    });
  const numbers = new Set(written.map((p) => p.number));
  for (const p of written) {
    if (written.filter((q) => q.number === p.number).length > 1) throw new Error(`${hw.id}: two written pages claim problem ${p.number}`);
  }
  const pending = hw.pending.filter((p) => !numbers.has(p.number)).map((p): Problem => ({ ...p, parts: [], demos: [], written: false }));
  return [...written, ...pending].sort((a, b) => compareNumbers(a.number, b.number));
}
