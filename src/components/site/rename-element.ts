/**
 * `html` with every `<from …>` and `</from>` tag renamed to `to`, for rendering a theme
 * component's markup with an element of our own (see TableOfContents.astro). Throws when `from`
 * is not there, so that a theme update fails the build instead of silently undoing the change.
 */
export function renameElement(html: string, from: string, to: string, where: string): string {
  const open = new RegExp(`<${from}(?=[\\s>])`, 'g');
  const close = new RegExp(`</${from}>`, 'g');
  if (!open.test(html) || !close.test(html)) throw new Error(`${where}: no <${from}> in the theme's markup; has the theme changed?`);
  return html.replace(open, `<${to}`).replace(close, `</${to}>`);
}
