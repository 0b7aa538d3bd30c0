import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/** Every test fails on an uncaught page error or a Content-Security-Policy violation. */
export const test = base.extend<{ pageProblems: void }>({
  pageProblems: [async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    await use();
    if (problems.length) throw new Error(problems.join('\n'));
  }, { auto: true }],
});
