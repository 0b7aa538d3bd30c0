import { expect, test } from './fixtures';
import { expectAccessible, memberToken, semap, sqlValue } from './helpers';

function staffToken(role: 'admin' | 'editor', name: string): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', role, '--name', name))?.[0];
  if (!token) throw new Error(`no ${role} token`);
  return token;
}

async function signIn(page: import('@playwright/test').Page, path: string, token: string): Promise<void> {
  await page.goto(`${path}?lang=en`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a member renews its token and its registration-code change waits for an admin', async ({ page }) => {
  const { id, slug, token } = memberToken(5);
  const code = `RO${Date.now().toString().slice(-8)}`;
  const before = (await (await page.request.get(`/api/v1/enterprises/${slug}`)).json()).registration_code;

  await signIn(page, '/member', token);
  // The token's lifetime, and its renewal for another year.
  await expect(page.getByText(/Your access token is valid until/)).toBeVisible();
  await page.getByRole('button', { name: 'Renew for another year' }).click();
  await expect(page.getByText(/Renewed: your access token is valid until/)).toBeVisible();
  expect(sqlValue(`SELECT count(*) FROM audit_log WHERE entity = 'api_token' AND action = 'renew'
    AND entity_id IN (SELECT id::text FROM api_tokens WHERE organisation_id = ${id})`)).not.toBe('0');

  // A trust field is proposed, not written; the rest of the form is saved.
  await page.getByLabel('Registration code').fill(code);
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByText('Saved. These changes wait for the cluster\'s review before they appear: Registration code.')).toBeVisible();
  await expectAccessible(page);
  expect((await (await page.request.get(`/api/v1/enterprises/${slug}`)).json()).registration_code).toBe(before);

  // An editor sees the change flagged and cannot approve it; an admin can.
  await signIn(page, '/admin', staffToken('editor', 'e2e policy editor'));
  const card = page.getByRole('article').filter({ has: page.locator(`[data-field="registration_code"]`) })
    .filter({ hasText: code });
  await expect(card.getByText('admin approval')).toBeVisible();
  await expect(card.getByText('only an admin can approve it')).toBeVisible();
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card.getByRole('alert')).toContainText('needs an admin');
  expect((await (await page.request.get(`/api/v1/enterprises/${slug}`)).json()).registration_code).toBe(before);

  await page.getByRole('button', { name: 'Change the token' }).click();
  await page.getByLabel('Access token').fill(staffToken('admin', 'e2e policy admin'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('The submission was approved and published.')).toBeVisible();
  expect((await (await page.request.get(`/api/v1/enterprises/${slug}`)).json()).registration_code).toBe(code);
});

test('the queue shows an editor that a correction changes the e-mail, and an admin its values', async ({ page }) => {
  const { slug } = memberToken(6);
  const marker = `E2E ${Date.now().toString(36)}`;
  const sent = await page.request.post('/api/v1/submissions', {
    data: { kind: 'correction', organisation: slug, changes: { email: 'x@attacker.example', employees_total: 15 },
      submitter_name: marker, submitter_email: 'mallory@attacker.example' },
  });
  expect(sent.status()).toBe(202);

  await signIn(page, '/admin', staffToken('editor', 'e2e queue editor'));
  const card = page.getByRole('article').filter({ hasText: marker });
  const email = card.locator('[data-field="email"]');
  await expect(email).toContainText('changed (the values are shown to admins only)');
  await expect(email).toContainText('admin approval');
  await expect(card.locator('[data-field="employees_total"]')).toContainText('15');
  await expect(card).not.toContainText('x@attacker.example');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Change the token' }).click();
  await page.getByLabel('Access token').fill(staffToken('admin', 'e2e queue admin'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(card.locator('[data-field="email"]')).toContainText('x@attacker.example');
});
