import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot, semap } from './helpers';

test('a member edits the profile, files a service request and marks an inquiry replied', async ({ page }) => {
  const { id, slug, token } = memberToken(3);
  const buyer = `Cumpărător E2E ${Date.now().toString(36)}`;
  const sent = await page.request.post('/api/v1/inquiries', {
    data: { enterprise_id: id, buyer_name: buyer, buyer_email: 'buyer@example.org', message: 'Can you quote for 50 lunches?' },
  });
  expect(sent.ok()).toBeTruthy();

  await page.goto('/member?lang=en');
  await expect(page.getByRole('heading', { level: 1, name: "Members' area" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'member-token');
  // A token of another role is turned away with a pointer to the console; the member's own token signs in alone.
  const editor = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'editor', '--name', 'e2e editor'))?.[0] ?? '';
  await page.getByLabel('Access token').fill(editor);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('This is not a member token');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Profile' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('semap.memberSession'))).toBeNull();

  // The pin is moved without a mouse: the latitude and longitude fields.
  const locality = `Satul E2E ${Date.now().toString(36)}`;
  await page.getByLabel('Locality').fill(locality);
  await page.getByLabel('Latitude').fill('46.5');
  await page.getByLabel('Longitude').fill('26.9');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByText('The profile was saved.')).toBeVisible();
  await screenshot(page, 'member-profile');
  await expectAccessible(page);
  const publicProfile = await (await page.request.get(`/api/v1/enterprises/${slug}`)).json();
  expect(publicProfile.locality).toBe(locality);
  expect(publicProfile.location.coordinates).toEqual([26.9, 46.5]);

  // An offering: added, edited, removed.
  const offers = page.getByRole('region', { name: 'Offerings' });
  await offers.getByRole('textbox', { name: 'Title' }).fill('Catering E2E');
  await offers.getByRole('button', { name: 'Add the offering' }).click();
  await expect(offers.getByText('“Catering E2E” was added.')).toBeVisible();
  await offers.getByRole('button', { name: 'Edit “Catering E2E”' }).click();
  await offers.locator('li').filter({ has: page.getByRole('button', { name: 'Cancel' }) }).getByRole('textbox', { name: 'Title' }).fill('Catering E2E 2');
  await offers.getByRole('button', { name: 'Save the profile' }).click();
  await expect(offers.getByText('“Catering E2E 2” was saved.')).toBeVisible();
  await offers.getByRole('button', { name: 'Remove “Catering E2E 2”' }).click();
  await expect(offers.getByText('“Catering E2E 2” was removed.')).toBeVisible();
  await expect(offers.getByRole('button', { name: 'Edit “Catering E2E 2”' })).toHaveCount(0);

  // A service request, listed with its timeline.
  const section = page.getByRole('region', { name: 'Service requests' });
  await section.getByRole('combobox', { name: 'Service' }).selectOption({ index: 1 });
  await section.getByRole('textbox', { name: 'Title' }).fill('Help with a grant application');
  await section.getByLabel('What do you need?').fill('We are applying for a regional grant and need a review.');
  await section.getByLabel('Contact name').fill('Ana Ionescu');
  await section.getByLabel('Contact e-mail').fill('ana@example.org');
  await section.getByRole('button', { name: 'File the request' }).click();
  await expect(section.getByText('The request was filed.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Help with a grant application' })).toHaveAttribute('aria-expanded', 'true');
  await expect(section.locator('.timeline li').first()).toContainText('Filed');
  await section.getByRole('textbox', { name: 'Comment', exact: true }).fill('The deadline is next month.');
  await section.getByRole('button', { name: 'Add the comment' }).click();
  await expect(section.locator('.timeline')).toContainText('The deadline is next month.');

  // The inquiry sent to the organisation, marked replied.
  const inquiry = page.getByRole('article', { name: buyer });
  await expect(inquiry).toBeVisible();
  await inquiry.getByLabel('Status').selectOption('replied');
  await expect(page.getByText('The status was saved.')).toBeVisible();
  await screenshot(page, 'member-requests');
  await expectAccessible(page);
  const list = await (await page.request.get('/api/v1/inquiries?limit=50', { headers: { Authorization: `Bearer ${token}` } })).json();
  expect(list.items.find((i: { buyer_name: string }) => i.buyer_name === buyer).status).toBe('replied');

  // The public profile shows the new locality.
  await page.goto(`/e/${slug}?lang=en`);
  await expect(page.getByText(locality).first()).toBeVisible();
});
