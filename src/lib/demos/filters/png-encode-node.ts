// Node only (build time, scripts): the pictures of the static HTML as PNGs, one byte a pixel.
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { divergingPalette, planeLevels, type DisplayScale } from './filters-colour';
import type { Plane } from './image-plane';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0, 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

/**
 * A palette PNG (colour type 3): pngjs writes only grey and RGB(A), and an RGB photo-sized
 * picture on a diverging map is about four times the bytes of one index per pixel.
 */
function palettePng(levels: Uint8Array, width: number, height: number, palette: [number, number, number][]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // bit depth 8, palette, deflate, adaptive filters, no interlace
  // Each row: filter type 1 (difference from the pixel on the left), then its indices.
  const raw = Buffer.alloc(height * (width + 1));
  for (let r = 0; r < height; r++) {
    raw[r * (width + 1)] = 1;
    for (let c = 0; c < width; c++) raw[r * (width + 1) + 1 + c] = (levels[r * width + c]! - (c ? levels[r * width + c - 1]! : 0)) & 255;
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Uint8Array.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function greyPng(levels: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  levels.forEach((v, i) => png.data.set([v, v, v, 255], 4 * i));
  return PNG.sync.write(png, { colorType: 0, inputColorType: 6, deflateLevel: 9 });
}

/** A plane drawn on its scale, exactly as the live canvas draws it. */
export function planePng(p: Plane, scale: Pick<DisplayScale, 'kind' | 'hi'>): Buffer {
  const levels = planeLevels(p, scale);
  return scale.kind === 'grey' ? greyPng(levels, p.width, p.height) : palettePng(levels, p.width, p.height, divergingPalette());
}

export function planeDataUrl(p: Plane, scale: Pick<DisplayScale, 'kind' | 'hi'>): string {
  return `data:image/png;base64,${planePng(p, scale).toString('base64')}`;
}
