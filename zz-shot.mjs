import { chromium } from 'playwright';
import { startServer, normalizeBase } from './scripts/serve.mjs';
import { findChromium, chromiumArgs } from './tests/e2e/support/chromium.mjs';
const [dist, ...pages] = process.argv.slice(2);
const server = await startServer({ root: dist, base: normalizeBase('/course-site/'), port: 0 });
const browser = await chromium.launch({ executablePath: findChromium({ install: false }) ?? undefined, args: chromiumArgs({ webgpu: false }) });
for (const spec of pages) {
  const [p, sel = '', w = '1280', scheme = 'light', full = ''] = spec.split('|');
  const ctx = await browser.newContext({ viewport: { width: Number(w), height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  await page.goto(new URL(p, server.url).href);
  await page.waitForTimeout(1500);
  const name = `/tmp/shots/${p.replace(/\W+/g, '_')}_${w}_${scheme}${sel ? '_' + sel.replace(/\W+/g, '') : ''}.png`;
  if (sel) { const el = page.locator(sel).first(); await el.scrollIntoViewIfNeeded(); await page.waitForTimeout(500); await el.screenshot({ path: name }); }
  else await page.screenshot({ path: name, fullPage: !!full });
  console.log(name);
  await ctx.close();
}
await browser.close(); await server.close();
