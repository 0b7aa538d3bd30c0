import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, tokenFromOutbox } from './helpers';

test('a claim sent from the profile is confirmed through the e-mailed link, once', async ({ page }) => {
  const list = await (await page.request.get('/api/v1/enterprises?limit=1&country=MD&claimed=false')).json();
  const enterprise = list.items[0];
  await page.goto(`/e/${enterprise.slug}?lang=ro`);
  await page.getByText('Este organizația dumneavoastră? Revendicați intrarea').click();
  const claim = page.locator('details.claim');
  // The API's per-field errors are shown next to their fields.
  await claim.getByRole('button', { name: 'Trimite cererea' }).click();
  await expect(claim.getByRole('textbox', { name: 'E-mailul dumneavoastră' })).toHaveAttribute('aria-invalid', 'true');
  await claim.getByRole('textbox', { name: 'Numele dumneavoastră' }).fill('Ana Popescu');
  await claim.getByRole('textbox', { name: 'E-mailul dumneavoastră' }).fill('ana.popescu@example.org');
  await claim.getByRole('textbox', { name: 'Mesaj (opțional)' }).fill('Sunt directoarea.');
  await claim.getByRole('button', { name: 'Trimite cererea' }).click();
  await expect(claim.getByRole('status').filter({ hasText: 'Am trimis un link la adresa de e-mail a intrării' })).toBeVisible();
  await screenshot(page, 'claim-sent');
  await expectAccessible(page);

  const token = tokenFromOutbox('/claims/confirm');
  await page.goto(`/claims/confirm?token=${token}&lang=ro`);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirmarea revendicării' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm revendicarea' }).click();
  await expect(page.getByText('intrarea este acum revendicată')).toBeVisible();
  const shown = page.getByRole('textbox', { name: 'Tokenul de membru' });
  await expect(shown).toHaveValue(/\S{20,}/);
  const memberToken = await shown.inputValue();
  await expect(page.getByRole('button', { name: 'Copiază tokenul' })).toBeVisible();
  await screenshot(page, 'claim-confirmed');
  await expectAccessible(page);
  // One click takes the token to the members' area, signed in for this organisation.
  await page.getByRole('button', { name: 'Deschideți zona membrilor cu acest token' }).click();
  await expect(page).toHaveURL(/\/member\?lang=ro/);
  await expect(page.getByText(`pentru ${enterprise.name}`, { exact: false })).toBeVisible();

  // The token works for the organisation's own entry, and the entry is now claimed.
  const profile = await (await page.request.get(`/api/v1/enterprises/${enterprise.slug}`)).json();
  expect(profile.claimed).toBe(true);
  expect(memberToken.length).toBeGreaterThan(20);
  // What the page says to do with it: edit the entry (here its opening hours, which the profile then shows).
  const current = await page.request.get(`/api/v1/enterprises/${enterprise.slug}`);
  const patched = await page.request.patch(`/api/v1/enterprises/${enterprise.slug}`, {
    headers: { Authorization: `Bearer ${memberToken}`, 'If-Match': current.headers().etag!, 'Content-Type': 'application/json' },
    data: { opening_hours: 'Mo-Fr 08:00-16:00; Sa 09:00-12:00' },
  });
  expect(patched.status()).toBe(200);
  await page.goto(`/e/${enterprise.slug}?lang=en`);
  await expect(page.getByRole('heading', { level: 3, name: 'Opening hours' })).toBeVisible();
  const week = page.locator('.opening-hours-week');
  await expect(week.locator('div').filter({ hasText: 'Wednesday' }).locator('dd')).toHaveText('08:00–16:00');
  await expect(week.locator('div').filter({ hasText: 'Saturday' }).locator('dd')).toHaveText('09:00–12:00');
  await expect(week.locator('div').filter({ hasText: 'Sunday' }).locator('dd')).toHaveText('Closed');
  await expect(page.getByText('Claimed by the organisation')).toBeVisible();
  await expect(page.getByText('Is this your organisation?')).toHaveCount(0);
  const claimedOnly = await (await page.request.get(`/api/v1/enterprises?claimed=true&limit=100`)).json();
  expect(claimedOnly.items.map((e: { slug: string }) => e.slug)).toContain(enterprise.slug);

  // The "claimed only" filter, and the profile's badge.
  await page.goto('/?lang=ro');
  await page.locator('details.filters > summary').click(); // folded at first
  await page.getByRole('checkbox', { name: 'Doar revendicate de organizație' }).check();
  await expect(page).toHaveURL(/claimed=1/);
  await expect(page.locator('.result__name').filter({ hasText: enterprise.name })).toBeVisible();

  // The same link a second time: used.
  await page.goto(`/claims/confirm?token=${token}&lang=en`);
  await page.getByRole('button', { name: 'Confirm the claim' }).click();
  await expect(page.getByRole('alert')).toContainText('already been used');
  await screenshot(page, 'claim-link-used');
});

