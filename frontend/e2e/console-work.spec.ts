// The console covers the work: the claims queue, duplicate review and merge, embed sites, editing and
// unpublishing an enterprise, adding a member, planning service requests and the moderator's map preview.
// Each test makes its own organisations (names with a run id), so that the specs run in parallel.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, showListRow } from './helpers';

const run = Date.now().toString(36);

function adminToken(name: string): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', name))?.[0];
  if (!token) throw new Error('no token');
  return token;
}

async function signIn(page: Page, path: string, token: string, label = 'Access token', submit = 'Sign in'): Promise<void> {
  await page.goto(path);
  await page.getByLabel(label).fill(token);
  await page.getByRole('button', { name: submit }).click();
}

/** A published enterprise of the test's own, made through the API. */
async function enterprise(request: APIRequestContext, token: string, fields: Record<string, unknown>): Promise<{ id: number; slug: string; name: string }> {
  const created = await request.post('/api/v1/enterprises', {
    headers: { Authorization: `Bearer ${token}` },
    data: { country: 'RO', locality: 'Cluj-Napoca', location: { type: 'Point', coordinates: [23.6236, 46.7712] }, ...fields },
  });
  expect(created.status(), await created.text()).toBe(201);
  return created.json();
}

test('an admin approves one claim, handing over the token shown once, and rejects another with a reason', async ({ page }) => {
  const token = adminToken('e2e claims');
  const approved = await enterprise(page.request, token, { name: `Atelierul Revendicat ${run}` });
  const rejected = await enterprise(page.request, token, { name: `Cooperativa Revendicată ${run}` });
  for (const org of [approved, rejected]) {
    const claim = await page.request.post(`/api/v1/enterprises/${org.id}/claims`, {
      data: { claimant_name: 'Ioana Popescu', claimant_email: `ioana.${run}@claimant.example`, message: 'I run it since 2019.' },
    });
    expect((await claim.json()).route).toBe('review');
  }
  await signIn(page, '/admin/claims?lang=en', token);
  await expect(page.getByRole('heading', { level: 2, name: 'Claims' })).toBeVisible();
  const card = page.getByRole('article', { name: `Claim: ${approved.name}` });
  await showListRow(page, card);
  await expect(card).toContainText(`ioana.${run}@claimant.example`);
  await expect(card).toContainText('I run it since 2019.');
  await expectAccessible(page);
  await card.getByRole('button', { name: 'Approve and issue the token' }).click();
  await expect(page.getByText(`The claim for ${approved.name} was approved.`)).toBeVisible();
  await expect(page.getByLabel('The member token issued')).toHaveValue(/^semap_/);
  await expect(card).toHaveCount(0);
  await screenshot(page, 'admin-claims-approved');

  const other = page.getByRole('article', { name: `Claim: ${rejected.name}` });
  await showListRow(page, other);
  await other.getByRole('button', { name: 'Reject' }).click();
  await expect(other.getByRole('alert')).toHaveText('Write the reason for rejecting (at least 3 characters).');
  await other.getByRole('textbox', { name: 'Reason for rejecting' }).fill('Not the organisation.');
  await other.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByText(`The claim for ${rejected.name} was rejected.`)).toBeVisible();
  const left = await page.request.get('/api/v1/admin/claims?status=rejected&limit=200', { headers: { Authorization: `Bearer ${token}` } });
  expect((await left.json()).items.some((c: { organisation_id: number; decision_reason: string }) =>
    c.organisation_id === rejected.id && c.decision_reason === 'Not the organisation.')).toBe(true);
});

