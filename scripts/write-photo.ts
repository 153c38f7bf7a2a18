// Run once by hand; the PNG it writes is committed (no download at build time).
//
//   apt-get download python3-skimage && dpkg -x python3-skimage_*.deb /tmp/skimage
//   npx tsx scripts/write-photo.ts /tmp/skimage/usr/lib/python3/dist-packages/skimage/data/chelsea.png
//
// "Chelsea the cat" from scikit-image's sample data (Debian package python3-skimage 0.19.3):
// skimage/data/_fetchers.py says "No copyright restrictions. CC0 by the photographer (Stefan
// van der Walt)." The source carries an iCCP colour profile; re-encoding it keeps only IHDR,
// IDAT and IEND, so no browser colour-manages it and the browser decodes the very bytes Node
// decodes. At 451x300 it is already at most 512 pixels on its longest side, so it is not resized.
// Then the grey version at the demo's default size, which the static pages show (photo.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { INPUT_SCALE } from '../src/lib/demos/filters/filters-colour';
import { prepareInput } from '../src/lib/demos/filters/filters-logic';
import { GREY_PHOTO } from '../src/lib/demos/filters/photo';
import { decodePng, PHOTO_FILE } from '../src/lib/demos/filters/photo-node';
import { planePng } from '../src/lib/demos/filters/png-encode-node';

const source = process.argv[2];
if (!source) throw new Error('usage: tsx scripts/write-photo.ts <path to chelsea.png>');
const png = PNG.sync.read(readFileSync(source));
const out = new PNG({ width: png.width, height: png.height });
png.data.copy(out.data);
// RGB (colour type 2) without alpha: the photo is opaque, and premultiplication cannot touch it.
writeFileSync(PHOTO_FILE, PNG.sync.write(out, { colorType: 2, inputColorType: 6, deflateLevel: 9 }));
console.log(`wrote ${PHOTO_FILE}: ${png.width}x${png.height}`);

const grey = prepareInput(decodePng(readFileSync(PHOTO_FILE)), GREY_PHOTO.size);
writeFileSync(join('public', GREY_PHOTO.path), planePng(grey, INPUT_SCALE));
console.log(`wrote public/${GREY_PHOTO.path}: ${grey.width}x${grey.height}`);
