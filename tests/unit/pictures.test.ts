import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { filterImage, filterLegend } from '../../src/components/demos/edges/edges-pictures';
import { renderDropoutRealView } from '../../src/components/demos/dropout-real/dropout-real-view';
import { encodePng, pngDataUrl, type Channels } from '../../src/components/demos/shared/png';
import { parseDemoProps } from '../../src/lib/demos/common/demo-schema';
import type { DropoutRealResult } from '../../src/lib/demos/dropout-real/dropout-real-logic';
import { dropoutRealSchema } from '../../src/lib/demos/dropout-real/dropout-real-schema';
import { CHEAT_PIXELS, SIDE } from '../../src/lib/demos/dropout-real/mnist-subset';

/** Decoded by pngjs (zlib's inflate and its own CRC checks), always as RGBA. */
function decode(png: Uint8Array): { width: number; height: number; rgba: number[] } {
  const img = PNG.sync.read(Buffer.from(png), { checkCRC: true });
  return { width: img.width, height: img.height, rgba: Array.from(img.data) };
}

/** What a decoder must give for `pixels` of `channels` bytes each, as RGBA. */
function expectedRgba(channels: Channels, pixels: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < pixels.length; i += channels) {
    const p = pixels.slice(i, i + channels);
    if (channels === 1) out.push(p[0]!, p[0]!, p[0]!, 255);
    if (channels === 2) out.push(p[0]!, p[0]!, p[0]!, p[1]!);
    if (channels === 3) out.push(p[0]!, p[1]!, p[2]!, 255);
    if (channels === 4) out.push(...p);
  }
  return out;
}

describe('encodePng', () => {
  it.each([1, 2, 3, 4] as const)('writes %i-channel pixels that an independent decoder reads back exactly', (channels) => {
    const width = 5;
    const height = 3;
    const pixels = Array.from({ length: width * height * channels }, (_, i) => (i * 37 + 11) % 256);
    const got = decode(encodePng(width, height, channels, pixels));
    expect([got.width, got.height]).toEqual([width, height]);
    expect(got.rgba).toEqual(expectedRgba(channels, pixels));
  });

  it('splits rows longer than one stored deflate block (65,535 bytes) across blocks', () => {
    const width = 200;
    const height = 120; // 120 × (1 + 600) = 72,120 bytes of rows: two blocks
    const pixels = Array.from({ length: width * height * 3 }, (_, i) => (i * 7) % 251);
    const got = decode(encodePng(width, height, 3, pixels));
    expect(got.rgba).toEqual(expectedRgba(3, pixels));
  });

  it('rounds and clamps values to bytes, and refuses a wrong pixel count or size', () => {
    const got = decode(encodePng(2, 1, 1, [-4, 300.4]));
    expect(got.rgba).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(decode(encodePng(1, 1, 1, [127.6])).rgba[0]).toBe(128);
    expect(() => encodePng(2, 2, 1, [1, 2, 3])).toThrow(/need 4 values, not 3/);
    expect(() => encodePng(0, 2, 1, [])).toThrow(/positive whole size/);
  });

  it('makes a base64 data URL of the same bytes', () => {
    const url = pngDataUrl(2, 2, 1, [0, 64, 128, 255]);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(Array.from(bytes)).toEqual(Array.from(encodePng(2, 2, 1, [0, 64, 128, 255])));
  });
});

