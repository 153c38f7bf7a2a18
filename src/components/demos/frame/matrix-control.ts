import type { Matrix } from '../../../lib/demos/common/matrix-text';
import { formatNumber } from '../../../lib/demos/common/matrix-text';

/** A textarea shows one matrix row per line; entries may be split by commas or spaces. */
export function matrixToControl(m: Matrix): string {
  return m.map((row) => row.map(formatNumber).join(', ')).join('\n');
}

/** Back to the URL form `1,2;3,4`; bad entries are left for the schema to report. */
export function matrixFromControl(text: string): string {
  return text
    .trim()
    .split(/\s*(?:\n|;)\s*/)
    .map((row) => row.trim().split(/\s*,\s*|\s+/).join(','))
    .join(';');
}
