import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot, semap } from './helpers';

test('a member submits a yearly impact report, staff verify it, and it becomes public', async ({ page }) => {
  const { slug, token } = memberToken(7);
  const year = new Date().getUTCFullYear() - 7; // a year the demo never reports, so the test owns it
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/member?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Yearly impact report' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Yearly impact report' });
  await form.getByLabel('Year', { exact: true }).selectOption(String(year));
  await form.getByLabel('Employees', { exact: true }).fill('10');
  await form.getByLabel('Employees from vulnerable groups').fill('12');
  await page.getByRole('button', { name: `Submit the ${year} report` }).click();
  // More vulnerable employees than employees: refused, said in the reader's language, nothing stored.
  await expect(form.getByRole('alert')).toContainText('Please correct the marked fields');
  await form.getByLabel('Employees from vulnerable groups').fill('6');
  await form.getByLabel('Roma').fill('2');
  await form.getByLabel('Turnover (EUR)').fill('90000');
  await page.getByRole('button', { name: `Submit the ${year} report` }).click();
  await expect(form.getByRole('status').or(form.getByRole('alert'))).toContainText(`The ${year} report has been submitted for a check.`);
  await expect(page.getByText(`${year}: submitted, waiting for a check`)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await screenshot(page, 'member-impact');
  expect((await (await page.request.get(`/api/v1/enterprises/${slug}/impact`)).json()).reports
    .some((r: { year: number }) => r.year === year)).toBe(false);

  const editor = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'editor', '--name', 'e2e impact'))?.[0] ?? '';
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('/admin/members?lang=uk');
  await page.getByLabel('Токен доступу').fill(editor);
  await page.locator('form button[type=submit]').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Звіти про вплив на перевірку' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`Позначити перевіреним: .*, ${year}`) }).click();
  await expect(page.getByRole('button', { name: new RegExp(`Позначити перевіреним: .*, ${year}`) })).toHaveCount(0);
  await expectAccessible(page);
  const reports = (await (await page.request.get(`/api/v1/enterprises/${slug}/impact`)).json()).reports;
  expect(reports.find((r: { year: number }) => r.year === year)).toMatchObject({ status: 'verified', employees_total: 10 });
});
