/** A problem whose page is not written yet: listed on the overview as coming. */
export interface PendingProblem {
  number: string;
  slug: string;
  title: string;
  summary: string;
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
  /** Problems whose pages are not written yet; a written page's metadata is in its frontmatter. */
  pending: PendingProblem[];
}
