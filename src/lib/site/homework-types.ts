/** One problem of a homework, as listed on its overview page and in catalog.json. */
export interface ProblemEntry {
  /** Problem number as the homework numbers it: "2", "1.3". */
  number: string;
  /** Last path segment of the problem page: "2-convolution". */
  slug: string;
  title: string;
  /** One line, in our words, shown on the overview page. */
  summary: string;
  /** Part letters answered on the page: ["a", "b", "c", "d"]. */
  parts: string[];
  /** Demo names used on the page. */
  demos: string[];
}

export interface HomeworkEntry {
  /** Course folder and homework folder: "eecs182-sp23/hw3". */
  id: string;
  course: string;
  title: string;
  /** Where the problems come from, for the overview page. */
  source: string;
  problems: ProblemEntry[];
}