test('two entries with one registration code are reviewed and merged after a confirmation', async ({ page }) => {
  const token = adminToken('e2e duplicates');
  // One code written two ways (with and without the country prefix): the API takes both, the review pairs them.
  const code = `9${Date.now() % 100_000_000}`;
  const first = await enterprise(page.request, token, { name: `Brutăria Dublă ${run}`, registration_code: `RO${code}` });
  const second = await enterprise(page.request, token, { name: `Brutaria Dubla SRL ${run}`, registration_code: code,
    location: { type: 'Point', coordinates: [26.1025, 44.4268] } });
  await signIn(page, '/admin/duplicates?lang=en', token);
  const card = page.getByRole('article', { name: `${first.name} · ${second.name}` });
  await showListRow(page, card);
  await expect(card).toContainText('The same registration code');
  await card.getByRole('radio', { name: new RegExp(`^${second.name}`) }).check();
  await card.getByRole('button', { name: 'Merge' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge ${first.name} into ${second.name}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText(`${first.name} was merged into ${second.name}.`)).toBeVisible();
  await expect(card).toHaveCount(0);
  const gone = await page.request.get(`/api/v1/enterprises/${first.id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await gone.json()).status).toBe('archived');
});

test('an admin allows a partner site to embed the map and removes it again', async ({ page }) => {
  const token = adminToken('e2e embeds');
  const origin = `https://partner-${run}.example.org`;
  await signIn(page, '/admin/embeds?lang=en', token);
  await page.getByLabel('Site address').fill('not a site');
  await page.getByRole('button', { name: 'Add the site' }).click();
  await expect(page.locator('#embed-origin-error')).toBeVisible();
  await page.getByLabel('Site address').fill(origin);
  await page.getByLabel('Note').fill('The network\'s own site');
  await page.getByRole('button', { name: 'Add the site' }).click();
  await expect(page.getByText(`${origin} may show the map.`)).toBeVisible();
  await expect(page.getByRole('rowheader', { name: origin })).toBeVisible();
  const csp = (await page.request.get('/embed')).headers()['content-security-policy'];
  expect(csp).toContain(origin);
  await expectAccessible(page);
  await page.getByRole('button', { name: `Remove ${origin}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText(`${origin} was removed.`)).toBeVisible();
  await expect(page.getByRole('rowheader', { name: origin })).toHaveCount(0);
});

test('staff find an enterprise, unpublish it, publish it again, and add it to the cluster', async ({ page }) => {
  const token = adminToken('e2e enterprises');
  const org = await enterprise(page.request, token, { name: `Grădina Ascunsă ${run}` });
  await signIn(page, '/admin/enterprises?lang=en', token);
  await page.getByRole('searchbox', { name: 'Find the organisation by name' }).fill(org.name);
  await page.getByRole('button', { name: org.name }).click();
  await expect(page.getByRole('heading', { level: 3, name: org.name })).toBeVisible();
  await page.getByLabel('Visibility').selectOption('suspended');
  await page.getByRole('button', { name: 'Change the visibility' }).click();
  await expect(page.getByText(`${org.name}: Suspended.`)).toBeVisible();
  expect((await page.request.get(`/api/v1/enterprises/${org.id}`)).status()).toBe(404);
  await page.getByLabel('Visibility').selectOption('published');
  await page.getByRole('button', { name: 'Change the visibility' }).click();
  await expect(page.getByText(`${org.name}: Published.`)).toBeVisible();
  expect((await page.request.get(`/api/v1/enterprises/${org.id}`)).status()).toBe(200);
  // The profile is edited with the members' own form, saved directly by staff.
  await page.getByLabel('Locality').fill('Florești');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByText('The profile was saved.')).toBeVisible();
  expect((await (await page.request.get(`/api/v1/enterprises/${org.id}`)).json()).locality).toBe('Florești');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Members' }).click();
  await page.getByText('Add a member').click();
  await page.getByRole('searchbox', { name: 'Find the organisation by name' }).fill(org.name);
  await page.getByRole('button', { name: org.name }).click();
  await page.getByLabel('Joined').fill('2024-03-01');
  await page.getByRole('button', { name: 'Add to the cluster' }).click();
  await expect(page.getByText(`${org.name} is now a member.`)).toBeVisible();
  const history = await page.request.get(`/api/v1/members/${org.id}/history`, { headers: { Authorization: `Bearer ${token}` } });
  expect(await history.text()).toContain('2024-03-01');
});

test('a service request is assigned, prioritised and dated on the board, and its states are named as in the statistics', async ({ page }) => {
  const token = adminToken('e2e board');
  const org = await enterprise(page.request, token, { name: `Atelierul Planificat ${run}` });
  // Service requests are the cluster members': the organisation joins first.
  const joined = await page.request.post('/api/v1/members', { headers: { Authorization: `Bearer ${token}` },
    data: { organisation: org.id, role: 'member', joined_on: '2025-01-01' } });
  expect(joined.status()).toBe(201);
  const member = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'member', '--organisation', String(org.id), '--name', `e2e board ${run}`))![0];
  const services = await (await page.request.get('/api/v1/services', { headers: { Authorization: `Bearer ${member}` } })).json();
  const title = `Consultanță planificată ${run}`;
  const filed = await page.request.post('/api/v1/service-requests', { headers: { Authorization: `Bearer ${member}` }, data: {
    service: services[0].code, title, description: 'We need advice on a grant application.', contact: { name: 'Ana Pop', email: 'ana@example.org' } } });
  expect(filed.status()).toBe(201);
  const request = await filed.json();
  await signIn(page, '/admin/requests?lang=en', token);
  const card = page.getByRole('article', { name: title });
  await showListRow(page, card);
  await card.getByLabel('Assignee').selectOption({ label: 'e2e board' });
  await card.getByLabel('Priority').selectOption('urgent');
  await card.getByLabel('Due date').fill('2030-06-30');
  await card.getByRole('button', { name: `Save the plan: ${title}` }).click();
  await expect(page.getByText(`The plan of “${title}” was saved.`)).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/service-requests/${request.id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  expect([saved.priority, saved.due_date, saved.assignee_token_id !== null]).toEqual(['urgent', '2030-06-30', true]);
  await expectAccessible(page);
  // One word per state: the board's counts and the statistics' chart both say "Submitted".
  await expect(page.locator('.stats-totals dt', { hasText: 'Submitted' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Statistics' }).click();
  const chart = page.locator('figure', { has: page.locator('#chart-requests') });
  await chart.getByText('The data as a table').click();
  await expect(chart.getByRole('rowheader', { name: 'Submitted' })).toBeVisible();
});

test('a moderator moves a proposed point on the map preview before approving, and is warned of the border', async ({ page }) => {
  const token = adminToken('e2e preview');
  const name = `Atelierul Mutat ${run}`;
  const submitted = await page.request.post('/api/v1/submissions', { data: {
    kind: 'new', submitter_name: 'Ioana Popescu', submitter_email: 'ioana@example.org',
    enterprise: { name, country: 'RO', kind: 'social_enterprise', locality: 'Cluj-Napoca', location: { type: 'Point', coordinates: [23.6236, 46.7712] } },
  } });
  expect(submitted.status()).toBe(202);
  await signIn(page, '/admin?lang=en', token);
  const card = page.getByRole('article', { name: new RegExp(name) });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Show on the map and correct' }).click();
  await expect(card.getByTestId('pin-map')).toBeVisible();
  const lat = card.getByRole('textbox', { name: 'Latitude' });
  await lat.fill('123.5');
  await expect(card.locator('[id$="-lat-error"]')).toHaveText('The latitude is between -90 and 90.');
  await expect(lat).toHaveAttribute('aria-invalid', 'true');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card.getByRole('alert')).toHaveText('Please correct the marked fields.');
  // Into Moldova: far, and across a border.
  await lat.fill('47.0105');
  await card.getByRole('textbox', { name: 'Longitude' }).fill('28.8638');
  await expect(card.getByText(/Careful: the pin is \d{3}(\.\d)? km from the proposed place\./)).toBeVisible();
  await expect(card.getByText('Careful: the pin crossed a border, from Romania into Republic of Moldova.')).toBeVisible();
  await lat.fill('46.7750');
  await card.getByRole('textbox', { name: 'Longitude' }).fill('23.6000');
  await expect(card.getByText(/crossed a border/)).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'admin-point-preview');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('The submission was approved and published.')).toBeVisible();
  const found = await (await page.request.get(`/api/v1/enterprises?q=${encodeURIComponent(name)}&limit=1`)).json();
  expect(found.items[0].location.coordinates).toEqual([23.6, 46.775]);
});

for (const lang of ['ro', 'uk', 'ru'] as const) {
  test(`the new console sections read in ${lang} and fit a 390-px phone`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const token = adminToken(`e2e console ${lang}`);
    await page.goto(`/admin?lang=${lang}`);
    await page.locator('#admin-token').fill(token);
    await page.locator('#admin-token').press('Enter');
    const sections = page.locator('#admin-section');
    await expect(sections).toBeVisible();
    for (const tab of ['claims', 'duplicates', 'enterprises', 'embeds', 'requests', 'stats', 'members']) {
      await sections.selectOption(tab);
      await expect(page).toHaveURL(new RegExp(`/admin/${tab}`));
      await expect(page.locator('h2').first()).not.toHaveText(/[a-z]+\.[a-z]+\.[a-z]/); // a key is never shown
      await expect(page.locator('[role=status]').filter({ hasText: /…$/ })).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(390);
      await screenshot(page, `phone-${lang}-admin-${tab}`);
    }
    await expectAccessible(page);
    await context.close();
  });
}
