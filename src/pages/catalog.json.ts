import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildCatalog } from '../lib/site/catalog';

export const GET: APIRoute = async ({ site }) => {
  const written = new Set((await getCollection('docs')).map((entry) => entry.id));
  return new Response(JSON.stringify(buildCatalog(site, written), null, 2), { headers: { 'Content-Type': 'application/json' } });
};
