// Starlight route middleware: a problem page held back until its homework's release
// (release.ts) gets a description that says so; its frontmatter description summarises the
// solution, and Starlight writes it into the <meta> tags of the page.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { heldBackHomework, releaseText } from './release';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const hw = heldBackHomework(route.entry.id);
  if (!hw) return;
  const description = `${route.entry.data.title} (${hw.course}, ${hw.title}): the solution will be published on ${releaseText(hw.release)}.`;
  route.entry.data.description = description;
  for (const tag of route.head) {
    const a = tag.attrs ?? {};
    if (tag.tag === 'meta' && (a['name'] === 'description' || a['property'] === 'og:description' || a['name'] === 'twitter:description')) a['content'] = description;
  }
});
