import { expect, test } from './fixtures';
import { expectAccessible, screenshot } from './helpers';

test('a search without diacritics finds names with them, with suggestions', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('combobox', { name: 'Caută întreprinderi' });
  await box.fill('brutarie');
  const suggestions = page.getByRole('listbox', { name: 'Sugestii' });
  await expect(suggestions.getByRole('option').first()).toContainText('Brutăria');
  await screenshot(page, 'search-suggestions');
  await expectAccessible(page);

  // Arrow keys move through the suggestions; Escape closes them; Enter searches the list.
  await box.press('ArrowDown');
  await expect(suggestions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Escape');
  await box.press('Enter');
  await expect(page).toHaveURL(/q=brutarie/);
  const names = page.locator('.result__name');
  await expect(names.first()).toContainText('Brutăria');
  expect((await names.allTextContents()).filter((n) => n.includes('Brutăria')).length).toBeGreaterThan(1);
  await screenshot(page, 'search-results');
});

test('a search with no match says so', async ({ page }) => {
  await page.goto('/?lang=ro&q=zzzqqqxxx');
  await expect(page.getByText('Nicio întreprindere nu corespunde căutării')).toBeVisible();
  await expectAccessible(page);
});

test('the filters combine and clear', async ({ page }) => {
  await page.goto('/');
  // Folded at first, on a desktop too, so that the results show.
  const filters = page.locator('details.filters');
  await expect(filters).not.toHaveAttribute('open', '');
  await expect(page.locator('.result').first()).toBeInViewport();
  await filters.locator('summary').click();
  await page.getByRole('combobox', { name: 'Domeniul de impact' }).selectOption('work_integration');
  await page.getByRole('checkbox', { name: 'Doar verificate' }).check();
  await expect(page).toHaveURL(/impact=work_integration/);
  await expect(page).toHaveURL(/verified=1/);
  await expect(page.getByText('2 filtre active')).toBeVisible();
  await expect(page.locator('.result').first()).toContainText('Verificată');
  await page.getByRole('button', { name: 'Șterge filtrele' }).click();
  await expect(page).not.toHaveURL(/impact=/);
});

test('the result list is reachable and usable with the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Salt la lista de rezultate' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Rezultate/ })).toBeFocused();
  // The list's first page must be there before Tab can land in it (a loaded machine is slow to answer).
  const first = page.locator('.result__name a').first();
  await expect(first).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/e\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a failing API shows an error with a retry that recovers', async ({ page }) => {
  let fail = true;
  // Only the list's first page fails, and only until the retry: the rest of the page is real.
  await page.route(/\/api\/v1\/enterprises\?(?!.*cursor).*limit=20/, (route) =>
    fail ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"detail":"down"}' }) : route.continue());
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'Nu am putut încărca datele.' });
  await expect(alert).toBeVisible();
  fail = false;
  await alert.getByRole('button', { name: 'Reîncearcă' }).click();
  await expect(page.locator('.result').first()).toBeVisible();
});
