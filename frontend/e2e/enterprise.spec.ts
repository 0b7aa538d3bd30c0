import { expect, test } from './fixtures';
import { expectAccessible, screenshot } from './helpers';

test('a profile opens from the list, with offerings, impact, a mini-map and JSON-LD', async ({ page }) => {
  await page.goto('/');
  const link = page.locator('.result__name a').first();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/e\/[a-z0-9-]+\?lang=ro/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  for (const section of ['Despre', 'Produse și servicii', 'Impact social', 'Localizare', 'Contact']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByText(/angajați/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copiază linkul' })).toBeVisible();

  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd['@context']).toBe('https://schema.org');
  expect(jsonLd.name).toBe(name);
  expect(jsonLd.geo['@type']).toBe('GeoCoordinates');

  // The mini-map has drawn its tiles and the place's marker before the picture (src/map/small-map.ts).
  await expect(page.locator('.mini-map[data-drawn="true"] canvas')).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveTitle(new RegExp(name));
  await screenshot(page, 'enterprise');
  await expectAccessible(page);

  // Back returns to the map with the list.
  await page.goBack();
  await expect(page.getByRole('heading', { name: /Rezultate/ })).toBeVisible();
});

test('an unknown enterprise says it does not exist', async ({ page }) => {
  const answer = await page.goto('/e/no-such-enterprise-anywhere');
  expect(answer!.status()).toBe(404);
  await expect(page.getByRole('alert')).toContainText('nu există');
  await expectAccessible(page);
});

test('a reload of a profile link shows the profile (SPA fallback)', async ({ page }) => {
  const list = await (await page.request.get('/api/v1/enterprises?limit=1&country=UA')).json();
  const enterprise = list.items[0];
  await page.goto(`/e/${enterprise.slug}?lang=en`);
  await expect(page.getByRole('heading', { level: 1, name: enterprise.name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Products and services' })).toBeVisible();
});

test('a relocated or suspended enterprise says so on its profile, in each language and at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const notices: Record<string, { relocated: RegExp; suspended: RegExp }> = {
    ro: { relocated: /^Relocată:/, suspended: /^Activitate suspendată:/ },
    en: { relocated: /^Relocated:/, suspended: /^Activity suspended:/ },
    uk: { relocated: /^Переміщене:/, suspended: /^Діяльність призупинено:/ },
    ru: { relocated: /^Перемещено:/, suspended: /^Деятельность приостановлена:/ },
  };
  for (const status of ['relocated', 'suspended'] as const) {
    const list = await (await page.request.get(`/api/v1/enterprises?limit=1&operating_status=${status}`)).json();
    const enterprise = list.items[0];
    expect(enterprise.operating_status).toBe(status);
    for (const [lang, text] of Object.entries(notices)) {
      await page.goto(`/e/${enterprise.slug}?lang=${lang}`);
      await expect(page.getByRole('heading', { level: 1, name: enterprise.name })).toBeVisible();
      await expect(page.getByRole('note')).toHaveText(text[status]);
    }
  }
  await expectAccessible(page);
  const active = (await (await page.request.get('/api/v1/enterprises?limit=1&operating_status=active')).json()).items[0];
  await page.goto(`/e/${active.slug}?lang=en`);
  await expect(page.getByRole('heading', { level: 1, name: active.name })).toBeVisible();
  await expect(page.locator('.notice--operating')).toHaveCount(0);
});
