// Reading a demo's answer the way the demo contract publishes it: wait for data-state="done",
// then parse the script[data-demo-result] child and note which backend ran.
import { expect, type Page } from '@playwright/test';

export type Result = Record<string, unknown>;

export async function resultOf(page: Page, demo: string, nth = 0): Promise<{ result: Result; backend: string | null }> {
  const root = page.locator(`[data-demo="${demo}"]`).nth(nth);
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 110_000 });
  const json = await root.locator('script[data-demo-result]').textContent();
  return { result: JSON.parse(json!) as Result, backend: await root.getAttribute('data-backend') };
}
