import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { problemSchema } from './lib/site/problem-schema';

export const collections = {
  // A problem page carries its number, summary, parts and demos in `problem:` (problems.ts).
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: z.object({ problem: problemSchema.optional() }) }) }),
};
