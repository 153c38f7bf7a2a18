import { siteUrl } from '../../site/site-url';
import { decodeDigits, type LenetDigits } from './lenet-digits';

/** The file scripts/write-mnist.ts writes to public/, under the site's base path. */
export const LENET_DIGITS_URL_PATH = 'data/mnist-28.bin';

let pending: Promise<LenetDigits> | undefined;

/** Fetches the digits once per page (about 1.6 MB); a failed fetch may be retried later. */
export function fetchLenetDigits(): Promise<LenetDigits> {
  if (!pending) {
    pending = fetch(siteUrl(LENET_DIGITS_URL_PATH)).then(async (res) => {
      if (!res.ok) throw new Error(`the digits (${LENET_DIGITS_URL_PATH}) could not be fetched: HTTP ${res.status}`);
      return decodeDigits(new Uint8Array(await res.arrayBuffer()));
    });
    pending.catch(() => (pending = undefined));
  }
  return pending;
}
