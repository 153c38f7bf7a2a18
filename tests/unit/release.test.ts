import { describe, expect, it } from 'vitest';
import { homeworks } from '../../src/lib/site/homeworks';
import { heldBackHomework, isReleased, parseInstant, releaseText, siteNow } from '../../src/lib/site/release';

describe('release dates', () => {
  it('every homework has a release instant with an offset, and the real due dates', () => {
    for (const hw of homeworks) expect(() => parseInstant(hw.release, hw.id)).not.toThrow();
    const utc = Object.fromEntries(homeworks.map((h) => [h.id, parseInstant(h.release, h.id).toISOString()]));
    // 22:59 Pacific standard time is 06:59 UTC the next day; 17:00 in Seoul is 08:00 UTC.
    expect(utc).toEqual({
      'eecs182-sp23/hw3': '2023-02-18T06:59:00.000Z',
      'eecs182-sp23/hw4': '2023-02-25T06:59:00.000Z',
      'duke-ece661-f20/hw2': '2020-09-21T03:59:00.000Z',
      'snu-mfdnn-sp24/hw5': '2024-04-08T08:00:00.000Z',
    });
  });

  it('reads "now" from SITE_NOW and refuses a value without an offset', () => {
    expect(siteNow('2023-02-20T00:00:00Z').toISOString()).toBe('2023-02-20T00:00:00.000Z');
    expect(() => siteNow('2023-02-20')).toThrow(/SITE_NOW: "2023-02-20" is not an ISO 8601 date-time with an offset/);
    expect(() => siteNow('next friday')).toThrow(/SITE_NOW/);
    expect(Math.abs(siteNow(undefined).getTime() - Date.now())).toBeLessThan(5000);
  });

  it('holds back the problem pages of an unreleased homework, not its overview, to the minute', () => {
    const now = parseInstant('2023-02-20T00:00:00Z', 'test');
    expect(heldBackHomework('eecs182-sp23/hw4/1-dropout', now)?.id).toBe('eecs182-sp23/hw4');
    expect(heldBackHomework('eecs182-sp23/hw4/1-dropout.mdx', now)?.id).toBe('eecs182-sp23/hw4');
    expect(heldBackHomework('eecs182-sp23/hw4/index.mdx', now)).toBeUndefined();
    expect(heldBackHomework('eecs182-sp23/hw4', now)).toBeUndefined();
    expect(heldBackHomework('eecs182-sp23/hw3/2-convolution', now)).toBeUndefined();
    expect(heldBackHomework('demos/conv2d', now)).toBeUndefined();
    const hw4 = homeworks.find((h) => h.id === 'eecs182-sp23/hw4')!;
    expect(isReleased(hw4, parseInstant('2023-02-24T22:58:59-08:00', 'test'))).toBe(false);
    expect(isReleased(hw4, parseInstant('2023-02-25T06:59:00Z', 'test'))).toBe(true);
  });

  it('writes the date in the course\'s own offset', () => {
    expect(releaseText('2023-02-24T22:59:00-08:00')).toBe('24 February 2023, 22:59 (UTC−08:00)');
    expect(releaseText('2024-04-08T17:00:00+09:00')).toBe('8 April 2024, 17:00 (UTC+09:00)');
    expect(releaseText('2023-02-20T00:00Z')).toBe('20 February 2023, 00:00 (UTC)');
  });
});
