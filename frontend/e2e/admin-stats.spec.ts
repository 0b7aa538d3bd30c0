import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, sqlValue } from './helpers';

// The members test ends a membership (never the coordinator's, which the cluster page shows): it runs after
// the statistics read the demo's 60 members.
test.describe.configure({ mode: 'serial' });

function createToken(): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', 'e2e tabs'))?.[0];
  if (!token) throw new Error('no token');
  return token;
}

test('the statistics dashboard shows the demo totals and draws its charts', async ({ page }) => {
  const out = semap('token', 'create', '--role', 'editor', '--name', 'e2e stats');
  const token = /semap_[A-Za-z0-9_-]+/.exec(out)?.[0] ?? '';
  await page.goto('/admin?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Statistics' }).click();
  await expect(page).toHaveURL(/\/admin\/stats\?lang=en/);
  await expect(page.locator('[data-figure=members]')).toHaveText('60');
  await expect(page.locator('[data-figure=employees]')).toHaveText('319');
  await expect(page.locator('[data-figure=turnover]')).toHaveText('€3,000,000');
  // Every chart is drawn (Chart.js loaded lazily) and has its table; staff see the service requests.
  const charts = ['country', 'kind', 'employment', 'turnover', 'years-people', 'years-turnover', 'directory-employment',
    'directory-turnover', 'impact', 'region', 'requests'];
  for (const id of charts) {
    await expect(page.locator(`#chart-${id}[data-drawn=true]`)).toBeAttached();
  }
  // The cluster's figures are read on their own scale: the members' charts hold the members alone (beside the
  // whole directory they were slivers), and the impact reports give them per year.
  const own = page.locator('figure', { has: page.locator('#chart-turnover') });
  await own.getByText('The data as a table').click();
  await expect(own.getByRole('row')).toHaveCount(2);
  await expect(own.getByRole('row', { name: /Members €3,000,000/ })).toBeVisible();
  const perYear = page.locator('figure', { has: page.locator('#chart-years-people') });
  await perYear.getByText('The data as a table').click();
  await expect(perYear.getByRole('row', { name: /^2025 / })).toBeVisible();
  // The region chart shows the 15 leading regions and one bar for the rest: readable, not 2,500 px tall.
  expect((await page.locator('#chart-region').boundingBox())!.height).toBeLessThan(500);
  const painted = await page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.stats-chart canvas')].map((canvas) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
    return inked;
  }));
  expect(painted.length).toBe(charts.length);
  for (const inked of painted) expect(inked).toBeGreaterThan(100);
  const country = page.locator('figure', { has: page.locator('#chart-country') });
  await country.getByText('The data as a table').click();
  await expect(country.getByRole('row', { name: /Romania 45/ })).toBeVisible();
  await expect(country.getByRole('row', { name: /Moldova 15/ })).toBeVisible();
  await screenshot(page, 'admin-stats');
  await expectAccessible(page);

  // Romanian formats the same money its own way.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ro');
  await expect(page.locator('[data-figure=turnover]')).toHaveText(/^3\.000\.000\s(€|EUR)$/);
});

test('an admin lists and filters the members, ends a membership, moves a service request on and checks an import', async ({ page }) => {
  const token = createToken();
  const name = sqlValue(`SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
    WHERE m.left_on IS NULL AND m.role <> 'coordinator' ORDER BY o.id LIMIT 1`);
  await page.goto('/admin/members?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Members' })).toBeVisible();
  await expect(page.getByRole('status').getByText('60 memberships')).toBeVisible();
  await page.locator('#members-role').selectOption('founding_member');
  await page.locator('#members-role').selectOption('');
  await expectAccessible(page);
  await screenshot(page, 'admin-members');
  // Asked first: "cancel" keeps it, "yes" ends it.
  await page.getByRole('button', { name: `End the membership of ${name}` }).click();
  const question = page.getByRole('dialog', { name: `End the membership of ${name}?` });
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByRole('status').getByText('60 memberships')).toBeVisible();
  await page.getByRole('button', { name: `End the membership of ${name}` }).click();
  await question.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(page.getByText(`The membership of ${name} was ended.`)).toBeVisible();
  await expect(page.getByRole('status').getByText('59 memberships')).toBeVisible();

  // The service-request board: a request filed for a member, triaged.
  const organisation = Number(sqlValue(`SELECT organisation_id FROM memberships WHERE left_on IS NULL ORDER BY organisation_id LIMIT 1`));
  const service = sqlValue('SELECT code FROM support_services ORDER BY id LIMIT 1');
  const title = `Board E2E ${Date.now().toString(36)}`;
  const filed = await page.request.post('/api/v1/service-requests', {
    headers: { Authorization: `Bearer ${token}` },
    data: { service, organisation_id: organisation, title, description: 'Filed by the e2e test.', contact: { name: 'E2E', email: 'e2e@example.org' } },
  });
  expect(filed.status()).toBe(201);
  await page.getByRole('link', { name: 'Service requests' }).click();
  await page.getByLabel('Status').selectOption('submitted');
  const card = page.getByRole('article', { name: title });
  await expect(card).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'admin-requests');
  await card.getByRole('button', { name: 'Mark as: Triaged' }).click();
  await expect(page.getByText(`“${title}” is now: Triaged.`)).toBeVisible();

  // Imports: a dry run of a one-row CSV reports it, then the import creates it.
  await page.getByRole('link', { name: 'Imports and exports' }).click();
  const template = await page.request.get('/api/v1/admin/imports/template.csv', { headers: { Authorization: `Bearer ${token}` } });
  const header = (await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  const columns = header.split(',');
  const values: Record<string, string> = { name: `Import E2E ${Date.now().toString(36)}`, country: 'RO', lat: '45.1', lon: '24.3', kind: 'social_enterprise', status: 'published' };
  const csv = `${header}\n${columns.map((c) => values[c] ?? '').join(',')}\n`;
  await page.getByLabel('File to import').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await expect(page.getByText('The check found:')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'admin-imports');
  await page.getByRole('button', { name: 'Import the file' }).click();
  await expect(page.getByText('The import is done:')).toBeVisible();
  // The exports are buttons that send the token (e2e/open-data.spec.ts downloads them).
  await expect(page.getByRole('button', { name: 'CSV for Excel' })).toBeVisible();
});
