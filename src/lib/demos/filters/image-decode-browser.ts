// Browser only: images as RGBA bytes, decoded without colour management so that the shipped
// photo gives the bytes Node's PNG decoder gives.
import { siteUrl } from '../../site/site-url';
import type { RgbaImage } from './image-plane';
import { PHOTO_URL_PATH } from './photo';

/** Longer images are shrunk by the browser to this before our own downscale. */
export const MAX_DECODE_SIDE = 4096;
/** Larger images are refused: decoding them at all could take gigabytes. */
export const MAX_MEGAPIXELS = 60;
export const MAX_FILE_MB = 60;

const OPTIONS: ImageBitmapOptions = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' };

/** A reason a chosen image is not used, worded for the reader. */
export class ImageRefused extends Error {}

function pixelsOf(bitmap: ImageBitmap): RgbaImage {
  const { width, height } = bitmap;
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error('this browser gave no 2-D canvas to read the image with');
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, width, height).data;
  bitmap.close();
  return { width, height, data };
}

let photo: Promise<RgbaImage> | undefined;

/** The shipped photo, fetched once per page under the site's base path. */
export function fetchPhoto(): Promise<RgbaImage> {
  if (!photo) {
    photo = fetch(siteUrl(PHOTO_URL_PATH)).then(async (res) => {
      if (!res.ok) throw new Error(`the photo (${PHOTO_URL_PATH}) could not be fetched: HTTP ${res.status}`);
      return pixelsOf(await createImageBitmap(await res.blob(), OPTIONS));
    });
    photo.catch(() => (photo = undefined));
  }
  return photo;
}

/** Width and height from the file's header, before anything large is decoded. */
function naturalSize(blob: Blob): Promise<{ width: number; height: number }> {
  const url = URL.createObjectURL(blob);
  const img = new Image();
  return new Promise<{ width: number; height: number }>((resolve, reject) => {
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new ImageRefused('this file is not an image the browser can read'));
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/**
 * A reader's image file (or webcam frame) as RGBA, never sent anywhere. Huge images are shrunk
 * by the browser while decoding (longest side MAX_DECODE_SIDE); absurd ones are refused.
 */
export async function decodeImageBlob(blob: Blob): Promise<{ image: RgbaImage; note: string }> {
  if (blob.size > MAX_FILE_MB * 1024 * 1024) throw new ImageRefused(`the file is ${(blob.size / 1024 / 1024).toFixed(0)} MB; files up to ${MAX_FILE_MB} MB are accepted`);
  const { width, height } = await naturalSize(blob);
  if (!width || !height) throw new ImageRefused('the image has no size (an SVG without width and height?)');
  if (width * height > MAX_MEGAPIXELS * 1e6) {
    throw new ImageRefused(`the image is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); images up to ${MAX_MEGAPIXELS} megapixels are accepted`);
  }
  const longest = Math.max(width, height);
  const shrink = longest > MAX_DECODE_SIDE ? MAX_DECODE_SIDE / longest : 1;
  const options: ImageBitmapOptions =
    shrink < 1 ? { ...OPTIONS, resizeWidth: Math.max(1, Math.round(width * shrink)), resizeHeight: Math.max(1, Math.round(height * shrink)), resizeQuality: 'medium' } : OPTIONS;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, options);
  } catch (e) {
    throw new ImageRefused(`the browser could not decode the image (${e instanceof Error ? e.message : String(e)})`);
  }
  const image = pixelsOf(bitmap);
  const note = shrink < 1 ? `The image is ${width}×${height}; the browser first decoded it at ${image.width}×${image.height}.` : '';
  return { image, note };
}
