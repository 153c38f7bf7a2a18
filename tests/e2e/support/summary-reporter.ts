// Prints one plain closing line, "e2e: N passed, N failed, N skipped", after Playwright's own
// report, so a CI log says plainly how many browser tests ran.

import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // Count each test once, by its final outcome (retries are 0, but be exact anyway).
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped++;
    else this.failed++;
  }

  onEnd(result: FullResult): void {
    // A run that did not pass (global setup failed, interrupted, timed out) never reads as green.
    if (result.status !== 'passed') this.failed = Math.max(this.failed, 1);
    console.log(`\ne2e: ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped`);
  }
}
