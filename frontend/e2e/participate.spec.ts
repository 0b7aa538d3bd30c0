import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, sqlValue } from './helpers';

// Self-service for the public: adding an enterprise, correcting one, subscribing to an area, the privacy
// notice, and the e-mail that tells a submitter the outcome. Each test makes its own rows (unique names
// and addresses), since the specs share one database and run in parallel.

function adminToken(name: string): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', name))?.[0];
  if (!token) throw new Error('no admin token');
  return token;
}

const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function decide(page: Page, token: string, email: string, action: 'approve' | 'reject'): Promise<void> {
  const id = Number(sqlValue(`SELECT id FROM submissions WHERE submitter_email = ${quoted(email)}`));
  const response = await page.request.post(`/api/v1/admin/submissions/${id}/${action}`, {
    headers: { Authorization: `Bearer ${token}` },
    ...(action === 'reject' ? { data: { reason: 'E2E: checked and declined' } } : {}),
  });
  expect(response.status()).toBe(200);
}

test('anyone proposes an enterprise with hints of look-alikes and per-field errors, and hears the approval', async ({ page }) => {
  const token = adminToken('e2e participate add');
  const mine = stamp();
  const email = `add.${mine}@example.org`;
  const existing = (await (await page.request.get('/api/v1/enterprises?country=RO&limit=1&sort=name')).json()).items[0];

  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Add your enterprise' }).click();
  await expect(page).toHaveURL(/\/add-enterprise\?lang=en/);
  await expect(page.getByRole('heading', { level: 1, name: 'Add your enterprise' })).toBeVisible();

  // The name of an entry on the map already: it is hinted, linked to its page.
  await page.getByRole('textbox', { name: 'Name of the enterprise' }).fill(existing.name);
  const hints = page.getByTestId('similar-hints');
  await expect(hints.getByRole('link', { name: existing.name }).first()).toBeVisible();
  await expect(hints).toContainText('similar name');

  // Errors come back under their fields: a latitude out of range, an address that is not one.
  await page.getByRole('textbox', { name: 'Name of the enterprise' }).fill(`Atelierul E2E ${mine}`);
  await page.getByRole('spinbutton', { name: 'Latitude' }).fill('123.5');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ioana E2E');
  await page.getByRole('textbox', { name: 'Your e-mail' }).fill('not-an-address');
  await page.getByRole('button', { name: 'Send the proposal' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please correct the marked fields.');
  await expect(page.getByRole('spinbutton', { name: 'Latitude' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: 'Your e-mail' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: 'Name of the enterprise' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('link', { name: 'How we handle your data' })).toBeVisible();
  await screenshot(page, 'add-enterprise-errors');
  await expectAccessible(page);

  await page.getByRole('spinbutton', { name: 'Latitude' }).fill('47.1585');
  await page.getByRole('spinbutton', { name: 'Longitude' }).fill('27.6014');
  await page.getByRole('textbox', { name: 'Locality' }).fill('Iași');
  await page.getByRole('combobox', { name: 'Impact area' }).selectOption('work_integration');
  await page.getByRole('textbox', { name: 'Your e-mail' }).fill(email);
  await page.getByRole('button', { name: 'Send the proposal' }).click();
  await expect(page.getByRole('status')).toContainText(`your proposal of Atelierul E2E ${mine} has been received`);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await screenshot(page, 'add-enterprise-sent');
  expect(sqlValue(`SELECT language || '|' || (payload->>'name') || '|' || (payload->'location'->'coordinates'->>1) `
    + `FROM submissions WHERE submitter_email = ${quoted(email)}`)).toBe(`en|Atelierul E2E ${mine}|47.1585`);

  await decide(page, token, email, 'approve');
  const mail = sqlValue(`SELECT subject || '|' || template FROM outbox_messages WHERE to_address = ${quoted(email)}`);
  expect(mail).toBe(`Atelierul E2E ${mine} is now on the Social Enterprise Map|submission_decided`);
});

test('a reader suggests a correction on a profile and hears the rejection in Romanian', async ({ page }) => {
  const token = adminToken('e2e participate correct');
  const mine = stamp();
  const email = `correct.${mine}@example.org`;
  const created = await page.request.post('/api/v1/enterprises', {
    headers: { Authorization: `Bearer ${token}` },
    data: { name: `Brutăria Corectată ${mine}`, country: 'RO', locality: 'Cluj-Napoca', phone: '+40 264 000 000',
      location: { type: 'Point', coordinates: [23.59, 46.77] }, impact_areas: ['work_integration'] },
  });
  expect(created.status()).toBe(201);
  const enterprise = await created.json();

  await page.goto(`/e/${enterprise.slug}?lang=ro`);
  await page.getByText('Propune o corectură').click();
  const form = page.getByRole('form', { name: 'Propune o corectură' });
  await form.getByRole('button', { name: 'Trimite corectura' }).click();
  await expect(form.getByRole('alert')).toHaveText('Nu ați schimbat încă nimic: corectați mai întâi un câmp.');
  await form.getByRole('textbox', { name: 'Telefon' }).fill('+40 264 111 222');
  await form.getByRole('textbox', { name: 'Numele dumneavoastră' }).fill('Ana E2E');
  await form.getByRole('textbox', { name: 'E-mailul dumneavoastră' }).fill(email);
  await expect(form.getByRole('link', { name: 'Cum tratăm datele dumneavoastră' })).toBeVisible();
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Trimite corectura' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'corectura dumneavoastră a fost primită' })).toBeVisible();
  // Only what changed is proposed.
  expect(sqlValue(`SELECT kind || '|' || payload::text || '|' || language FROM submissions WHERE submitter_email = ${quoted(email)}`))
    .toBe('correction|{"phone": "+40 264 111 222"}|ro');

  await decide(page, token, email, 'reject');
  expect(sqlValue(`SELECT subject FROM outbox_messages WHERE to_address = ${quoted(email)}`))
    .toBe(`Corectura dumneavoastră pentru Brutăria Corectată ${mine} nu a fost aplicată`);
});

test('a subscription to the area the map shows asks for a confirmation', async ({ page }) => {
  const email = `subscribe.${stamp()}@example.org`;
  await page.goto('/?lang=uk&map=9/47.02/28.84&impact=work_integration');
  await page.waitForFunction(() => !!window.semapMap?.loaded());
  await page.getByText('Підписатися на нові підприємства в цій місцевості').click();
  const form = page.getByRole('form', { name: 'Підписатися на нові підприємства в цій місцевості' });
  await expect(form.getByRole('radio', { name: 'Те, що зараз показує мапа' })).toBeChecked();
  await form.getByRole('textbox', { name: 'Ваша електронна пошта' }).fill(email);
  await form.getByRole('combobox', { name: 'Як часто' }).selectOption('daily');
  await expect(form.getByRole('link', { name: 'Як ми поводимося з вашими даними' })).toBeVisible();
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Підписатися' }).click();
  await expect(page.getByRole('status').filter({ hasText: email })).toBeVisible();
  const row = sqlValue(`SELECT language || '|' || frequency || '|' || (filters->'impact'->>0) || '|' || `
    + `((area->'bbox'->>0)::float < 28.84 AND (area->'bbox'->>2)::float > 28.84 AND (area->'bbox'->>1)::float < 47.02 `
    + `AND (area->'bbox'->>3)::float > 47.02) FROM subscriptions WHERE email = ${quoted(email)}`);
  expect(row).toBe('uk|daily|work_integration|true');
  expect(sqlValue(`SELECT template FROM outbox_messages WHERE to_address = ${quoted(email)}`)).toBe('subscription_confirm');
});

test('the privacy notice says what is kept, why, how long and how to have it removed, in four languages', async ({ page }) => {
  const headings = { ro: 'Confidențialitate: ce păstrăm despre dumneavoastră', en: 'Privacy: what we keep about you',
    uk: 'Конфіденційність: що ми зберігаємо про вас', ru: 'Конфиденциальность: что мы храним о вас' };
  for (const [lang, heading] of Object.entries(headings)) {
    await page.goto(`/privacy?lang=${lang}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('.privacy section')).toHaveCount(6);
    await expect(page.locator('a[href^="mailto:"]')).toHaveText('privacy@semap.dev');
  }
  await expectAccessible(page);
});

test('a buyer saving a need and an outsider asking the cluster see the privacy line too', async ({ page }) => {
  const created = await page.request.post('/api/v1/matches', { data: { cpv_codes: ['55520000'], town: { name: 'Iași' }, countries: ['RO'] } });
  expect(created.status()).toBe(201);
  const match = await created.json();
  await page.goto(`/match/${match.id}?lang=ru`);
  const save = page.locator('.save-need');
  await expect(save.getByRole('link', { name: 'Как мы обращаемся с вашими данными' })).toBeVisible();
  await expect(save).toContainText('неподтверждённая потребность удаляется через неделю');
  await page.goto('/cluster/accelerator-of-social-enterprises?lang=uk');
  await expect(page.locator('form[aria-labelledby=cluster-inquiry-heading]').getByRole('link', { name: 'Як ми поводимося з вашими даними' })).toBeVisible();
  await page.locator('form[aria-labelledby=cluster-inquiry-heading]').getByRole('link', { name: 'Як ми поводимося з вашими даними' }).click();
  await expect(page.locator('#privacy-savedNeeds')).toHaveText('Збережені потреби покупців');
  await expectAccessible(page);
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('every self-service screen fits, in each language', async ({ page }) => {
    const add = { ro: 'Adaugă întreprinderea ta', en: 'Add your enterprise', uk: 'Додайте своє підприємство', ru: 'Добавьте своё предприятие' };
    for (const [lang, heading] of Object.entries(add)) {
      await page.goto(`/add-enterprise?lang=${lang}`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByTestId('pin-map')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
      await page.goto(`/privacy?lang=${lang}`);
      await expect(page.locator('.privacy section')).toHaveCount(6); // the lazy screen is drawn before it is measured
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
    }
    await page.goto('/add-enterprise?lang=ru');
    await screenshot(page, 'phone-add-enterprise');
    await expectAccessible(page);

    // The correction (on a profile) and the subscription (from the map) open and fit in every language.
    const slug = (await (await page.request.get('/api/v1/enterprises?limit=1&country=MD')).json()).items[0].slug;
    const forms: Record<string, [string, string, string, string]> = {
      ro: ['Propune o corectură', 'Trimite corectura', 'Abonează-te la întreprinderile noi din această zonă', 'Abonează-te'],
      en: ['Suggest a correction', 'Send the correction', 'Subscribe to new enterprises in this area', 'Subscribe'],
      ru: ['Предложить исправление', 'Отправить исправление', 'Подписаться на новые предприятия в этой местности', 'Подписаться'],
      uk: ['Запропонувати виправлення', 'Надіслати виправлення', 'Підписатися на нові підприємства в цій місцевості', 'Підписатися'],
    };
    for (const [lang, [correct, send, subscribe, confirm]] of Object.entries(forms)) {
      await page.goto(`/e/${slug}?lang=${lang}`);
      await page.getByText(correct, { exact: true }).tap();
      await expect(page.getByRole('button', { name: send })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);

      await page.goto(`/?lang=${lang}`);
      await page.getByText(subscribe, { exact: true }).tap();
      await expect(page.getByRole('button', { name: confirm, exact: true })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
    }
    await screenshot(page, 'phone-subscribe');
    await expectAccessible(page);
    await page.goto(`/e/${slug}?lang=uk`);
    await page.getByText('Запропонувати виправлення', { exact: true }).tap();
    await expect(page.getByRole('button', { name: 'Надіслати виправлення' })).toBeVisible();
    await screenshot(page, 'phone-correction');
    await expectAccessible(page);
  });
});
