import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap } from './helpers';

test('the statistics dashboard shows the demo totals and draws its charts', async ({ page }) => {
  const out = semap('token', 'create', '--role', 'editor', '--name', 'e2e stats');
  const token = /semap_[A-Za-z0-9_-]+/.exec(out)?.[0] ?? '';
  await page.goto('/admin?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Statistics' }).click();
  await expect(page).toHaveURL(/\/admin\/stats\?lang=en/);
  await expect(page.locator('[data-figure=members]')).toHaveText('60');
  await expect(page.locator('[data-figure=employees]')).toHaveText('319');
  await expect(page.locator('[data-figure=turnover]')).toHaveText('€3,000,000');
  // Every chart is drawn (Chart.js loaded lazily) and has its table; staff see the service requests.
  for (const id of ['country', 'kind', 'employment', 'turnover', 'impact', 'region', 'requests']) {
    await expect(page.locator(`#chart-${id}[data-drawn=true]`)).toBeAttached();
  }
  const painted = await page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.stats-chart canvas')].map((canvas) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
    return inked;
  }));
  expect(painted.length).toBe(7);
  for (const inked of painted) expect(inked).toBeGreaterThan(100);
  const country = page.locator('figure', { has: page.locator('#chart-country') });
  await country.getByText('The data as a table').click();
  await expect(country.getByRole('row', { name: /Romania 45/ })).toBeVisible();
  await expect(country.getByRole('row', { name: /Moldova 15/ })).toBeVisible();
  await screenshot(page, 'admin-stats');
  await expectAccessible(page);

  // Romanian formats the same money its own way.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ro');
  await expect(page.locator('[data-figure=turnover]')).toHaveText(/^3\.000\.000\s(€|EUR)$/);
});