describe('a first-layer filter as a picture', () => {
  const filter = [
    [1, 0, -1],
    [0.5, 0, -0.5],
    [0.25, 0, -0.25],
  ];
  const html = filterImage(filter, 1, 'cnn, filter 1 (3×3)');
  const src = /src="data:image\/png;base64,([^"]+)"/.exec(html)![1]!;
  const img = decode(Buffer.from(src, 'base64'));
  const at = (r: number, c: number) => img.rgba.slice(4 * (r * 3 + c), 4 * (r * 3 + c) + 3);

  it('is one image with one pixel per weight', () => {
    expect(html.match(/<img /g)).toHaveLength(1);
    expect([img.width, img.height]).toEqual([3, 3]);
  });

  it('colours +limit red, −limit blue and 0 white, and weaker weights paler', () => {
    const [r1, g1, b1] = at(0, 0);
    expect(r1).toBeGreaterThan(100);
    expect(r1! - b1!).toBeGreaterThan(60);
    const [r2, , b2] = at(0, 2);
    expect(b2! - r2!).toBeGreaterThan(60);
    // rdbu's middle is near white (247, 247, 247).
    for (const v of at(1, 1)) expect(v).toBeGreaterThan(235);
    // |w| = 0.25 is closer to the white middle than |w| = 1: larger green (the channel red and blue share).
    expect(at(2, 0)[1]!).toBeGreaterThan(g1!);
    // The scale is symmetric: ±w are mirror colours (red of one ≈ blue of the other).
    expect(Math.abs(at(1, 0)[0]! - at(1, 2)[2]!)).toBeLessThan(40);
  });

  it('names the filter and lists its weights row by row in its alternative text', () => {
    // Negative values carry the typographic minus sign, as everywhere on the site.
    expect(html).toContain('alt="cnn, filter 1 (3×3): 1 0 \u22121; 0.5 0 \u22120.5; 0.25 0 \u22120.25"');
  });

  it('has a legend that names the range of its scale', () => {
    const legend = filterLegend(0.42);
    expect(legend).toMatch(/role="img" aria-label="colour scale from \u22120\.42 \(blue\) through 0 \(white\) to 0\.42 \(red\)"/);
    expect(legend).toContain('linear-gradient(to right,');
    expect(legend.match(/<span>/g)).toHaveLength(5);
  });
});

describe('the sample digits of dropout-real as pictures', () => {
  // The default state's stored build-time result, drawn as the page draws it.
  const stored = JSON.parse(readFileSync(new URL('../../src/data/results/dropout-real.json', import.meta.url), 'utf8')) as Record<string, { result: DropoutRealResult }>;
  const result = stored['']!.result;
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const view = renderDropoutRealView(parseDemoProps(dropoutRealSchema, '', 'test'), result, document as unknown as Document);
  const digits = Array.from(view.querySelectorAll('.dreal-digit'));
  const alphaOf = (el: Element) => {
    const url = /url\(data:image\/png;base64,([^)]+)\)/.exec(el.querySelector('.dreal-ink')!.getAttribute('style')!)![1]!;
    const img = decode(Buffer.from(url, 'base64'));
    expect([img.width, img.height]).toEqual([SIDE, SIDE]);
    return Array.from({ length: SIDE * SIDE }, (_, i) => img.rgba[4 * i + 3]!);
  };

  it('draws each sample twice (with the cheat, then clean), one element each, named for a screen reader', () => {
    expect(result.samples.length).toBeGreaterThan(0);
    expect(digits).toHaveLength(2 * result.samples.length);
    for (const d of digits) {
      expect(d.getAttribute('role')).toBe('img');
      expect(d.getAttribute('aria-label')).toMatch(/^digit \d/);
      expect(d.querySelectorAll('*')).toHaveLength(2);
    }
  });

  it("puts each pixel's intensity in the alpha channel, and clears the cheat pixels of the clean copy", () => {
    const cheat = new Set(CHEAT_PIXELS);
    result.samples.forEach((s, k) => {
      const withCheat = alphaOf(digits[2 * k]!);
      const clean = alphaOf(digits[2 * k + 1]!);
      for (let i = 0; i < SIDE * SIDE; i++) {
        const v = Math.round(255 * s.pixels[Math.floor(i / SIDE)]![i % SIDE]!);
        expect(withCheat[i], `sample ${k}, pixel ${i}`).toBe(v);
        expect(clean[i], `sample ${k}, pixel ${i} clean`).toBe(cheat.has(i) ? 0 : v);
      }
      // The code of the label is in the cheat pixels at full ink: bit b of the label, high bit first.
      const code = s.label.toString(2).padStart(CHEAT_PIXELS.length, '0');
      CHEAT_PIXELS.forEach((p, b) => expect(withCheat[p]).toBe(code[b] === '1' ? 255 : 0));
    });
  });
});
