// The words of a homework's solutions, and every text a built site holds, for a scan that checks
// that a site built before the release date contains none of those words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Lower-case words joined by single spaces: HTML and MDX spell quotes, dashes and markup differently. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The runs of at least `minWords` consecutive words of prose in the solution part of a problem
 * page (everything from its first `##` heading) and in its frontmatter description: math, JSX
 * components and code split the prose into runs, since they render as something else.
 */
export function solutionRuns(mdxFile: string, minWords = 8): string[] {
  const source = readFileSync(mdxFile, 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const description = front ? (/^description:\s*"?(.*?)"?\s*$/m.exec(front[1]!)?.[1] ?? '') : '';
  const body = front ? source.slice(front[0].length) : source;
  const start = body.search(/^## /m);
  const solution = start < 0 ? '' : body.slice(start);
  const SPLIT = '\u0000';
  const prose = (description + SPLIT + solution)
    .replace(/```[\s\S]*?```/g, SPLIT)
    .replace(/\$\$[\s\S]*?\$\$/g, SPLIT)
    .replace(/\$[^$\n]*\$/g, SPLIT)
    .replace(/<[A-Za-z][^>]*?\/>/gs, SPLIT)
    .replace(/<\/?[A-Za-z][^>]*>/gs, SPLIT)
    .replace(/^(import|export) .*$/gm, SPLIT)
    .replace(/`[^`\n]*`/g, SPLIT)
    .replace(/\{[^}\n]*\}/g, SPLIT)
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/^#+ .*$/gm, SPLIT)
    .replace(/^\s*([-*]|\d+\.)\s+/gm, SPLIT)
    .replace(/^\s*\|.*$/gm, SPLIT)
    .replace(/\n\s*\n/g, SPLIT);
  return [...new Set(prose.split(/[\u0000.;:!?()]/).map(normalise).filter((run) => run.split(' ').length >= minWords))];
}

const TEXT_FILES = /\.(html|json|xml|txt|js|mjs|css|svg|webmanifest)$/;

/** Every file of a build that can hold text, as normalised text; Pagefind's gzipped files unpacked. */
export function siteTexts(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.pf_(fragment|index|meta|filter)$/.test(e.name)) out.push({ file: p, text: normalise(gunzipSync(readFileSync(p)).toString('utf8')) });
      else if (TEXT_FILES.test(e.name)) {
        const raw = readFileSync(p, 'utf8');
        // Tags become spaces (entities are word boundaries too); attribute values (meta
        // descriptions, titles, labels) are kept apart, after the text.
        const html = e.name.endsWith('.html');
        const attributes = html ? [...raw.matchAll(/=\s*"([^"]*)"/g)].map((m) => m[1]).join(' \n ') : '';
        out.push({ file: p, text: normalise(html ? `${raw.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ')} \n ${attributes}` : raw) });
      }
    }
  };
  walk(dir);
  return out;
}

/** Which runs occur in which files. */
export function findRuns(runs: string[], texts: { file: string; text: string }[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const run of runs) {
    const files = texts.filter((t) => t.text.includes(run)).map((t) => t.file);
    if (files.length) found.set(run, files);
  }
  return found;
}
