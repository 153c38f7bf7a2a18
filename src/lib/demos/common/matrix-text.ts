/** Matrices travel in URLs and MDX as rows split by `;`, entries by `,`: `1,2;3,4`. */
export type Matrix = number[][];

export function formatMatrix(m: Matrix): string {
  return m.map((row) => row.map(formatNumber).join(',')).join(';');
}

export function formatList(values: readonly number[]): string {
  return values.map(formatNumber).join(',');
}

/** Shortest text that reads back as the same float64. */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/** Parses one entry; `null` when it is not a finite number. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseMatrixText(text: string): ParseOutcome<Matrix> {
  const rows = text.split(';').map((r) => r.trim());
  if (rows.length === 0 || rows.every((r) => r === '')) return { ok: false, reason: 'it is empty' };
  const m: Matrix = [];
  for (const [i, row] of rows.entries()) {
    const entries = row.split(',');
    const values: number[] = [];
    for (const [j, entry] of entries.entries()) {
      const v = parseNumber(entry);
      if (v === null) return { ok: false, reason: `row ${i + 1}, entry ${j + 1} is not a number ("${entry.trim()}")` };
      values.push(v);
    }
    m.push(values);
  }
  const width = m[0]!.length;
  const ragged = m.findIndex((r) => r.length !== width);
  if (ragged >= 0) {
    return { ok: false, reason: `rows differ in length (row 1 has ${width} entries, row ${ragged + 1} has ${m[ragged]!.length})` };
  }
  return { ok: true, value: m };
}

export function parseListText(text: string): ParseOutcome<number[]> {
  const entries = text.split(',');
  const values: number[] = [];
  for (const [j, entry] of entries.entries()) {
    const v = parseNumber(entry);
    if (v === null) return { ok: false, reason: `entry ${j + 1} is not a number ("${entry.trim()}")` };
    values.push(v);
  }
  return { ok: true, value: values };
}
