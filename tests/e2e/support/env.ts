// The address the site is built for in the browser tests, and where it is served locally.

/** The production origin the test build is made for (absolute URLs in catalog.json use it). */
export const SITE_URL = (process.env.E2E_SITE_URL ?? 'https://example.github.io').replace(/\/+$/, '');

/** The base path the test build is made for, as GitHub Pages serves a project site. */
export const SITE_BASE = normalizeBase(process.env.E2E_SITE_BASE ?? '/course-site/');

export function normalizeBase(base: string): string {
  let b = base.trim();
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b;
}

/** The local server's address, ending in the base path; set by global setup. */
export function localBaseURL(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url)
    throw new Error(
      'E2E_BASE_URL is not set: run the tests through `npx playwright test` (global setup starts the server).',
    );
  return url;
}
