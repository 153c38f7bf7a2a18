import { siteUrl } from '../site/site-url';

export function modelUrl(key: string): string {
  return siteUrl(`models/${key}.onnx`);
}
