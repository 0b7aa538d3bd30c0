import { expect, test } from './fixtures';
import { expectAccessible, screenshot, sqlValue } from './helpers';

test('a buyer match from Iași for catering ranks enterprises with their reasons, on the map and in a list', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Find suppliers' }).click();
  await expect(page).toHaveURL(/\/match\?lang=en/);
  await expect(page.getByRole('heading', { level: 1, name: 'Find a social enterprise for a purchase' })).toBeVisible();

  // The need: catering from the searchable CPV picker, a town, a distance.
  await page.getByRole('searchbox', { name: 'Search a category (e.g. catering)' }).fill('catering');
  await page.getByRole('checkbox', { name: /^55520000 Catering services$/ }).check();
  await expect(page.getByRole('list', { name: 'Chosen categories' })).toContainText('55520000');
  await page.getByRole('textbox', { name: 'Town (or a click on the map)' }).fill('Iași');
  await page.getByRole('combobox', { name: 'Maximum distance' }).selectOption('250');
  await page.getByRole('button', { name: 'Find suppliers' }).click();

  await expect(page).toHaveURL(/\/match\/[0-9a-f-]{36}\?lang=en/);
  const results = page.locator('.match-result');
  await expect(results.first()).toBeVisible();
  const count = await results.count();
  expect(count).toBeGreaterThan(0);
  // Ranked 1, 2, 3…, each with labelled reason bars and their values as text.
  const ranks = await page.locator('.match-result__rank').allTextContents();
  expect(ranks).toEqual(ranks.map((_, i) => String(i + 1)));
  const first = results.first();
  await expect(first.getByRole('list', { name: 'Reasons for the score' }).getByRole('listitem').first()).toBeVisible();
  await expect(first.locator('.reason__label').first()).toHaveText(/Category|Distance|Impact|Capacity|Profile/);
  await expect(first.locator('.reason__value').first()).toHaveText(/points/);
  await expect(first).toContainText(/Score: \d+ out of 100/);
  await expect(first.locator('.reason__sentence').nth(1)).toHaveText(/^[\d.]+ km from your location \(your limit: 250 km\)\.$/);
  // Numbered markers on the map, one per result.
  await expect(page.locator('.match-marker:not(.match-marker--origin)')).toHaveCount(count);
  await expect(page.locator('.match-marker', { hasText: /^1$/ })).toHaveCount(1);
  // The map has fitted the markers and drawn its tiles before the picture.
  await page.waitForFunction(() => {
    const map = window.semapMatchMap;
    return !!map && map.loaded() && !map.isMoving() && map.areTilesLoaded();
  }, undefined, { timeout: 60_000, polling: 250 });
  await screenshot(page, 'match-results');
  await expectAccessible(page);

  // Contact from a result sends an inquiry tied to the match.
  const matchId = /\/match\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await first.getByRole('button', { name: /^Contact / }).click();
  const form = first.getByRole('form');
  await form.getByRole('textbox', { name: 'Your name' }).fill('Maria Achiziții');
  await form.getByRole('textbox', { name: 'Your e-mail' }).fill('maria@example.org');
  await form.getByRole('textbox', { name: 'Message' }).fill('Lunch for 200 people on 15 December, can you quote?');
  await form.getByRole('button', { name: 'Send the message' }).click();
  await expect(first.getByRole('status').filter({ hasText: 'Your message has been sent' })).toBeVisible();
  expect(sqlValue(`SELECT count(*) FROM inquiries WHERE match_id = '${matchId}'`)).toBe('1');

  // Two chosen results get the same message, one inquiry each.
  const second = results.nth(1);
  const names2 = [await first.locator('h3 a').textContent(), await second.locator('h3 a').textContent()];
  await first.getByRole('checkbox', { name: /^Choose / }).check();
  await second.getByRole('checkbox', { name: /^Choose / }).check();
  const chosen = page.getByRole('region', { name: 'Chosen enterprises' });
  await expect(chosen).toContainText('2 chosen (at most 10).');
  await chosen.getByRole('button', { name: 'Contact the 2 chosen' }).click();
  const many = chosen.getByRole('form', { name: 'Message to 2 enterprises' });
  await many.getByRole('textbox', { name: 'Your name' }).fill('Maria Achiziții');
  await many.getByRole('textbox', { name: 'Your e-mail' }).fill('maria@example.org');
  await many.getByRole('textbox', { name: 'Message' }).fill('Lunch for 200 people on 15 December: please quote.');
  await many.getByRole('button', { name: 'Send the message' }).click();
  for (const name of names2) await expect(chosen.getByText(`Your message has been sent to ${name}`)).toBeVisible();
  expect(sqlValue(`SELECT count(*) FROM inquiries WHERE match_id = '${matchId}'`)).toBe('3');
  await expectAccessible(page);

  // The stored match's URL reloads it.
  const names = await page.locator('.match-result h3').allTextContents();
  await page.reload();
  await expect(page.locator('.match-result h3')).toHaveText(names);
  await expect(page.getByRole('textbox', { name: 'Town (or a click on the map)' })).toHaveValue('Iași');

  // The reasons are worded in the reader's language, from the API's facts.
  await page.goto(page.url().replace('lang=en', 'lang=ro'));
  await expect(page.locator('.match-result').first().locator('.reason__sentence').nth(1))
    .toHaveText(/^La [\d,]+ km de locul dvs\. \(limita dvs\.: 250 km\)\.$/);
});

test('an ambiguous town offers its candidates to choose from', async ({ page }) => {
  await page.goto('/match?lang=ro');
  await page.getByRole('textbox', { name: 'Cuvinte cheie' }).fill('pâine');
  await page.getByRole('textbox', { name: 'Localitatea (sau un clic pe hartă)' }).fill('Victoria');
  await page.getByRole('button', { name: 'Caută furnizori' }).click();
  const choices = page.getByRole('group', { name: 'Alegeți localitatea' });
  await expect(page.getByRole('alert')).toContainText('Există mai multe localități „Victoria”');
  expect(await choices.getByRole('button').count()).toBeGreaterThan(1);
  await screenshot(page, 'match-ambiguous-town');
  await expectAccessible(page);
  await choices.getByRole('button').first().click();
  await expect(page).toHaveURL(/\/match\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 2, name: /rezultat/ })).toBeVisible();
});
