import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { plot } from '../../src/components/demos/shared/plot';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

const options = (): Plot.PlotOptions => ({
  document,
  width: 400,
  height: 200,
  x: { label: 'epoch', domain: [1, 10] },
  y: { label: 'loss', grid: true, domain: [0, 2] },
  marks: [Plot.line([{ x: 1, y: 2 }, { x: 10, y: 0.5 }], { x: 'x', y: 'y' }), Plot.ruleY([0.3], { strokeDasharray: '2,3' })],
});

/** Every straight segment a chart draws in its hidden groups, as absolute "x1,y1,x2,y2" rounded to 0.01. */
function segments(svg: Element): string[] {
  const out: string[] = [];
  const r = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
  for (const g of Array.from(svg.querySelectorAll('g[aria-hidden="true"]'))) {
    for (const el of Array.from(g.children)) {
      if (el.localName === 'line') out.push(['x1', 'y1', 'x2', 'y2'].map((a) => r(Number(el.getAttribute(a) ?? 0))).join());
      if (el.localName !== 'path') continue;
      const t = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '') ?? ['', '0', '0'];
      const nums = (el.getAttribute('d') ?? '').match(/-?\d*\.?\d+/g)!.map(Number);
      for (let i = 0; i + 3 < nums.length; i += 4) out.push([nums[i]! + Number(t[1]), nums[i + 1]! + Number(t[2]), nums[i + 2]! + Number(t[1]), nums[i + 3]! + Number(t[2])].map(r).join());
    }
  }
  return out.sort();
}

describe('charts draw their ticks and grid lines as one path a group', () => {
  const raw = Plot.plot(options()) as unknown as Element;
  const compact = plot(options()) as unknown as Element;

  it('draws the same segments as Plot, with far fewer elements', () => {
    expect(segments(compact)).toEqual(segments(raw));
    expect(segments(raw).length).toBeGreaterThanOrEqual(15);
    expect(compact.querySelectorAll('*').length).toBeLessThanOrEqual(raw.querySelectorAll('*').length - 12);
  });

  it('leaves one unfilled path in each hidden group of segments, with the group keeping its strokes', () => {
    const hidden = Array.from(compact.querySelectorAll('g[aria-hidden="true"]')).filter((g) => g.children.length > 0);
    expect(hidden.length).toBeGreaterThanOrEqual(3); // x ticks, y ticks, y grid
    for (const g of hidden) {
      expect(g.children).toHaveLength(1);
      expect(g.children[0]!.getAttribute('fill')).toBe('none');
      expect(g.getAttribute('stroke')).toBe('currentColor');
    }
  });

  it('leaves the marks a reader or screen reader meets alone (the line, the rule, the tick labels)', () => {
    const count = (el: Element, sel: string) => el.querySelectorAll(sel).length;
    expect(count(compact, 'text')).toBe(count(raw, 'text'));
    expect(count(compact, 'g[aria-label="line"] path, g[role="group"] path')).toBeGreaterThan(0);
    expect(compact.querySelector('g[aria-label="rule"], g[role="group"] line')).not.toBeNull();
  });
});
