// The homeworks of the site: course, source, release date, and the problems whose pages are not
// written yet. A written problem's number, summary, parts and demos live in its page's frontmatter
// (`problem:`, checked by src/lib/site/problem-schema.ts); src/lib/site/problems.ts merges the two
// for the overview pages, the demo pages and catalog.json. Summaries are ours; problem numbers
// follow each homework's own numbering.
import type { HomeworkEntry } from './homework-types';

export const homeworks: HomeworkEntry[] = [
  {
    id: 'eecs182-sp23/hw3',
    course: 'EECS 182 · Spring 2023',
    title: 'Homework 3',
    source: 'UC Berkeley EECS 182 (Deep Neural Networks), Spring 2023, Homework 3',
    // Due Friday 17 February 2023, 22:59 Pacific (PST).
    release: '2023-02-17T22:59:00-08:00',
    pending: [],
  },
  {
    id: 'eecs182-sp23/hw4',
    course: 'EECS 182 · Spring 2023',
    title: 'Homework 4',
    source: 'UC Berkeley EECS 182 (Deep Neural Networks), Spring 2023, Homework 4',
    // Due Friday 24 February 2023, 22:59 Pacific (the homework's "2022" is a typo).
    release: '2023-02-24T22:59:00-08:00',
    pending: [],
  },
  {
    id: 'duke-ece661-f20/hw2',
    course: 'Duke ECE 661 · Fall 2020',
    title: 'Homework 2',
    source: 'Duke ECE 661 (Computer Engineering Machine Learning and Deep Neural Nets), Fall 2020, Homework 2',
    // The answer document is dated 20 September 2020; released at the end of that day in Durham (EDT).
    release: '2020-09-20T23:59:00-04:00',
    pending: [],
  },
  {
    id: 'snu-mfdnn-sp24/hw5',
    course: 'SNU MFDNN · Spring 2024',
    title: 'Homework 5',
    source: 'Seoul National University, Mathematical Foundations of Deep Neural Networks (E. Ryu), Spring 2024, Homework 5',
    // Due Monday 8 April 2024, 17:00 Seoul (KST).
    release: '2024-04-08T17:00:00+09:00',
    pending: [],
  },
];
