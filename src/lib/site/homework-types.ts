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
  /**
   * When the solutions go public: ISO 8601 with the offset of the course's time zone, e.g.
   * "2023-02-17T22:59:00-08:00" (the due date). A build before it shows each problem page's
   * statement and demos but no solution (release.ts).
   */
  release: string;
  problems: ProblemEntry[];
}
