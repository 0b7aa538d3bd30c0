import { expect, test } from './fixtures';
import { expectAccessible, memberToken, screenshot } from './helpers';

test('a member keeps the whole profile current: sectors, impact, staff, hours, the pin, and a 412', async ({ page }) => {
  const { slug, token } = memberToken(5);
  const api = (path: string) => page.request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  await page.goto('/member?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const profile = page.getByRole('region', { name: 'Profile' });
  await expect(profile.getByRole('group', { name: 'Activity and impact' })).toBeVisible();

  // A sector found without diacritics or by its English words, an impact area, a certification-free list.
  const activity = profile.getByRole('group', { name: 'Activity and impact' });
  await activity.getByRole('searchbox', { name: 'Search the sectors' }).fill('bread pastry');
  await activity.getByRole('checkbox', { name: /10\.71/ }).check();
  await expect(activity.getByRole('list', { name: 'Chosen sectors' })).toContainText('10.71');
  const education = activity.getByRole('group', { name: 'Impact areas' }).getByRole('checkbox', { name: 'Education and training' });
  await education.setChecked(true);

  const figures = profile.getByRole('group', { name: 'Staff and turnover' });
  await figures.getByRole('spinbutton', { name: 'Employees', exact: true }).fill('23');
  await figures.getByRole('spinbutton', { name: 'Of whom from vulnerable groups' }).fill('11');
  await figures.getByRole('spinbutton', { name: 'Annual turnover (EUR)' }).fill('250000');

  // Opening hours: typed once as text, then changed in the week table, which writes the text back.
  const hours = profile.getByRole('group', { name: 'Opening hours', exact: true });
  const text = hours.getByRole('textbox', { name: 'Opening hours as text (OpenStreetMap syntax)' });
  await text.fill('Mo-Fr 08:00-16:00');
  await hours.getByRole('checkbox', { name: 'Open on Friday' }).uncheck();
  await hours.getByLabel('Closes on Monday at').fill('17:30');
  await hours.getByRole('checkbox', { name: 'Closed on public holidays' }).check();
  await expect(text).toHaveValue('Mo 08:00-17:30; Tu-Th 08:00-16:00; PH off');

  // The pin, dragged with the mouse, moves the latitude and longitude fields.
  const place = profile.getByRole('group', { name: 'Location' });
  const latitude = place.getByRole('textbox', { name: 'Latitude' });
  const before = Number(await latitude.inputValue());
  await page.waitForFunction(() => (window as unknown as { semapPinMap?: { loaded(): boolean } }).semapPinMap?.loaded());
  const pin = place.getByRole('button', { name: 'Location pin; drag it to move the place' });
  await pin.scrollIntoViewIfNeeded();
  const box = (await pin.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height - 64, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => Number(await latitude.inputValue())).toBeGreaterThan(before);
  const movedLatitude = Number(await latitude.inputValue());

  await profile.getByRole('button', { name: 'Save the profile' }).click();
  await expect(profile.getByText('The profile was saved.')).toBeVisible();
  await screenshot(page, 'member-profile-full');
  await expectAccessible(page);
  const saved = await (await api(`/api/v1/enterprises/${slug}`)).json();
  expect(saved.sectors).toContain('10.71');
  expect(saved.impact_areas).toContain('education');
  expect([saved.employees_total, saved.employees_vulnerable, Number(saved.annual_turnover_eur)]).toEqual([23, 11, 250000]);
  expect(saved.opening_hours).toBe('Mo 08:00-17:30; Tu-Th 08:00-16:00; PH off');
  expect(saved.location.coordinates[1]).toBeCloseTo(movedLatitude, 5);

  // Someone else saves meanwhile: the 412 loads their version with this member's edit on top.
  const current = await api(`/api/v1/enterprises/${slug}`);
  const other = await page.request.patch(`/api/v1/enterprises/${slug}`, {
    headers: { Authorization: `Bearer ${token}`, 'If-Match': current.headers().etag!, 'Content-Type': 'application/json' },
    data: { website: 'https://other-editor.example.org/' },
  });
  expect(other.status()).toBe(200);
  const identity = profile.getByRole('group', { name: 'Organisation and contact' });
  await identity.getByRole('textbox', { name: 'Phone' }).fill('+40 264 555 123');
  await profile.getByRole('button', { name: 'Save the profile' }).click();
  await expect(profile.getByText('Someone else saved this profile in the meantime.', { exact: false })).toBeVisible();
  await expect(identity.getByRole('textbox', { name: 'Website' })).toHaveValue('https://other-editor.example.org/');
  await expect(identity.getByRole('textbox', { name: 'Phone' })).toHaveValue('+40 264 555 123');
  await profile.getByRole('button', { name: 'Save the profile' }).click();
  await expect(profile.getByText('The profile was saved.')).toBeVisible();
  const merged = await (await api(`/api/v1/enterprises/${slug}`)).json();
  expect([merged.website, merged.phone]).toEqual(['https://other-editor.example.org/', '+40 264 555 123']);

  // A bad value is named at its field, and nothing is written.
  await figures.getByRole('spinbutton', { name: 'Of whom from vulnerable groups' }).fill('99');
  await profile.getByRole('button', { name: 'Save the profile' }).click();
  await expect(profile.getByText('Please correct the marked fields.', { exact: false })).toBeVisible();
  expect((await (await api(`/api/v1/enterprises/${slug}`)).json()).employees_vulnerable).toBe(11);
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the whole profile form fits without sideways scrolling', async ({ page }) => {
    const { token } = memberToken(6);
    await page.goto('/member?lang=ro');
    await page.getByLabel('Tokenul de acces').fill(token);
    await page.getByRole('button', { name: 'Intră' }).tap();
    await expect(page.getByRole('group', { name: 'Activitate și impact' })).toBeVisible();
    await expect(page.getByTestId('pin-map').locator('canvas')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('group', { name: 'Zona deservită și program' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-member-profile');
    await expectAccessible(page);
  });
});
