import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, showListRow } from './helpers';

function adminToken(name: string): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', name))?.[0];
  if (!token) throw new Error('no token');
  return token;
}

test('an admin creates a token, sees its secret once, revokes it, and finds both in the audit log', async ({ page }) => {
  const token = adminToken('e2e tokens');
  const name = `E2E integration ${Date.now().toString(36)}`;
  await page.goto('/admin?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Tokens' }).click();
  await expect(page).toHaveURL(/\/admin\/tokens\?lang=en/);

  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  // A member token without its organisation is stopped at that field, before the API is asked.
  await page.getByRole('combobox', { name: 'Role' }).selectOption('member');
  await page.getByRole('button', { name: 'Create the token' }).click();
  await expect(page.getByText('A member token needs its organisation.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Organisation' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('combobox', { name: 'Role' }).selectOption('integration');
  await expect(page.getByRole('textbox', { name: 'Organisation' })).toHaveCount(0);
  await page.getByLabel('Expires').fill('2030-12-31');
  await page.getByRole('button', { name: 'Create the token' }).click();
  const secret = page.getByRole('textbox', { name: 'The new token' });
  await expect(secret).toHaveValue(/^semap_\S{20,}/);
  const value = await secret.inputValue();
  await expect(page.getByRole('button', { name: 'Copy the token' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await showListRow(page, row);
  await expect(row).toContainText('Integration');
  await expect(row).toContainText('31 December 2030');
  await screenshot(page, 'admin-tokens');
  await expectAccessible(page);
  // The new token works …
  expect((await page.request.get('/api/v1/stats', { headers: { Authorization: `Bearer ${value}` } })).status()).toBe(200);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog', { name: `Revoke the token “${name}”?` }).getByRole('button', { name: 'Yes, revoke it' }).click();
  await expect(page.getByText(`${name} was revoked.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  // … and is refused once revoked.
  expect((await page.request.get('/api/v1/stats', { headers: { Authorization: `Bearer ${value}` } })).status()).toBe(401);
  await page.getByRole('checkbox', { name: 'Show revoked tokens' }).check();
  await showListRow(page, page.getByRole('row', { name: new RegExp(name) }));
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked on');

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('combobox', { name: 'Entity' }).selectOption('api_token');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Page 1: \d+ rows?$/);
  const entries = page.locator('.console-table tbody tr');
  await expect(entries.filter({ hasText: 'Revoked' }).first()).toBeVisible();
  // Named, not only numbered: the token's revocation row says which token it was.
  await expect(entries.filter({ hasText: 'Revoked' }).filter({ hasText: name })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Created' }).first()).toBeVisible();
  for (const entity of await entries.locator('td:nth-child(3)').allTextContents()) expect(entity).toBe('Access token');
  await screenshot(page, 'admin-audit');
  await expectAccessible(page);
});

test('an editor token cannot open the admin-only tabs and is told so', async ({ page }) => {
  const out = semap('token', 'create', '--role', 'editor', '--name', 'e2e editor tabs');
  const token = /semap_[A-Za-z0-9_-]+/.exec(out)![0];
  await page.goto('/admin/audit?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('not allowed');
  await expect(page.getByRole('alert').getByRole('button', { name: 'Change the token' })).toBeVisible();
});
