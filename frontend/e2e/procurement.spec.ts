import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot, semap, sqlValue } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const RESERVED_LABEL = {
  ro: 'Doar contracte rezervate', en: 'Reserved contracts only', uk: 'Лише зарезервовані контракти',
  ru: 'Только зарезервированные контракты',
} as const;

test('a buyer asks for reserved contracts only: the wizard sends it and the results name the legal basis', async ({ page }) => {
  // Its own eligible supplier: a Romanian caterer with verified evidence under Law 98/2016, art. 56.
  const id = sqlValue(`SELECT o.id FROM organisations o JOIN offerings f ON f.organisation_id = o.id
    WHERE o.country = 'RO' AND o.status = 'published' AND o.kind = 'social_enterprise' AND o.service_radius_km IS NULL
      AND '55520000' = ANY(f.cpv_codes) ORDER BY o.id LIMIT 1`);
  sqlValue(`INSERT INTO reserved_eligibilities (organisation_id, legal_basis, share_disadvantaged_pct, attestation_number,
    issuer, expires_on, status, verified_at) VALUES (${id}, 'ro_social_insertion', 45, 'E2E-${Date.now()}', 'AJOFM Iași',
    '2099-01-01', 'verified', now()) RETURNING id`);

  for (const [lang, label] of Object.entries(RESERVED_LABEL)) {
    await page.goto(`/match?lang=${lang}`);
    await expect(page.getByRole('checkbox', { name: label })).toBeVisible();
  }

  await page.getByRole('searchbox', { name: 'Поиск категории (напр. кейтеринг)' }).fill('55520000-1');
  await page.getByRole('checkbox', { name: /^55520000 / }).check();
  await page.goto('/match?lang=en');
  await page.getByRole('searchbox', { name: 'Search a category (e.g. catering)' }).fill('55520000-1');
  await page.getByRole('checkbox', { name: /^55520000 Catering services$/ }).check();
  await page.getByRole('textbox', { name: 'Town (or a click on the map)' }).fill('Iași');
  await page.getByRole('combobox', { name: 'Maximum distance' }).selectOption('');
  await page.getByRole('checkbox', { name: RESERVED_LABEL.en }).check();
  await page.getByRole('spinbutton', { name: 'Budget' }).fill('25000');
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('RON');
  await page.getByRole('button', { name: 'Find suppliers' }).click();

  await expect(page).toHaveURL(/\/match\/[0-9a-f-]{36}\?lang=en/);
  const matchId = /\/match\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  expect(sqlValue(`SELECT need->>'reserved_only' || ' ' || (need->'budget'->>'currency') FROM matches WHERE id = '${matchId}'`))
    .toBe('true RON');
  const results = page.locator('.match-result');
  await expect(results.first()).toBeVisible();
  const count = await results.count();
  for (let i = 0; i < count; i++) {
    await expect(results.nth(i)).toContainText('Eligible for reserved contracts');
    await expect(results.nth(i)).toContainText('art. 56 of Law 98/2016');
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'match-reserved-phone');
  await expectAccessible(page);
  // The stored match reloads with the option ticked.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: RESERVED_LABEL.en })).toBeChecked();

  // A Moldovan buyer: no reserved-contract rule is modelled, and the refusal is worded in the reader's language.
  await page.goto('/match?lang=uk');
  await page.getByRole('searchbox', { name: 'Пошук категорії (напр. кейтеринг)' }).fill('55520000');
  await page.getByRole('checkbox', { name: /^55520000 / }).check();
  await page.getByRole('textbox', { name: 'Населений пункт (або клік на мапі)' }).fill('Chișinău');
  await page.getByRole('checkbox', { name: RESERVED_LABEL.uk }).check();
  await page.getByRole('button', { name: 'Знайти постачальників' }).click();
  await expect(page.getByRole('alert')).toContainText('Для покупця з цієї країни ми не застосовуємо правила');
  await expectAccessible(page);
});

