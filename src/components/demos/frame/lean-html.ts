/**
 * Build-time trimming of a demo's static HTML (DemoFrame applies it to what the demo renders).
 * Plot writes coordinates with full float precision (`translate(93.23076923076923,430)`) and
 * contours as runs of collinear grid points (`M440,21L440,23L440,25…`), which made the inline
 * SVGs the bulk of the heaviest pages. What the reader sees does not change:
 *
 * - numbers in geometry attributes are rounded to a hundredth of a unit of a ~500-unit drawing
 *   (finer for small view boxes), never in text, styles, `em` lengths or view boxes;
 * - in paths made only of M/L/Z, points within a fifth of a pixel (of such a drawing) of the
 *   straight segment that replaces them are dropped: straight runs and near-straight curves;
 * - identical <style> blocks (Plot repeats its stylesheet in every chart) are kept once: a style
 *   element inside inline SVG applies to the whole document, and every chart drawn later in the
 *   browser brings its own.
 */

const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'dx', 'dy', 'width', 'height', 'points']);
const NUMBER = /-?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?/gi;

function roundNumber(text: string, digits: number): string {
  const v = Number(text);
  if (!Number.isFinite(v)) return text;
  const r = Number(v.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** The larger side of the drawing's view box (else its width), in user units. */
function extentOf(svgOpenTag: string): number {
  const box = /\sviewBox="([^"]*)"/.exec(svgOpenTag)?.[1]!.trim().split(/[\s,]+/).map(Number);
  const extent = box && box.length === 4 ? Math.max(box[2]!, box[3]!) : Number(/\swidth="([\d.]+)"/.exec(svgOpenTag)?.[1] ?? 500);
  return extent > 0 ? extent : 500;
}

/** Decimals that keep 1/100 of a unit of a 500-unit drawing, relative to this drawing's size. */
function digitsFor(svgOpenTag: string): number {
  const extent = extentOf(svgOpenTag);
  return Math.min(6, Math.max(2, Math.ceil(Math.log10(1e4 / extent))));
}

type Point = [number, number];

/** Drops the interior points of straight runs; `tol` is the largest distance a point may be off the kept segment. */
function simplifyRun(points: Point[], tol: number): Point[] {
  if (points.length < 3) return points;
  const off = (p: Point, a: Point, b: Point) => {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
    // Only points between a and b (a turn back is not a straight run).
    const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (len * len);
    if (t <= 0 || t >= 1) return Infinity;
    return Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / len;
  };
  const kept: Point[] = [points[0]!];
  let skipped: Point[] = [];
  for (let i = 1; i < points.length - 1; i++) {
    const a = kept[kept.length - 1]!;
    const b = points[i + 1]!;
    const candidate = points[i]!;
    if ([...skipped, candidate].every((p) => off(p, a, b) <= tol)) skipped.push(candidate);
    else {
      kept.push(candidate);
      skipped = [];
    }
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

/** A path of absolute M/L/Z commands only, with straight runs merged; any other path unchanged. */
function simplifyPath(d: string, tol: number): string {
  if (!/^[MLZ\d\s,.eE+-]*$/.test(d) || !d.trim().startsWith('M')) return d;
  const out: string[] = [];
  for (const sub of d.match(/M[^M]*/g) ?? []) {
    const closed = /Z\s*$/.test(sub);
    const nums = (sub.replace(/Z\s*$/, '').match(NUMBER) ?? []).map(Number);
    if (nums.length % 2 || /Z./.test(sub.trim())) return d;
    const points: Point[] = [];
    for (let i = 0; i < nums.length; i += 2) points.push([nums[i]!, nums[i + 1]!]);
    const kept = simplifyRun(points, tol);
    out.push(`M${kept.map((p) => `${p[0]},${p[1]}`).join('L')}${closed ? 'Z' : ''}`);
  }
  return out.join('');
}

function leanSvg(svg: string): string {
  const openEnd = svg.indexOf('>');
  const digits = digitsFor(svg.slice(0, openEnd + 1));
  // A point may move off a straight run by a fifth of a pixel of a 500-unit drawing (scaled to this one).
  const tol = 0.2 * (extentOf(svg.slice(0, openEnd + 1)) / 500);
  // Attributes of tags only (text between tags, and <style> bodies, are left alone).
  return svg.replace(/<[a-zA-Z][^>]*>/g, (tag, offset: number) => {
    if (offset === 0) return tag;
    return tag.replace(/\s([a-zA-Z][\w:-]*)="([^"]*)"/g, (whole, name: string, value: string) => {
      if (!GEOMETRY.has(name) || /em|%/.test(value)) return whole;
      if (name === 'transform' && /[^\w\s(),.+-]/.test(value)) return whole;
      if (name !== 'd' && name !== 'transform' && name !== 'points' && !/^[\s\d.eE+-]*$/.test(value)) return whole;
      let v = value.replace(NUMBER, (n) => (n.includes('.') ? roundNumber(n, digits) : n));
      if (name === 'd') v = simplifyPath(v, tol);
      return ` ${name}="${v}"`;
    });
  });
}

export function leanHtml(html: string): string {
  const seenStyles = new Set<string>();
  return html
    .replace(/<svg[\s>][\s\S]*?<\/svg>/g, (svg) => leanSvg(svg))
    .replace(/<style>([\s\S]*?)<\/style>/g, (whole, body: string) => {
      if (seenStyles.has(body)) return '';
      seenStyles.add(body);
      return whole;
    });
}
