// When a homework's solutions are public. The build decides once, from "now": SITE_NOW when set
// (tests, previews of a course as of a date), else the clock; the deploy workflow builds daily,
// so a release publishes itself.
import type { HomeworkEntry } from './homework-types';
import { homeworks } from './homeworks';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a release or SITE_NOW value; an offset is required, so the instant is never ambiguous. */
export function parseInstant(value: string, what: string): Date {
  const date = new Date(value);
  if (!ISO_WITH_OFFSET.test(value) || Number.isNaN(date.getTime())) {
    throw new Error(`${what}: "${value}" is not an ISO 8601 date-time with an offset, e.g. 2023-02-17T22:59:00-08:00 or 2023-02-20T00:00:00Z`);
  }
  return date;
}

/** The instant the build publishes as of. */
export function siteNow(env: string | undefined = process.env['SITE_NOW']): Date {
  return env ? parseInstant(env, 'SITE_NOW') : new Date();
}

export function isReleased(hw: Pick<HomeworkEntry, 'id' | 'release'>, now: Date): boolean {
  return parseInstant(hw.release, `release of ${hw.id}`).getTime() <= now.getTime();
}

/**
 * The release date as the course's readers read it, in its own offset: "24 February 2023, 22:59
 * (UTC−08:00)". Written from the ISO string itself, so no time-zone database is involved.
 */
export function releaseText(release: string): string {
  parseInstant(release, 'release');
  const [, y, mo, d, h, mi, off] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(release)!;
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(mo) - 1];
  const offset = off === 'Z' ? 'UTC' : `UTC${off!.replace('-', '−')}`;
  return `${Number(d)} ${month} ${y}, ${h}:${mi} (${offset})`;
}

/** The homework a docs page belongs to, and whether the page is one of its problems (not its overview). */
export function homeworkOfPage(pageId: string): { hw: HomeworkEntry; isProblem: boolean } | undefined {
  const id = pageId.replace(/\\/g, '/').replace(/\.mdx?$/, '').replace(/\/index$/, '');
  const hw = homeworks.find((h) => id === h.id || id.startsWith(`${h.id}/`));
  return hw && { hw, isProblem: id !== hw.id };
}

/** The homework whose solution this page holds back as of `now`, if any. */
export function heldBackHomework(pageId: string, now: Date = siteNow()): HomeworkEntry | undefined {
  const found = homeworkOfPage(pageId);
  return found && found.isProblem && !isReleased(found.hw, now) ? found.hw : undefined;
}
