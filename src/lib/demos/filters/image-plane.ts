/** An 8-bit RGBA picture as canvases and PNG decoders hand it out: 4 bytes per pixel, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** One channel of numbers, row by row: a grey image or a filter's output. */
export interface Plane {
  width: number;
  height: number;
  data: Float64Array;
}

export function planeRows(p: Plane, round?: (v: number) => number): number[][] {
  const f = round ?? ((v: number) => v);
  return Array.from({ length: p.height }, (_, r) => Array.from(p.data.subarray(r * p.width, (r + 1) * p.width), f));
}
