import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot, semap } from './helpers';

/** A staff token created through the command line, as the first admin gets one. */
function createToken(role: 'admin' | 'editor', name: string): string {
  const out = semap('token', 'create', '--role', role, '--name', name);
  const token = /semap_[A-Za-z0-9_-]+/.exec(out)?.[0];
  if (!token) throw new Error(`no token in: ${out}`);
  return token;
}

test('an admin approves a public submission in the console and it appears on the map', async ({ page }) => {
  const name = `Atelierul Verde E2E ${Date.now().toString(36)}`;
  const submitted = await page.request.post('/api/v1/submissions', {
    data: {
      kind: 'new', submitter_name: 'Ioana Popescu', submitter_email: 'ioana@example.org',
      message: 'Suntem o întreprindere socială nouă.',
      enterprise: { name, country: 'RO', location: { type: 'Point', coordinates: [23.6, 46.77] }, impact_areas: ['green_circular_economy'] },
    },
  });
  expect(submitted.status()).toBe(202);
  const token = createToken('admin', 'e2e');

  await page.goto('/admin?lang=ro');
  await expect(page.getByRole('heading', { level: 1, name: 'Consola de administrare' })).toBeVisible();
  // No token yet: the entry screen (the header links to the console on its own page).
  await expect(page.getByRole('navigation', { name: 'Navigare' }).getByRole('link', { name: 'Administrare' })).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, 'admin-token');

  // A wrong token is refused at the door, and so is a member's token (with the way to the members' area).
  await page.getByLabel('Tokenul de acces').fill('semap_nothing_wrong');
  await page.getByRole('button', { name: 'Intră' }).click();
  await expect(page.getByRole('alert')).toContainText('Tokenul nu este valabil');
  await page.getByLabel('Tokenul de acces').fill(memberToken(7).token);
  await page.getByRole('button', { name: 'Intră' }).click();
  await expect(page.getByRole('alert')).toContainText('tokenul de membru');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Zona membrilor' })).toBeVisible();

  await page.getByLabel('Tokenul de acces').fill(token);
  await page.getByRole('button', { name: 'Intră' }).click();
  const card = page.getByRole('article', { name: new RegExp(name) });
  await expect(card).toBeVisible();
  // The proposal in words: the impact area's and the country's names, not their codes.
  await expect(card.getByText('Economie verde și circulară')).toBeVisible();
  await expect(card.getByText('România', { exact: true })).toBeVisible();
  await expect(card.getByText('ioana@example.org')).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Posibile duplicate' })).toBeVisible();
  await expect(card.getByText(/Niciun posibil duplicat|cod de înregistrare|nume asemănător/)).toBeVisible();
  await screenshot(page, 'admin-moderation');
  await expectAccessible(page);
  // The token is in sessionStorage only.
  expect(await page.evaluate(() => [sessionStorage.getItem('semap.adminToken'), localStorage.getItem('semap.adminToken')]))
    .toEqual([token, null]);

  await card.getByRole('button', { name: 'Aprobă' }).click();
  await expect(page.getByText('Propunerea a fost aprobată și publicată.')).toBeVisible();
  await expect(card).toHaveCount(0);
  await page.getByRole('link', { name: `Vedeți „${name}” pe hartă` }).click();
  await expect(page).toHaveURL(/\/\?lang=ro&q=/);
  await expect(page.locator('.result__name').filter({ hasText: name })).toBeVisible();
  // The header links back to the console while the token is set.
  await page.getByRole('link', { name: 'Administrare' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Propuneri de moderat' })).toBeVisible();
});

test('a rejected submission leaves the queue with its reason', async ({ page }) => {
  const name = `Respinsa E2E ${Date.now().toString(36)}`;
  const submitted = await page.request.post('/api/v1/submissions', {
    data: {
      kind: 'new', submitter_name: 'Test', submitter_email: 'test@example.org',
      enterprise: { name, country: 'MD', location: { type: 'Point', coordinates: [28.83, 47.02] } },
    },
  });
  expect(submitted.status()).toBe(202);
  const token = createToken('editor', 'e2e editor');
  await page.goto('/admin?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const card = page.getByRole('article', { name: new RegExp(name) });
  await card.getByRole('textbox', { name: 'Reason for rejecting' }).fill('Not a social enterprise.');
  await card.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByText('The submission was rejected.')).toBeVisible();
  await expect(card).toHaveCount(0);
  const list = await page.request.get('/api/v1/admin/submissions?status=rejected&limit=200', { headers: { Authorization: `Bearer ${token}` } });
  const rejected = (await list.json()).items.find((s: { payload: { name?: string } }) => s.payload.name === name);
  expect(rejected.decision_reason).toBe('Not a social enterprise.');
});
