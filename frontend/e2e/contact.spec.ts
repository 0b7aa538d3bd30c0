import { expect, test } from './fixtures';
import { expectAccessible, screenshot, sqlValue } from './helpers';

test('a buyer sends a message from the profile, with per-field errors first, and the e-mail is never shown', async ({ page }) => {
  const list = await (await page.request.get('/api/v1/enterprises?limit=1&country=RO&q=brutarie')).json();
  const enterprise = list.items[0];
  const before = Number(sqlValue(`SELECT count(*) FROM inquiries WHERE organisation_id = ${Number(enterprise.id)}`));
  await page.goto(`/e/${enterprise.slug}?lang=en`);
  const form = page.getByRole('form', { name: `Message to ${enterprise.name}` });
  await expect(form).toBeVisible();
  await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);

  await form.getByRole('textbox', { name: 'Your name' }).fill('Ion Buyer');
  await form.getByRole('textbox', { name: 'Your e-mail' }).fill('not-an-address');
  await form.getByRole('textbox', { name: 'Message' }).fill('short');
  await form.getByRole('button', { name: 'Send the message' }).click();
  await expect(form.getByRole('alert')).toHaveText('Please correct the marked fields.');
  await expect(form.getByRole('textbox', { name: 'Your e-mail' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('textbox', { name: 'Message' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('textbox', { name: 'Your name' })).not.toHaveAttribute('aria-invalid', 'true');
  // Worded by the SPA from the error's type and limits, not the API's English message.
  await expect(form.getByText('Enter a valid e-mail address, e.g. name@example.org.')).toBeVisible();
  await expect(form.getByText('At least 10 characters.')).toBeVisible();
  await screenshot(page, 'contact-errors');
  await expectAccessible(page);

  await form.getByRole('textbox', { name: 'Your e-mail' }).fill('ion.buyer@example.org');
  await form.getByRole('textbox', { name: 'Organisation (optional)' }).fill('Primăria Iași');
  await form.getByRole('textbox', { name: 'Message' }).fill('We would like 200 loaves a week for the school canteen.');
  await form.getByRole('spinbutton', { name: 'Quantity (optional)' }).fill('200');
  await form.getByLabel('Wanted by (optional)').fill('2027-03-01');
  await form.getByRole('button', { name: 'Send the message' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Your message has been sent to ${enterprise.name}` })).toBeVisible();
  await screenshot(page, 'contact-sent');

  const row = sqlValue(`SELECT buyer_email || '|' || quantity || '|' || wanted_date FROM inquiries `
    + `WHERE organisation_id = ${Number(enterprise.id)} ORDER BY id DESC LIMIT 1`);
  expect(row).toBe('ion.buyer@example.org|200|2027-03-01');
  expect(Number(sqlValue(`SELECT count(*) FROM inquiries WHERE organisation_id = ${Number(enterprise.id)}`))).toBe(before + 1);
});

test('a rate-limited message says when to try again', async ({ page }) => {
  await page.route('**/api/v1/inquiries', (route) => route.fulfill({
    status: 429, headers: { 'Retry-After': '17', 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ status: 429, title: 'Too many requests', detail: 'retry in 17 s', code: 'rate_limited' }),
  }));
  const list = await (await page.request.get('/api/v1/enterprises?limit=1&country=UA')).json();
  await page.goto(`/e/${list.items[0].slug}?lang=ro`);
  const form = page.getByRole('form');
  await form.getByRole('textbox', { name: 'Numele dumneavoastră' }).fill('Ion');
  await form.getByRole('textbox', { name: 'E-mailul dumneavoastră' }).fill('ion@example.org');
  await form.getByRole('textbox', { name: 'Mesajul' }).fill('Un mesaj suficient de lung.');
  await form.getByRole('button', { name: 'Trimite mesajul' }).click();
  await expect(form.getByRole('alert')).toHaveText('Prea multe cereri. Încercați din nou peste 17 secunde.');
});
