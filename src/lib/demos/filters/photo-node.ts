// Node only (build-time results, tests, scripts): the photo read from public/ with pngjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { RgbaImage } from './image-plane';
import { PHOTO_URL_PATH } from './photo';

export const PHOTO_FILE = join('public', PHOTO_URL_PATH);

/** Any PNG as RGBA bytes: pngjs expands grey, palette and 16-bit files to 8-bit RGBA. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
}

let cached: RgbaImage | undefined;

export function photoInNode(root = process.cwd()): RgbaImage {
  cached ??= decodePng(readFileSync(join(root, PHOTO_FILE)));
  return cached;
}
