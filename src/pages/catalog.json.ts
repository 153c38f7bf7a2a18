import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildCatalog } from '../lib/site/catalog';

export const GET: APIRoute = async ({ site }) => {
  return new Response(JSON.stringify(buildCatalog(site, await getCollection('docs')), null, 2), { headers: { 'Content-Type': 'application/json' } });
};
