// The `problem:` frontmatter of a problem page, checked by the docs collection's schema
// (src/content.config.ts): a demo name that does not exist fails the build, naming the file.
import { z } from 'astro/zod';
import { DEMO_NAMES } from '../demos/demo-names';

export const problemSchema = z
  .object({
    /** As the homework numbers it: "2", "1.3". */
    number: z.string().regex(/^\d+(\.\d+)*$/, 'a problem number is digits and dots, e.g. "2" or "1.10"'),
    /** One line, in our words, for the overview page. */
    summary: z.string().min(20),
    /** The parts the page answers, each a section of it ("## (a) …", "## y1: …"). */
    parts: z.array(z.string().regex(/^[a-z0-9]{1,4}$/, 'a part is a short name such as "a", "ii" or "y1"')).default([]),
    /** The demos the page uses. */
    demos: z.array(z.enum(DEMO_NAMES)).default([]),
  })
  .strict();

export type ProblemFrontmatter = z.infer<typeof problemSchema>;
