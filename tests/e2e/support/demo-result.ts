// Reading a demo's answer the way the demo contract publishes it: wait for data-state="done",
// then parse the script[data-demo-result] child and note which backend ran.
import { expect, test, type Page } from '@playwright/test';

export type Result = Record<string, unknown>;

export async function resultOf(page: Page, demo: string, nth = 0): Promise<{ result: Result; backend: string | null }> {
  const root = page.locator(`[data-demo="${demo}"]`).nth(nth);
  await expect(root).toHaveAttribute('data-state', 'done', { timeout: 110_000 });
  const json = await root.locator('script[data-demo-result]').textContent();
  return { result: JSON.parse(json!) as Result, backend: await root.getAttribute('data-backend') };
}

/** resultOf for a demo whose result type the spec knows, as `{ r, backend }`. */
export async function typedResultOf<R>(page: Page, demo: string): Promise<{ r: R; backend: string | null }> {
  const { result, backend } = await resultOf(page, demo);
  return { r: result as unknown as R, backend };
}

/**
 * Shows `demo?query` on `page`: a navigation to the demo's page, or, when the page is that demo's
 * page already, the reader's Back/Forward path (the address changes, a popstate event, the demo
 * reads its state from the address and runs) with the runtime and the WebGPU device kept warm.
 * The demo starts running synchronously in the event's handler, so a done state read afterwards
 * is this run's.
 */
export async function showState(page: Page, demo: string, query: string): Promise<void> {
  const path = `demos/${demo}/`;
  const here = page.url().startsWith('http') ? new URL(page.url()) : null;
  if (here && here.pathname.endsWith(`/${path}`)) {
    const state = await page.evaluate(
      ({ search, demo }) => {
        history.pushState(null, '', search);
        window.dispatchEvent(new PopStateEvent('popstate'));
        return document.querySelector(`[data-demo="${demo}"]`)?.getAttribute('data-state');
      },
      { search: `?${query}`, demo },
    );
    // Anything else would leave the last run's result in place, to be read as this one's.
    expect(state, `${demo}?${query}: the demo started on popstate`).toBe('running');
  } else {
    await page.goto(`${path}?${query}`);
  }
}

/**
 * Runs a demo state on backend=wasm and then backend=webgpu, checking that each backend really
 * ran and that `check` holds for both results; returns both for comparison. Called again on the
 * same page for another state of the same demo, it runs there without reloading (showState).
 */
export async function onBothBackends(page: Page, demo: string, query: string, check: (r: Result) => void): Promise<[Result, Result]> {
  const results: Result[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    await showState(page, demo, `${query}${query ? '&' : ''}backend=${backend}&autorun=1`);
    const { result, backend: ran } = await resultOf(page, demo);
    expect(ran, `data-backend for backend=${backend}`).toBe(backend);
    check(result);
    results.push(result);
  }
  return results as [Result, Result];
}

/**
 * One test per demo for `rows` (in their order), each row a step, all on one page: a page, a
 * runtime and a WebGPU device per row were most of these tests' time.
 */
export function statesOnOnePage<T extends { demo: string; query: string }>(rows: readonly T[], what: string, body: (page: Page, row: T) => Promise<void>): void {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.demo, [...(groups.get(row.demo) ?? []), row]);
  for (const [demo, group] of groups) {
    test(`${demo}, ${group.length} state(s) on one page: ${what}`, async ({ page }) => {
      for (const row of group) await test.step(`${row.demo}?${row.query}`, () => body(page, row));
    });
  }
}
