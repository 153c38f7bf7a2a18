import { HOMEWORK } from '../../../lib/demos/batchnorm/batchnorm-schema';
import { matrixToControl } from '../frame/matrix-control';

/** What an empty field stands for at this dimension: the homework's values, shown as placeholders. */
export function homeworkPlaceholders(dims: number): Record<'mu' | 'cov' | 'gamma' | 'beta', string> {
  const h = HOMEWORK[dims === 1 ? 1 : 2];
  return { mu: h.mu.join(', '), cov: matrixToControl(h.cov), gamma: h.gamma.join(', '), beta: h.beta.join(', ') };
}