test('a member gives an offering CPV codes, a quantity range, a unit, a lead time and a delivery area', async ({ page }) => {
  const { id, token } = memberToken(9);
  await page.goto('/member?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const offers = page.getByRole('region', { name: 'Offerings' });
  await expect(offers).toBeVisible();
  const title = `School meals E2E ${Date.now().toString(36)}`;
  await offers.getByRole('textbox', { name: 'Title' }).fill(title);
  // CPV 2008 searched by a code with its check digit, then by words in the reader's language.
  await offers.getByRole('searchbox', { name: 'Search CPV (a word or a code, e.g. 55520000-1)' }).fill('55523100-3');
  await offers.getByRole('checkbox', { name: /^55523100 School-meal services$/ }).check();
  await offers.getByRole('searchbox', { name: 'Search CPV (a word or a code, e.g. 55520000-1)' }).fill('bread products');
  await offers.getByRole('checkbox', { name: /^15810000 Bread products, fresh pastry goods and cakes$/ }).check();
  await offers.getByRole('spinbutton', { name: 'Minimum quantity per order' }).fill('20');
  await offers.getByRole('spinbutton', { name: 'Maximum quantity per order' }).fill('100');
  await offers.getByRole('combobox', { name: 'Unit' }).selectOption('meals');
  await offers.getByRole('spinbutton', { name: 'Lead time (days)' }).fill('3');
  await offers.getByRole('spinbutton', { name: 'Delivers within (km)' }).fill('40');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await offers.getByRole('button', { name: 'Add the offering' }).click();
  await expect(offers.getByText(`“${title}” was added.`)).toBeVisible();
  await expect(offers.locator('li', { hasText: title })).toContainText('CPV 55523100, 15810000 · 20–100 meals');
  expect(sqlValue(`SELECT array_to_string(cpv_codes, ',') || ' ' || max_order_quantity || ' ' || quantity_unit || ' '
    || lead_time_days || ' ' || delivery_radius_km FROM offerings WHERE organisation_id = ${id} AND title = '${title}'`))
    .toBe('55523100,15810000 100 meals 3 40.0');
  await screenshot(page, 'member-offering-cpv-phone');

  // Edited: a larger maximum, in the same form.
  await offers.getByRole('button', { name: `Edit “${title}”` }).click();
  const editing = offers.locator('li').filter({ has: page.getByRole('button', { name: 'Cancel' }) });
  await expect(editing.getByRole('list', { name: 'Chosen categories' })).toContainText('55523100');
  await editing.getByRole('spinbutton', { name: 'Maximum quantity per order' }).fill('250');
  await editing.getByRole('button', { name: 'Save the profile' }).click();
  await expect(offers.getByText(`“${title}” was saved.`)).toBeVisible();
  expect(sqlValue(`SELECT max_order_quantity FROM offerings WHERE organisation_id = ${id} AND title = '${title}'`)).toBe('250');
  await expectAccessible(page);
});

test('a Romanian member proposes reserved-contract evidence and an admin verifies it in the console', async ({ page }) => {
  const id = sqlValue(`SELECT o.id FROM memberships m JOIN organisations o ON o.id = m.organisation_id
    WHERE m.left_on IS NULL AND o.country = 'RO' AND o.kind = 'social_enterprise' ORDER BY o.id DESC OFFSET 10 LIMIT 1`);
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'member', '--organisation', id,
    '--name', 'e2e reserved'))![0];
  const number = `AJ-E2E-${Date.now().toString(36)}`;
  await page.goto('/member?lang=ro');
  await page.getByLabel('Tokenul de acces').fill(token);
  await page.locator('form button[type=submit]').first().click();
  const section = page.getByRole('region', { name: 'Contracte rezervate' });
  await expect(section).toBeVisible();
  await section.getByRole('combobox', { name: 'Temeiul legal' }).selectOption('ro_social_insertion');
  await section.getByRole('spinbutton', { name: /Angajați cu dizabilități/ }).fill('42');
  await section.getByRole('textbox', { name: /Numărul atestatului/ }).fill(number);
  await section.getByRole('textbox', { name: /Emis de/ }).fill('AJOFM Iași');
  await section.getByLabel(/Valabil până la/).fill('2029-06-30');
  await section.getByRole('button', { name: 'Trimite spre verificare' }).click();
  await expect(section.getByRole('status')).toContainText('Dovada a fost trimisă');
  await expect(section.locator('li', { hasText: number })).toContainText('în verificare');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  const admin = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', 'e2e reserved admin'))![0];
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('/admin/members?lang=en');
  await page.getByLabel('Access token').fill(admin);
  await page.locator('form button[type=submit]').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Reserved-contract evidence to verify' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^Verified: .*, ${number}$`) }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Verified: .*, ${number}$`) })).toHaveCount(0);
  await expectAccessible(page);
  expect(sqlValue(`SELECT status FROM reserved_eligibilities WHERE attestation_number = '${number}'`)).toBe('verified');
});

