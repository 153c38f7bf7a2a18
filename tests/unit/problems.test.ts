import { describe, expect, it } from 'vitest';
import type { HomeworkEntry } from '../../src/lib/site/homework-types';
import { checkParts, compareNumbers, problemsOf, type DocsEntryLike } from '../../src/lib/site/problems';
import { problemSchema } from '../../src/lib/site/problem-schema';

const hw: HomeworkEntry = {
  id: 'course/hw1',
  course: 'Course',
  title: 'Homework 1',
  source: 'A course',
  release: '2020-01-01T00:00:00Z',
  pending: [
    { number: '1.10', slug: '1-10-later', title: 'Later', summary: 'Not written yet.' },
    { number: '2', slug: '2-written', title: 'Shadowed', summary: 'Listed as pending but written.' },
  ],
};
const page = (id: string, problem: DocsEntryLike['data']['problem'], body: string): DocsEntryLike => ({ id, filePath: `src/content/docs/${id}.mdx`, body, data: { title: `Problem ${problem?.number} · A title`, problem } });

describe('problem metadata from page frontmatter', () => {
  it('lists written pages from their frontmatter and pending problems from the homework, in number order', () => {
    const entries = [
      page('course/hw1/2-written', { number: '2', summary: 'Two parts, both answered here.', parts: ['a', 'b'], demos: ['conv2d'] }, '## (a) First\n\n### (i) sub\n\n## (b) Second\n'),
      page('course/hw1/1-2-small', { number: '1.2', summary: 'One part called y1 here.', parts: ['y1'], demos: [] }, '## y1: after the first layer\n'),
      page('course/hw1', undefined, 'overview'),
      page('other/hw2/1-x', { number: '1', summary: 'Another homework entirely.', parts: [], demos: [] }, ''),
    ];
    const problems = problemsOf(hw, entries);
    expect(problems.map((p) => [p.number, p.slug, p.title, p.written, p.parts, p.demos])).toEqual([
      ['1.2', '1-2-small', 'A title', true, ['y1'], []],
      ['1.10', '1-10-later', 'Later', false, [], []],
      ['2', '2-written', 'A title', true, ['a', 'b'], ['conv2d']],
    ]);
  });

  it('fails, naming the file, on a part the page has no section for, and on a page without metadata', () => {
    const wrong = page('course/hw1/2-written', { number: '2', summary: 'Claims a part (c) it lacks.', parts: ['a', 'c'], demos: [] }, '## (a) First\n\nSee (c) below.\n');
    expect(() => checkParts(wrong)).toThrow('src/content/docs/course/hw1/2-written.mdx: frontmatter problem.parts names part "c", but the page has no "## (c) …" or "## c: …" heading');
    expect(() => problemsOf(hw, [page('course/hw1/3-bare', undefined, '## (a)')])).toThrow('src/content/docs/course/hw1/3-bare.mdx: a problem page of course/hw1 needs `problem:` in its frontmatter');
  });

  it('the schema refuses an unknown demo and a malformed part or number', () => {
    const ok = { number: '1.3', summary: 'A summary long enough to pass.', parts: ['a', 'ii', 'y1'], demos: ['conv2d', 'edges'] };
    expect(problemSchema.parse(ok)).toEqual(ok);
    expect(problemSchema.parse({ number: '4', summary: 'Defaults for parts and demos.' })).toEqual({ number: '4', summary: 'Defaults for parts and demos.', parts: [], demos: [] });
    const demo = problemSchema.safeParse({ ...ok, demos: ['conv3d'] });
    expect(demo.success).toBe(false);
    expect(JSON.stringify(demo.error?.issues)).toContain('conv2d');
    expect(problemSchema.safeParse({ ...ok, parts: ['Part A'] }).success).toBe(false);
    expect(problemSchema.safeParse({ ...ok, number: 'three' }).success).toBe(false);
    expect(problemSchema.safeParse({ ...ok, demo: ['conv2d'] }).success).toBe(false);
  });

  it('orders numbers as the homework does', () => {
    expect(['2', '1.10', '1.2', '1', '1.1'].sort(compareNumbers)).toEqual(['1', '1.1', '1.2', '1.10', '2']);
  });
});
