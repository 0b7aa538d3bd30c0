import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot, semap, sqlValue } from './helpers';

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
  await form.getByLabel('CO2-equivalent emissions avoided (tonnes, optional)').fill('3.5');
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
  const verified = reports.find((r: { year: number }) => r.year === year);
  expect(verified).toMatchObject({ status: 'verified', employees_total: 10 });
  expect(Number(verified.environment.co2_avoided_t)).toBe(3.5);
});

test('the printable impact report keeps the figures and drops the page around them; the CSV has a row per year', async ({ page }) => {
  const slug = 'accelerator-of-social-enterprises';
  await page.goto(`/cluster/${slug}?lang=ro`);
  const table = page.locator('.cluster-impact__table');
  await expect(table).toBeVisible();
  const years = await table.locator('tbody tr').count();
  expect(years).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Tipărește raportul de impact' })).toBeVisible();
  // The latest year in detail: vulnerable employees by group, and the environmental figures.
  const latest = await table.locator('tbody tr').last().locator('th').textContent();
  await expect(page.getByRole('heading', { level: 3, name: `Angajați din grupuri vulnerabile în ${latest}, pe grupuri (o persoană poate fi în mai multe)` })).toBeVisible();
  expect(await page.locator('.cluster-impact__latest dl').first().locator('dt').count()).toBeGreaterThan(1);
  await expect(page.getByRole('heading', { level: 3, name: `Mediul în ${latest}` })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(table).toBeVisible();
  await expect(page.locator('.cluster-impact .print-only')).toHaveText('Accelerator of Social Enterprises');
  for (const gone of ['.app-header', '.cluster-map', '.cluster-members', '.cluster-impact__actions']) {
    await expect(page.locator(gone).first()).toBeHidden();
  }
  await expect(page.locator('#cluster-inquiry-heading')).toBeHidden();
  await screenshot(page, 'cluster-impact-print');
  await page.emulateMedia({ media: 'screen' });

  const csv = await page.request.get(`/api/v1/clusters/${slug}/impact?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^year,organisations,employees_total,employees_vulnerable,beneficiaries,turnover_eur/);
  expect(lines.length - 1).toBe(years);
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the impact form and the staff\'s queue read in every language and fit', async ({ page }) => {
    const { token } = memberToken(11);
    const editor = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'editor', '--name', 'e2e impact langs'))?.[0] ?? '';
    const words = {
      ro: ['Raportul anual de impact', 'Rapoarte de impact de verificat'],
      en: ['Yearly impact report', 'Impact reports to check'],
      uk: ['Річний звіт про вплив', 'Звіти про вплив на перевірку'],
      ru: ['Годовой отчёт о влиянии', 'Отчёты о влиянии на проверку'],
    };
    for (const [lang, [form, queue]] of Object.entries(words)) {
      await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
      await page.goto(`/member?lang=${lang}`);
      await page.locator('#member-token').fill(token);
      await page.locator('#member-token').press('Enter');
      await expect(page.getByRole('heading', { level: 2, name: form })).toBeVisible();
      await expect(page.getByRole('form', { name: form })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);

      await page.evaluate(() => sessionStorage.clear());
      await page.goto(`/admin/members?lang=${lang}`);
      await page.locator('form input[type=password]').first().fill(editor);
      await page.locator('form button[type=submit]').first().click();
      await expect(page.getByRole('heading', { level: 2, name: queue })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
    }
    await expectAccessible(page);
    await screenshot(page, 'phone-impact-queue');
  });
});

test.describe('on a 390-px phone, a profile', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('shows the organisation\'s verified yearly reports, in each language', async ({ page }) => {
    const slug = sqlValue(`SELECT o.slug FROM impact_reports r JOIN organisations o ON o.id = r.organisation_id
      WHERE r.status = 'verified' AND o.status = 'published' AND o.kind = 'social_enterprise' ORDER BY o.id LIMIT 1`);
    const reports = (await (await page.request.get(`/api/v1/enterprises/${slug}/impact`)).json()).reports;
    expect(reports.length).toBeGreaterThan(0);
    const headings = { ro: 'Impactul pe ani', en: 'Impact by year', uk: 'Вплив за роками', ru: 'Влияние по годам' };
    for (const [lang, heading] of Object.entries(headings)) {
      await page.goto(`/e/${slug}?lang=${lang}`);
      await expect(page.getByRole('heading', { level: 3, name: heading })).toBeVisible();
      const table = page.getByRole('region', { name: heading }).getByRole('table');
      await expect(table.getByRole('row')).toHaveCount(reports.length + 1);
      await expect(table.getByRole('rowheader', { name: String(reports[0].year) })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
    }
    await screenshot(page, 'phone-profile-impact');
    await expectAccessible(page);
  });
});
