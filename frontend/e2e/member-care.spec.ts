// Care in the members' area: coordinates checked as they are typed, under their own field, in the
// reader's language; a warning when the pin moves far or across a border; and a message's limit shown
// as it is typed, never cut.
import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap } from './helpers';

const run = Date.now().toString(36);

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a member in Russian types a wrong latitude, then moves the pin into Moldova and is warned', async ({ page }) => {
    const admin = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', `e2e care ${run}`))![0];
    const created = await page.request.post('/api/v1/enterprises', { headers: { Authorization: `Bearer ${admin}` }, data: {
      name: `Atelierul Atent ${run}`, country: 'RO', locality: 'Cluj-Napoca', location: { type: 'Point', coordinates: [23.6236, 46.7712] } } });
    expect(created.status()).toBe(201);
    const org = await created.json();
    const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'member', '--organisation', String(org.id), '--name', `e2e care ${run}`))![0];
    await page.goto('/member?lang=ru');
    await page.locator('#member-token').fill(token);
    await page.locator('#member-token').press('Enter');
    const lat = page.locator('#member-lat');
    const lon = page.locator('#member-lon');
    await expect(lat).toHaveValue('46.7712');

    await lat.fill('123.5');
    await expect(page.locator('#member-lat-error')).toHaveText('Широта должна быть от -90 до 90.');
    await expect(lat).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#member-lon-error')).toHaveCount(0);
    await lon.fill('abc');
    await expect(page.locator('#member-lon-error')).toHaveText('Напишите десятичное число, напр. 46.7712.');
    await page.getByRole('button', { name: 'Сохранить профиль' }).click();
    await expect(page.getByText('Исправьте отмеченные поля.')).toBeVisible();
    expect((await (await page.request.get(`/api/v1/enterprises/${org.id}`)).json()).location.coordinates).toEqual([23.6236, 46.7712]);

    // Into Chișinău: about 400 km, and across the border.
    await lat.fill('47.0105');
    await lon.fill('28.8638');
    await expect(page.getByText(/Внимание: метка перемещена на \d{3}(,\d)? км/)).toBeVisible();
    await expect(page.getByText('Внимание: метка пересекла границу (было: Румыния; стало: Республика Молдова).')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('#member-lat').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-ru-member-pin-warning');
    await expectAccessible(page);
    // Back near the saved place: a short move within the same county is no warning.
    await lat.fill('46.7800');
    await lon.fill('23.6300');
    await expect(page.getByText(/Внимание/)).toHaveCount(0);
  });
});

test('a message over its limit is kept whole and refused under the field, in Ukrainian', async ({ page }) => {
  const list = await (await page.request.get('/api/v1/enterprises?limit=1&country=RO&q=brutarie')).json();
  const enterprise = list.items[0];
  await page.goto(`/e/${enterprise.slug}?lang=uk`);
  const message = page.getByRole('textbox', { name: 'Повідомлення' });
  await message.fill('Добрий день. '.repeat(400));
  await expect(page.getByText(/5[\s ]?199 з 5[\s ]?000 символів/)).toBeVisible();
  await expect(page.getByText(/Щонайбільше 5[\s ]?000 символів: скоротіть на 199\./)).toBeVisible();
  expect((await message.inputValue()).trim().length).toBe(5199); // never cut
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});
