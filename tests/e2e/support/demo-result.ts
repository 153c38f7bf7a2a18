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

/**
 * Runs a demo state on backend=wasm and then backend=webgpu, checking that each backend really
 * ran and that `check` holds for both results; returns both for comparison.
 */
export async function onBothBackends(page: Page, demo: string, query: string, check: (r: Result) => void): Promise<[Result, Result]> {
  const results: Result[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    await page.goto(`demos/${demo}/?${query}${query ? '&' : ''}backend=${backend}&autorun=1`);
    const { result, backend: ran } = await resultOf(page, demo);
    expect(ran, `data-backend for backend=${backend}`).toBe(backend);
    check(result);
    results.push(result);
  }
  return results as [Result, Result];
}
