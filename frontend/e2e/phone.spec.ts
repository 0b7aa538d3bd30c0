import { expect, test } from './fixtures';
import { expectAccessible, renderedClusters, screenshot } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a 390-px-wide phone shows search, map and list without sideways scrolling', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Caută întreprinderi' })).toBeVisible();
  const clusters = await renderedClusters(page);
  expect(clusters.length).toBeGreaterThan(0);
  const map = await page.locator('.maplibregl-canvas').boundingBox();
  expect(map!.width).toBeLessThanOrEqual(390);
  expect(map!.height).toBeGreaterThan(250);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'phone-map');
  await expectAccessible(page);

  // "Show on the map" opens the enterprise's panel over the map.
  const first = page.locator('.result').first();
  const name = (await first.locator('.result__name').textContent())!.trim();
  await first.getByRole('button', { name: /Arată pe hartă/ }).tap();
  await expect(page.getByRole('complementary').getByRole('heading', { name })).toBeVisible();
  await page.waitForFunction(() => window.semapMap!.queryRenderedFeatures({ layers: ['points-selected'] }).length === 1,
    undefined, { timeout: 60_000 });
  await screenshot(page, 'phone-detail-panel');

  await page.getByRole('complementary').getByRole('link', { name: 'Deschide profilul' }).tap();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'phone-enterprise');
});

test('the buyer match, the embed code and a claim link fit a 390-px phone', async ({ page }) => {
  for (const [path, name] of [['/match?lang=ro', 'phone-match'], ['/embed-code?lang=ro', 'phone-embed-code'],
    ['/claims/confirm?token=abc&lang=ro', 'phone-claim-confirm']] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Polled, not slept for: the page fits once its layout settles.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: path })
      .toBeLessThanOrEqual(390);
    await screenshot(page, name);
  }
});
