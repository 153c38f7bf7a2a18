import { siteUrl } from '../../site/site-url';
import { decodeSubset, type MnistSubset } from './mnist-subset';

/** The file scripts/write-mnist.ts writes to public/, under the site's base path. */
export const MNIST_URL_PATH = 'data/mnist-subset.bin';

let pending: Promise<MnistSubset> | undefined;

/** Fetches the digits once per page (about 0.7 MB); a failed fetch may be retried later. */
export function fetchMnistSubset(): Promise<MnistSubset> {
  if (!pending) {
    pending = fetch(siteUrl(MNIST_URL_PATH)).then(async (res) => {
      if (!res.ok) throw new Error(`the digits (${MNIST_URL_PATH}) could not be fetched: HTTP ${res.status}`);
      return decodeSubset(new Uint8Array(await res.arrayBuffer()));
    });
    pending.catch(() => (pending = undefined));
  }
  return pending;
}
