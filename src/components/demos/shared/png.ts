/**
 * A tiny picture (a 7×7 filter, a 12×12 digit) as a PNG data URL, so it is one element in the page
 * where an SVG rect per pixel made thousands. Pure and synchronous: the build (Node, no canvas)
 * and the live view (browser) make the same string. Written here rather than taken from a library
 * because the pictures are a few hundred bytes, so the pixels go in uncompressed (deflate "stored"
 * blocks) and what is left is the container: pngjs needs Node's zlib, and the browser encoders
 * bring a deflate implementation these pictures do not need.
 */

/** Colour types of the PNG specification, by channels per pixel. */
const COLOR_TYPE = { 1: 0, 2: 4, 3: 2, 4: 6 } as const; // grey, grey+alpha, RGB, RGBA

export type Channels = keyof typeof COLOR_TYPE;

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream of stored (uncompressed) deflate blocks, at most 65,535 bytes each. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  const view = new DataView(out.buffer);
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // no preset dictionary, fastest; (0x78 << 8 | 0x01) % 31 === 0
  let at = 2;
  for (let i = 0; i < blocks; i++) {
    const chunk = raw.subarray(i * 65535, Math.min(raw.length, (i + 1) * 65535));
    out[at] = i === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, chunk.length, true);
    view.setUint16(at + 3, ~chunk.length & 0xffff, true);
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
  }
  view.setUint32(at, adler32(raw));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG file of `width`×`height` 8-bit pixels, row by row, `channels` bytes each. */
export function encodePng(width: number, height: number, channels: Channels, pixels: ArrayLike<number>): Uint8Array {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new Error(`a PNG needs a positive whole size, not ${width}×${height}`);
  if (pixels.length !== width * height * channels) throw new Error(`${width}×${height}×${channels} pixels need ${width * height * channels} values, not ${pixels.length}`);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = COLOR_TYPE[channels];
  // Rows are prefixed by filter type 0 (none); values are clamped to 0…255.
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let r = 0; r < height; r++) {
    for (let i = 0; i < stride; i++) raw[r * (stride + 1) + 1 + i] = Math.max(0, Math.min(255, Math.round(pixels[r * stride + i]!)));
  }
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `encodePng` as a `data:` URL. */
export function pngDataUrl(width: number, height: number, channels: Channels, pixels: ArrayLike<number>): string {
  const png = encodePng(width, height, channels, pixels);
  let binary = '';
  for (const b of png) binary += String.fromCharCode(b);
  return `data:image/png;base64,${btoa(binary)}`;
}
