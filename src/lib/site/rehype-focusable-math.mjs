// Rehype plugin, run after rehype-katex: every display equation (<span class="katex-display">)
// becomes focusable (tabindex="0").
//
// A display equation wider than the text column scrolls sideways (.katex-display has
// overflow-x: auto in src/styles/site.css, so that it does not spill over the page), and a
// keyboard can only scroll what it can focus (WCAG 2.1.1; axe: scrollable-region-focusable).
// Whether an equation overflows depends on the reader's screen, so every display equation is
// focusable, as Starlight's code blocks are (<pre tabindex="0">). Inline math never scrolls.

/** @param {any} node */
function visit(node) {
  if (node.type === 'element') {
    const cls = node.properties?.className;
    if (Array.isArray(cls) && cls.includes('katex-display') && node.properties.tabIndex === undefined) {
      node.properties.tabIndex = 0;
    }
  }
  if (Array.isArray(node.children)) for (const child of node.children) visit(child);
}

export default function rehypeFocusableMath() {
  return (/** @type {any} */ tree) => visit(tree);
}
