import { siteUrl } from './site-url';

/** Path of a page under the base path, for links inside the site. */
export const pagePath = (path: string) => siteUrl(path.endsWith('/') || path.includes('?') ? path : `${path}/`);

export const demoPath = (name: string, query = '') => `${pagePath(`demos/${name}/`)}${query ? `?${query}` : ''}`;
export const embedPath = (name: string, query = '') => `${pagePath(`embed/${name}/`)}${query ? `?${query}` : ''}`;

/** Absolute URL (site + base path), as catalog.json gives it. */
export function absoluteUrl(site: URL | undefined, path: string): string {
  return new URL(path, site ?? 'http://localhost:4321').href;
}
