import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, sqlValue } from './helpers';

function adminToken(name: string): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', name))?.[0];
  if (!token) throw new Error('no token');
  return token;
}

async function signIn(page: Page, path: string, token: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Tokens made through the API (faster than the command line): the list then has more than one page. */
async function createTokens(page: Page, token: string, names: string[]): Promise<void> {
  for (const name of names) {
    const created = await page.request.post('/api/v1/admin/tokens', {
      headers: { Authorization: `Bearer ${token}` }, data: { name, role: 'integration' },
    });
    expect(created.status()).toBe(201);
  }
}

const statsWith = async (page: Page, secret: string) =>
  (await page.request.get('/api/v1/stats', { headers: { Authorization: `Bearer ${secret}` } })).status();

test('the tokens list pages back and forth, and revoking asks first: cancel keeps the token, confirm revokes it', async ({ page }) => {
  const token = adminToken('e2e console');
  const stamp = Date.now().toString(36);
  const target = `Revoke me ${stamp}`;
  await createTokens(page, token, Array.from({ length: 30 }, (_, i) => `Paging ${stamp} ${i}`));
  const created = await page.request.post('/api/v1/admin/tokens', {
    headers: { Authorization: `Bearer ${token}` }, data: { name: target, role: 'integration' },
  });
  const { token: secret, id: targetId } = await created.json() as { token: string; id: number };

  await signIn(page, '/admin/tokens?lang=en', token);
  const status = page.getByRole('status').filter({ hasText: /Page \d/ });
  await expect(status).toHaveText('Page 1: 25 rows');
  const pager = page.getByRole('navigation', { name: 'Pages of the list: Tokens' });
  await expect(pager.getByRole('button', { name: 'Previous page' })).toHaveAttribute('aria-disabled', 'true');
  const firstRow = page.getByRole('rowheader', { name: (await page.locator('.console-table tbody th').first().textContent())!, exact: true });
  await pager.getByRole('button', { name: 'Next page' }).click();
  await expect(status).toHaveText(/^Page 2: \d+ rows?$/);
  await expect(firstRow).toHaveCount(0);
  // The button keeps the focus while its page loads, so the keyboard can go on paging.
  await expect(pager.getByRole('button', { name: 'Next page' })).toBeFocused();
  await pager.getByRole('button', { name: 'Previous page' }).click();
  await expect(status).toHaveText('Page 1: 25 rows');
  await expect(firstRow).toBeVisible();

  // The token to revoke was made last: newest first, it heads the first page.
  const revoke = page.getByRole('button', { name: `Revoke ${target}` });
  await revoke.click();
  const dialog = page.getByRole('dialog', { name: `Revoke the token “${target}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, 'admin-revoke-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  expect(await statsWith(page, secret)).toBe(200);
  // Escape cancels as well.
  await revoke.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await statsWith(page, secret)).toBe(200);

  await revoke.click();
  await dialog.getByRole('button', { name: 'Yes, revoke it' }).click();
  await expect(page.getByText(`${target} was revoked.`)).toBeVisible();
  await expect(page.getByRole('button', { name: `Revoke ${target}` })).toHaveCount(0);
  expect(await statsWith(page, secret)).toBe(401);

  // The audit log pages the 30 creations, and says what happened to the revoked token in words.
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('combobox', { name: 'Entity' }).selectOption('api_token');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(status).toHaveText('Page 1: 25 rows');
  const auditPager = page.getByRole('navigation', { name: 'Pages of the list: Audit log' });
  await auditPager.getByRole('button', { name: 'Next page' }).click();
  await expect(status).toHaveText(/^Page 2: \d+ rows?$/);
  await auditPager.getByRole('button', { name: 'Previous page' }).click();
  await expect(status).toHaveText('Page 1: 25 rows');
  await page.getByRole('textbox', { name: 'Entity id' }).fill(String(targetId));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(status).toHaveText('Page 1: 2 rows');
  const [revocation, creation] = [page.locator('.console-table tbody tr').nth(0), page.locator('.console-table tbody tr').nth(1)];
  await expect(revocation).toContainText('Access token');
  await expect(revocation).toContainText('Revoked');
  await expect(revocation).toContainText(/e2e console \(token \d+\)/);
  await expect(revocation).toContainText(/Revoked at: \d+ \w+ \d{4}/);
  await expect(creation).toContainText('Created');
  await expect(creation).toContainText(`Name: ${target}`);
  await expect(creation).toContainText('Role: Integration');
  await screenshot(page, 'admin-audit-words');
  await expectAccessible(page);
});

test('an import is checked, refused all-or-nothing because of a possible duplicate, confirmed and imported', async ({ page }) => {
  const token = adminToken('e2e import');
  // A published enterprise no other spec looks for, and a row at its very place with its very name.
  const [id, name, slug, lat, lon] = sqlValue(`SELECT id, name, slug, ST_Y(location), ST_X(location) FROM organisations
    WHERE status = 'published' AND country = 'RO' AND id NOT IN (SELECT organisation_id FROM memberships)
    ORDER BY id DESC LIMIT 1`).split('|') as [string, string, string, string, string];
  const template = await page.request.get('/api/v1/admin/imports/template.csv', { headers: { Authorization: `Bearer ${token}` } });
  const header = (await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  const values: Record<string, string> = { name, country: 'RO', lat, lon, kind: 'social_enterprise', status: 'published' };
  const csv = `${header}\n${header.split(',').map((c) => values[c] ?? '').join(',')}\n`;

  await signIn(page, '/admin/imports?lang=en', token);
  await page.getByLabel('File to import').setInputFiles({ name: 'duplicate.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('radio', { name: /^All or nothing/ })).toBeChecked();
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await expect(page.getByRole('status')).toContainText('The check found: rows: 1, new: 0, updated: 0, rejected: 1.');
  const duplicates = page.getByRole('group', { name: 'Possible duplicates' });
  const candidate = duplicates.getByRole('link', { name });
  await expect(candidate).toHaveAttribute('href', new RegExp(`/e/${slug}`));
  await expect(duplicates).toContainText('similar name');

  // All or nothing: the 422 shows its report, not a generic error.
  await page.getByRole('button', { name: 'Import the file' }).click();
  await expect(page.getByRole('status')).toContainText('Nothing was imported: the file has problems');
  await expect(duplicates.getByRole('checkbox', { name: 'Row 2 is a new organisation: create it' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'admin-import-refused');

  await duplicates.getByRole('checkbox', { name: 'Row 2 is a new organisation: create it' }).check();
  await expect(page.getByText('Rows confirmed as new organisations for the next run: 2')).toBeVisible();
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await expect(page.getByRole('status')).toContainText('The check found: rows: 1, new: 1, updated: 0, rejected: 0.');
  await expect(page.getByRole('heading', { name: 'Confirmed as new organisations' })).toBeVisible();
  await page.getByRole('button', { name: 'Import the file' }).click();
  await expect(page.getByRole('status')).toContainText('The import is done: rows: 1, new: 1, updated: 0, rejected: 0.');
  await expect(page.locator('[data-count=created]')).toHaveText('1');
  await screenshot(page, 'admin-import-confirmed');
  expect(sqlValue(`SELECT count(*) FROM organisations WHERE name = '${name.replace(/'/g, "''")}' AND id <> ${id}`)).toBe('1');
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('every section of the console is reachable and fits, its tables scrolling inside their frame', async ({ page }) => {
    const token = adminToken('e2e phone console');
    await signIn(page, '/admin?lang=en', token);
    const sections = page.getByRole('combobox', { name: 'Section' });
    await expect(sections).toBeVisible();
    await expect(page.locator('.console__tabs')).toBeHidden();
    await expectAccessible(page);
    const tabs: [string, string][] = [['claims', 'Claims'], ['duplicates', 'Duplicates'], ['enterprises', 'Enterprises'],
      ['embeds', 'Embed sites'], ['stats', 'Statistics'], ['members', 'Members'], ['requests', 'Service requests'],
      ['imports', 'Imports and exports'], ['tokens', 'Tokens'], ['audit', 'Audit log'], ['outbox', 'Outbox'],
      ['moderation', 'Moderation queue']];
    for (const [tab, heading] of tabs) {
      await sections.selectOption(tab);
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
      await expect(page.getByText('Loading…')).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(390);
      for (const wrap of await page.locator('.console-table-wrap').all()) {
        const box = (await wrap.boundingBox())!;
        expect(box.x + box.width, tab).toBeLessThanOrEqual(390);
      }
      await screenshot(page, `phone-admin-${tab}`);
    }
    // A submission's card reads as one column: each value under its field's name, not squeezed beside it.
    const name = `Atelierul Îngust E2E ${Date.now().toString(36)}`;
    const submitted = await page.request.post('/api/v1/submissions', { data: {
      kind: 'new', submitter_name: 'Ioana Popescu', submitter_email: 'ioana@example.org',
      enterprise: { name, country: 'RO', kind: 'social_enterprise', location: { type: 'Point', coordinates: [23.6, 46.77] } },
    } });
    expect(submitted.status()).toBe(202);
    await sections.selectOption('stats');
    await sections.selectOption('moderation');
    const card = page.getByRole('article', { name: new RegExp(name) });
    await expect(card).toBeVisible();
    for (const value of await card.locator('.console-fields dd').all()) expect((await value.boundingBox())!.width).toBeGreaterThan(250);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-admin-submission');
    await card.getByRole('textbox', { name: 'Reason for rejecting' }).fill('E2E phone layout check');
    await card.getByRole('button', { name: 'Reject' }).tap();
    await expect(card).toHaveCount(0);

    // The audit table is wider than the phone: it scrolls inside its frame, not the page.
    await sections.selectOption('audit');
    const wrap = page.locator('.console-table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expectAccessible(page);

    // The revoke question fits the screen too (and is cancelled).
    await sections.selectOption('tokens');
    await page.getByRole('button', { name: /^Revoke / }).first().tap();
    const dialog = page.getByRole('dialog');
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-admin-revoke');
    await dialog.getByRole('button', { name: 'Cancel' }).tap();
    await expect(dialog).toBeHidden();
  });
});