test('a freshness reminder\'s link lets the organisation ask to update its entry, once', async ({ page }) => {
  // The yearly reminders, as cron would send them two years from now: every entry is then quiet.
  semap('reminders', 'send', '--now', '2029-01-01T00:00:00');
  const token = tokenFromOutbox('/freshness/confirm');
  await page.goto(`/freshness/confirm?token=${token}&lang=uk`);
  await expect(page.getByRole('heading', { level: 1, name: 'Чи дані ще актуальні?' })).toBeVisible();
  await page.getByRole('button', { name: 'Я хочу його оновити' }).click();
  await expect(page.getByText('З токеном нижче ви можете оновити запис.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Ваш токен учасника' })).toHaveValue(/\S{20,}/);
  await screenshot(page, 'freshness-update');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Відкрити запис' }).click();
  await expect(page).toHaveURL(/\/e\/[a-z0-9-]+\?lang=uk/);

  await page.goto(`/freshness/confirm?token=${token}&lang=uk`);
  await page.getByRole('button', { name: 'Так, актуальний' }).click();
  await expect(page.getByRole('alert')).toContainText('вже використано');
});

test('an unknown freshness link says so, and a missing token too', async ({ page }) => {
  await page.goto('/freshness/confirm?token=nosuchtoken0000000000000000000000000000000&lang=en');
  await expect(page.getByRole('heading', { level: 1, name: 'Is this entry still up to date?' })).toBeVisible();
  await screenshot(page, 'freshness-confirm');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Yes, it is up to date' }).click();
  await expect(page.getByRole('alert')).toContainText('This link is not known');
  await page.goto('/claims/confirm?lang=en');
  await expect(page.getByRole('alert')).toContainText('This link is not known');
});

test('the embed-code page previews the map and gives its iframe code', async ({ page }) => {
  await page.goto('/?lang=en&map=7/47.1/27.6');
  await page.waitForFunction(() => !!window.semapMap && window.semapMap.loaded(), undefined, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Embed the map' }).click();
  await expect(page).toHaveURL(/\/embed-code\?lang=en/);
  await expect(page.getByRole('heading', { level: 1, name: 'Embed the map on your site' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'The current map view' })).toBeChecked();
  const code = page.getByRole('textbox', { name: 'HTML code' });
  await expect(code).toHaveValue(/<iframe src="[^"]*\/embed\?bbox=[^"]*lang=en/);

  await page.getByRole('checkbox', { name: 'Romania' }).check();
  await page.getByLabel('Impact area').selectOption('work_integration');
  await page.getByLabel('Language of the map').selectOption('ro');
  await page.getByLabel('Width (px)').fill('500');
  await expect(code).toHaveValue(/country=RO&amp;impact=work_integration&amp;lang=ro.*width="500"/);
  const preview = page.frameLocator('iframe.embed-preview');
  await expect(preview.locator('svg').first()).toBeVisible();
  // Its markers link to the profiles (/e/{slug}).
  await expect(preview.locator('a[href*="/e/"]').first()).toBeAttached();
  await screenshot(page, 'embed-code');
  // axe cannot run inside the script-less sandboxed preview (the API's own page, tested with the API), so
  // the page is checked without it.
  await page.locator('iframe.embed-preview').evaluate((frame) => frame.remove());
  await expectAccessible(page);
});
