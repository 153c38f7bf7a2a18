/** The photograph shipped with the site, under the base path (scripts/write-photo.ts writes it). */
export const PHOTO_URL_PATH = 'images/chelsea.png';

/**
 * The grey photo at the default size, drawn as the demo draws its input. Every solution page
 * shows it in several demos; as one file the browser loads it once instead of each demo's
 * static HTML carrying its own copy (scripts/write-photo.ts writes it, a test keeps it current).
 */
export const GREY_PHOTO = { size: 256, path: 'images/chelsea-grey-256.png' } as const;

/** Who took it and on what terms, for every page that shows it. */
export const PHOTO_CREDIT = {
  title: 'Chelsea the cat',
  author: 'Stéfan van der Walt',
  licence: 'CC0, no copyright restrictions',
  source: 'scikit-image sample data (skimage.data.chelsea), as shipped in Debian’s python3-skimage package',
} as const;
