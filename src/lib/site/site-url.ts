/** Every URL is built from the base path, so a course site under `/<repo>/` finds its files. */
export function siteUrl(path: string): string {
  const base = import.meta.env?.BASE_URL ?? '/';
  return `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\//, '')}`;
}
