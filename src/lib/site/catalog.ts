import { paramTable } from '../demos/common/demo-schema';
import { demos } from '../demos/registry';
import { homeworks } from './homeworks';
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

/** Problem page ids as the docs collection names them: "eecs182-sp23/hw3/2-convolution". */
export function buildCatalog(site: URL | undefined, writtenPages: ReadonlySet<string>, now: Date = siteNow()): Catalog {
  return {
    homeworks: homeworks.map((hw) => ({
      id: hw.id,
      title: `${hw.course} · ${hw.title}`,
      url: absoluteUrl(site, pagePath(`${hw.id}/`)),
      release: hw.release,
      released: isReleased(hw, now),
      problems: hw.problems
        .filter((p) => writtenPages.has(`${hw.id}/${p.slug}`))
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
