import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot, semap, sqlValue } from './helpers';

const TITLES = {
  ro: 'Licitații publice pentru întreprinderi sociale', en: 'Public tenders for social enterprises',
  uk: 'Публічні закупівлі для соціальних підприємств', ru: 'Публичные закупки для социальных предприятий',
} as const;

test('the tender radar lists open tenders and a tender page links to the buyer\'s notice', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Tenders', exact: true }).click();
  await expect(page).toHaveURL(/\/tenders\?/);
  await expect(page.getByRole('heading', { level: 1, name: TITLES.en })).toBeVisible();
  const tender = page.getByRole('link', { name: 'Servicii de catering și materiale tipărite pentru centrele de zi' });
  await expect(tender).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'tenders');

  await page.getByLabel('Reserved lots only').check();
  await expect(tender).toBeVisible();
  await expect(page.getByRole('link', { name: 'Пошиття робочого одягу для комунальних підприємств' })).toHaveCount(0);

  await tender.click();
  await expect(page).toHaveURL(/\/tenders\/\d+\?/);
  await expect(page.getByRole('link', { name: "The buyer's original notice" }))
    .toHaveAttribute('href', 'https://www.e-licitatie.ro/pub/notices/contract-notices/list/2/1');
  await expect(page.getByRole('heading', { level: 3, name: /Lotul 1: Servicii de catering/ })).toBeVisible();
  await expect(page.getByText('reserved for social enterprises').first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'tender');
  for (const lang of ['ro', 'uk', 'ru'] as const) {
    await page.goto(`/tenders?lang=${lang}`);
    await expect(page.getByRole('heading', { level: 1, name: TITLES[lang] })).toBeVisible();
  }
  expect((await page.goto('/tenders/abc'))?.status()).toBe(404);
});

test('at 390 px the tender radar and a tender page have no sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const listed = await (await page.request.get('/api/v1/tenders?open=true&limit=1')).json();
  for (const path of ['/tenders?lang=uk', `/tenders/${listed.items[0].id}?lang=ro`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await screenshot(page, 'phone-tender');
});

test('a member sees its tenders and funding calls and records that an inquiry was won', async ({ page }) => {
  const { id, token } = memberToken(5);
  const sent = await page.request.post('/api/v1/inquiries', {
    data: { enterprise_id: id, buyer_name: 'Primăria E2E', buyer_email: 'buyer-e2e@example.org', message: 'Oferta pentru 40 de prânzuri?' },
  });
  expect(sent.ok()).toBeTruthy();
  const inquiry = await sent.json();
  // A call open to every organisation: this member is eligible for it whatever its profile.
  const callTitle = `E2E open call ${Date.now().toString(36)}`;
  const callId = sqlValue(`INSERT INTO funding_calls (title, funder, kind, summary, deadline, status)
    VALUES ('${callTitle}', 'E2E Foundation', 'grant', 'Small grants for any social enterprise.',
    current_date + 30, 'published') RETURNING id`).split('\n')[0];

  await page.goto('/member?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Tenders for you' })).toBeVisible();
  const funding = page.getByRole('region', { name: 'Funding you are eligible for' });
  await expect(funding).toBeVisible();
  const call = funding.getByRole('listitem').filter({ hasText: callTitle });
  await call.getByRole('button', { name: 'Ask the cluster for help' }).click();
  await expect(page.getByText(`The request is about funding call #${callId}.`)).toBeVisible();
  const request = page.locator('form[aria-labelledby="sr-new-heading"]');
  await expect(request.getByLabel(/^Service/)).toHaveValue('funding_access');
  await request.getByLabel(/^Title/).fill('Help with the E2E grant');
  await request.getByLabel(/^What do you need\?/).fill('We would like help writing the application.');
  await request.getByLabel(/^Contact name/).fill('Ana Pop');
  await request.getByLabel(/^Contact e-mail/).fill('ana.pop@example.org');
  await request.getByRole('button', { name: 'File the request' }).click();
  await expect(page.getByText('The request was filed.')).toBeVisible();
  expect(sqlValue(`SELECT s.code || ' ' || r.funding_call_id FROM service_requests r JOIN support_services s ON s.id = r.service_id
    WHERE r.title = 'Help with the E2E grant'`))
    .toBe(`funding_access ${callId}`);

  await page.getByLabel('What came of it').first().selectOption('won');
  await page.getByLabel('Contract value').first().fill('2500');
  await page.getByLabel('Currency').first().selectOption('RON');
  await page.getByRole('button', { name: 'Save the outcome' }).first().click();
  await expect(page.getByText('Outcome saved.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'member-tenders-funding');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(funding).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const outcome = await page.request.get(`/api/v1/inquiries/${inquiry.id}/outcome`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await outcome.json()).value).toBe('2500.00');
  // The buyer is told what it bought through the map.
  expect(sqlValue(`SELECT count(*) FROM outbox_messages WHERE template = 'buyer_spend' AND to_address = 'buyer-e2e@example.org'
    AND body_text LIKE '%2500.00 RON%'`)).toBe('1');

  await page.goto('/cluster/accelerator-of-social-enterprises?lang=en');
  await expect(page.getByRole('heading', { level: 2, name: 'Social spend the platform brought' })).toBeVisible();
  await expectAccessible(page);
});

test('staff add a funding call as a draft and publish it', async ({ page }) => {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', 'e2e funding'))?.[0] ?? '';
  await page.goto('/admin?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Funding', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/funding\?/);
  await expect(page.getByRole('heading', { level: 2, name: 'Funding calls' })).toBeVisible();
  const title = `E2E grant ${Date.now().toString(36)}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Funder', { exact: true }).fill('E2E Foundation');
  await page.getByLabel('Kind', { exact: true }).selectOption('grant');
  await page.getByLabel('Summary', { exact: true }).fill('Small grants for social enterprises in Romania.');
  await page.getByLabel('Romania').check();
  await page.getByRole('button', { name: 'Add the call' }).click();
  const row = page.getByRole('listitem').filter({ hasText: title });
  await expect(row.getByText('draft')).toBeVisible();
  await row.getByRole('button', { name: 'Publish' }).click();
  await expect(row.getByText('published')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'admin-funding');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row.getByText('published')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const listed = await (await page.request.get('/api/v1/funding-calls?limit=200')).json();
  expect(listed.items.some((c: { title: string }) => c.title === title)).toBeTruthy();
});
