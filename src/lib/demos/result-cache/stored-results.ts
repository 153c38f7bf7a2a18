// Node only: build-time results of long training runs, committed under src/data/results/ so
// that the build reuses them instead of training again (written by `npm run results`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Demos whose page states train for too long to repeat in every build. */
export const STORED_DEMOS: readonly string[] = ['edges', 'dropout-real', 'memorization', 'lenet'];

export interface StoredEntry {
  /** planFingerprint: the models and inputs (the build reuses the entry while it holds). */
  fingerprint: string;
  /** codeFingerprint: the code beyond them (the tests take the entry as proven while it holds). */
  code?: string;
  result: Record<string, unknown>;
}

export type StoredResults = Record<string, StoredEntry>;

export const storedResultsFile = (demo: string, root = process.cwd()) => join(root, 'src', 'data', 'results', `${demo}.json`);

export function readStoredResults(demo: string, root?: string): StoredResults {
  const file = storedResultsFile(demo, root);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredResults) : {};
}

export function writeStoredResults(demo: string, results: StoredResults, root?: string): void {
  const sorted = Object.fromEntries(Object.keys(results).sort().map((k) => [k, results[k]!]));
  writeFileSync(storedResultsFile(demo, root), `${JSON.stringify(sorted)}\n`);
}
