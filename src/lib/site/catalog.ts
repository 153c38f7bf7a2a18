import { paramTable } from '../demos/common/demo-schema';
import { demos } from '../demos/registry';
import { homeworks } from './homeworks';
import { problemsOf, type DocsEntryLike } from './problems';
import { isReleased, siteNow } from './release';
import { absoluteUrl, demoPath, embedPath, pagePath } from './urls';

export interface Catalog {
  homeworks: {
    id: string;
    title: string;
    url: string;
    /** When the solutions go public (ISO 8601 with offset), and whether this build publishes them. */
    release: string;
    released: boolean;
    problems: { id: string; number: string; title: string; url: string; parts: string[]; demos: string[] }[];
  }[];
  demos: { name: string; title: string; url: string; embed: string; params: { name: string; type: string; default: string; description: string }[] }[];
}

/** Problems come from the written pages' frontmatter (problems.ts); ids as "eecs182-sp23/hw3/2". */
export function buildCatalog(site: URL | undefined, entries: readonly DocsEntryLike[], now: Date = siteNow()): Catalog {
  return {
    homeworks: homeworks.map((hw) => ({
      id: hw.id,
      title: `${hw.course} · ${hw.title}`,
      url: absoluteUrl(site, pagePath(`${hw.id}/`)),
      release: hw.release,
      released: isReleased(hw, now),
      problems: problemsOf(hw, entries)
        .filter((p) => p.written)
        .map((p) => ({
          id: `${hw.id}/${p.number}`,
          number: p.number,
          title: p.title,
          url: absoluteUrl(site, pagePath(`${hw.id}/${p.slug}/`)),
          parts: p.parts,
          demos: p.demos,
        })),
    })),
    demos: Object.values(demos).map(({ schema }) => ({
      name: schema.name,
      title: schema.title,
      url: absoluteUrl(site, demoPath(schema.name)),
      embed: absoluteUrl(site, embedPath(schema.name)),
      params: paramTable(schema),
    })),
  };
}
