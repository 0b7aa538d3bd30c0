import { expect, test } from './fixtures';
import { expectAccessible, renderedClusters, screenshot } from './helpers';

test('the language switch changes the whole UI, the URL, and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
  await expect(page.getByRole('link', { name: 'Harta întreprinderilor sociale' })).toBeVisible();

  await page.getByLabel('Limba').selectOption('en');
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Social Enterprise Map' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Results/ })).toBeVisible();
  await page.locator('details.filters > summary').click(); // folded at first
  await expect(page.getByRole('combobox', { name: 'Impact area' }).locator('option', { hasText: 'Work integration' })).toHaveCount(1);
  await expect(page).toHaveTitle('Social Enterprise Map');

  await page.getByLabel('Language').selectOption('uk');
  await expect(page.getByRole('link', { name: 'Мапа соціальних підприємств' })).toBeVisible();
  await expect(page.locator('.results__count')).toHaveText(/підприєм/);
  await renderedClusters(page);
  await expect(page.locator('.maplibregl-canvas')).toHaveAttribute('aria-label', 'Мапа соціальних підприємств');
  await screenshot(page, 'map-uk');
  await expectAccessible(page);

  // Remembered: a link without a language opens in the last one chosen.
  await page.goto('/');
  await expect(page).toHaveURL(/lang=uk/);
  await page.getByLabel('Мова').selectOption('ru');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Карта социальных предприятий' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Результаты/ })).toBeVisible();
});
