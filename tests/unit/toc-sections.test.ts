import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { headingSelector, sectionsOf } from '../../src/components/site/toc-sections';

// The shape of a Starlight page: the title panel and the content panel are children of <main>;
// headings sit in wrappers among the Markdown's top-level blocks.
const page = `<main>
  <div class="content-panel" id="title-panel"><h1 id="_top">Title</h1></div>
  <div class="content-panel" id="body"><div class="sl-markdown-content">
    <p id="intro">intro</p>
    <div class="sl-heading-wrapper level-h2"><h2 id="part-a">Part (a)</h2><a href="#part-a">§</a></div>
    <p id="a1">text <span class="katex"><span><span>x</span></span></span></p>
    <div class="katex-display" id="a2"><span><span>y</span></span></div>
    <div class="sl-heading-wrapper level-h3"><h3 id="a-detail">Detail</h3></div>
    <p id="a3">more</p>
    <h4 id="too-deep">not in the list</h4>
    <p id="a4">still under Detail</p>
    <details id="both"><summary>two</summary><h2 id="inner-b">B</h2><h2 id="inner-c">C</h2></details>
    <p id="c1">after C</p>
    <h2 id="plain">A bare heading</h2>
    <p id="p1">under it</p>
  </div></div>
  <footer id="foot">pagination</footer>
</main>`;

describe('sectionsOf: the heading each part of a page is read under', () => {
  const { document } = parseHTML(`<!doctype html><html><body>${page}</body></html>`);
  const main = document.querySelector('main')!;
  const sections = sectionsOf(main, headingSelector(2, 3));
  const under = (id: string) => sections.get(document.getElementById(id)!)?.id;

  it('builds the selector of the headings the list links to', () => {
    expect(headingSelector(2, 3)).toBe('h1#_top,:where(h2,h3)[id]');
    expect(headingSelector(2, 2)).toBe('h1#_top,:where(h2)[id]');
  });

  it('puts blocks under the last heading before them, and headings under themselves', () => {
    expect(under('intro')).toBe('_top');
    expect(under('part-a')).toBe('part-a');
    expect(under('a1')).toBe('part-a');
    expect(under('a2')).toBe('part-a');
    expect(under('a-detail')).toBe('a-detail');
    expect(under('a3')).toBe('a-detail');
    expect(under('plain')).toBe('plain');
    expect(under('p1')).toBe('plain');
  });

  it('skips headings deeper than the list (an h4 is read under the h3 before it)', () => {
    expect(under('too-deep')).toBe('a-detail');
    expect(under('a4')).toBe('a-detail');
  });

  it('watches each heading inside a block and puts what follows under the last of them', () => {
    expect(under('inner-b')).toBe('inner-b');
    expect(under('inner-c')).toBe('inner-c');
    expect(sections.has(document.getElementById('both')!)).toBe(false);
    expect(under('c1')).toBe('inner-c');
  });

  it('reads the children of <main> without headings under the page title, and watches the title', () => {
    expect(under('foot')).toBe('_top');
    expect(under('_top')).toBe('_top');
    expect(sections.has(document.getElementById('title-panel')!)).toBe(false);
    expect(sections.has(document.getElementById('body')!)).toBe(false);
    // Nothing inside a block is watched on its own: one entry per block.
    expect(sections.has(document.querySelector('.katex')!)).toBe(false);
  });

  it('lists them in document order (the footer last, though found first)', () => {
    const ids = [...sections.keys()].map((el) => el.id);
    expect(ids[0]).toBe('_top');
    expect(ids.at(-1)).toBe('foot');
    expect(ids.indexOf('a1')).toBeLessThan(ids.indexOf('a2'));
    expect(ids.indexOf('c1')).toBeLessThan(ids.indexOf('p1'));
  });
});