test('a buyer saves the need of a match with an e-mail address and is asked to confirm it', async ({ page }) => {
  const email = `e2e-saved-${Date.now()}@example.org`;
  await page.goto('/match?lang=ro');
  await page.getByRole('searchbox', { name: 'Caută o categorie (de ex. catering)' }).fill('55520000-1');
  await page.getByRole('checkbox', { name: /^55520000 / }).check();
  await page.getByRole('textbox', { name: 'Localitatea (sau un clic pe hartă)' }).fill('Iași');
  await page.getByRole('button', { name: 'Caută furnizori' }).click();
  await expect(page).toHaveURL(/\/match\/[0-9a-f-]{36}\?lang=ro/);
  await expect(page.locator('.match-result').first()).toBeVisible();

  const form = page.getByRole('region', { name: 'Anunțați-mă de întreprinderi noi' });
  await form.getByRole('textbox', { name: 'Numele nevoii' }).fill('Catering Iași');
  await form.getByRole('textbox', { name: 'Adresa de e-mail' }).fill(email);
  await form.getByRole('button', { name: 'Salvează nevoia' }).click();
  await expect(form.getByRole('status')).toContainText('link de confirmare');

  // Stored as pending until the e-mailed link is used, with the need the match ran.
  expect(sqlValue(`SELECT status || ' ' || (need->'cpv_codes'->>0) FROM saved_needs WHERE email = '${email}'`))
    .toBe('pending 55520000');
  const body = sqlValue(`SELECT body_text FROM outbox_messages WHERE to_address = '${email}' AND template = 'saved_need_confirm'`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  // The e-mail's link opens a page that confirms only when the buyer presses its button.
  const link = /\/saved-needs\/confirm\?token=[\w-]+/.exec(body)?.[0];
  expect(link).toBeTruthy();
  await page.goto(`${link}&lang=ro`);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirmați nevoia salvată' })).toBeVisible();
  expect(sqlValue(`SELECT status FROM saved_needs WHERE email = '${email}'`)).toBe('pending');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirmă' }).click();
  await expect(page.getByRole('status')).toContainText('Salvată: „Catering Iași”');
  expect(sqlValue(`SELECT status FROM saved_needs WHERE email = '${email}'`)).toBe('active');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The link works once.
  await page.reload();
  await page.getByRole('button', { name: 'Confirmă' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  // A notice's stop link opens its own page; a link the server does not know says so.
  await page.goto(`/saved-needs/stop?token=${'x'.repeat(43)}&lang=ro`);
  await expect(page.getByRole('heading', { level: 1, name: 'Opriți e-mailurile despre o nevoie salvată' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Oprește e-mailurile' }).click();
  await expect(page.getByRole('alert')).toContainText('Acest link nu este cunoscut.');
});
