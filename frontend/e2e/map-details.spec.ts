import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, renderedClusters, screenshot } from './helpers';

// The map's details people notice: bubbles that never run into each other, the capitals' and the
// countries' names, towns in the reader's script, a list that keeps to the view, search suggestions
// that close, folded filters, and the cluster members' badge and filter.

const MAIN = 'accelerator-of-social-enterprises';

async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = window.semapMap;
    return !!map && map.loaded() && map.areTilesLoaded() && !!map.getLayer('clusters');
  }, undefined, { timeout: 60_000, polling: 250 });
}

test('cluster bubbles never overlap, and the capitals and countries are named above the markers', async ({ page }) => {
  await page.goto('/?lang=en');
  const clusters = await renderedClusters(page);
  expect(clusters.length).toBeGreaterThan(10);
  const points = await page.evaluate((list) => list.map((c) => window.semapMap!.project([c.lng, c.lat])).map((p) => [p.x, p.y]),
    clusters);
  // The smallest bubble is about 22 px across: no two centres closer than that.
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const [a, b] = [points[i]!, points[j]!];
      expect(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!), `bubbles ${i} and ${j}`).toBeGreaterThanOrEqual(20);
    }
  }
  const labels = await page.evaluate(() => {
    const map = window.semapMap!;
    const order = map.getStyle().layers.map((l) => l.id);
    return {
      capitals: map.queryRenderedFeatures({ layers: ['places-capital'] }).map((f) => f.properties.name).sort(),
      countries: map.queryRenderedFeatures({ layers: ['countries-label'] }).map((f) => f.properties.code).sort(),
      capitalAbove: order.indexOf('places-capital') > Math.max(order.indexOf('points'), order.indexOf('clusters')),
    };
  });
  expect(labels.capitals).toEqual(['București', 'Chișinău', 'Kyiv']);
  expect(labels.countries).toEqual(['MD', 'RO', 'UA']);
  expect(labels.capitalAbove).toBe(true);
  await screenshot(page, 'map-bubbles');
});

test('towns are labelled in the reader\'s script where a name exists for it', async ({ page }) => {
  await page.goto('/?lang=uk');
  await mapIdle(page);
  const field = await page.evaluate(() => window.semapMap!.getLayoutProperty('places-capital', 'text-field'));
  expect(field).toEqual(['coalesce', ['get', 'name_uk'], ['get', 'name']]);
  const kyiv = await page.evaluate(() => window.semapMap!.querySourceFeatures('places', { filter: ['has', 'capital'] })
    .map((f) => f.properties.name_uk).sort());
  expect(kyiv).toContain('Київ');
  await page.getByLabel('Мова').selectOption('en');
  await expect.poll(() => page.evaluate(() => window.semapMap!.getLayoutProperty('places-major', 'text-field')))
    .toEqual(['get', 'name']);
});

test('the result list keeps to the map\'s view, and says so, until it is told to list everything', async ({ page }) => {
  await page.goto('/?lang=en&map=9/47.02/28.84');
  await mapIdle(page);
  const follow = page.getByRole('checkbox', { name: 'Only what the map shows' });
  await expect(follow).toBeChecked();
  const bbox = await page.evaluate(() => window.semapMap!.getBounds().toArray().flat().map((v) => v.toFixed(4)).join(','));
  const inView = (await (await page.request.get(`/api/v1/enterprises?limit=1&bbox=${bbox}`)).json()).total as number;
  const everywhere = (await (await page.request.get('/api/v1/enterprises?limit=1')).json()).total as number;
  expect(inView).toBeLessThan(everywhere);
  await expect(page.locator('.results__count')).toHaveText(inView === 1 ? 'One enterprise' : `${inView} enterprises`);
  const names = await page.locator('.result__name').allTextContents();
  const listed = (await (await page.request.get(`/api/v1/enterprises?limit=20&bbox=${bbox}`)).json()).items.map((e: { name: string }) => e.name);
  expect(names).toEqual(listed);

  await follow.uncheck();
  await expect(page).toHaveURL(/list=all/);
  await expect(page.locator('.results__count')).not.toHaveText(inView === 1 ? 'One enterprise' : `${inView} enterprises`);
  await expectAccessible(page);
});

test('search suggestions close on Enter and on a click elsewhere; the filters start folded', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?lang=ro');
  await expect(page.locator('details.filters')).not.toHaveAttribute('open', '');
  await expect(page.locator('.result').first()).toBeInViewport();
  const box = page.getByRole('combobox', { name: 'Caută întreprinderi' });
  const suggestions = page.locator('#search-suggestions');
  await box.fill('brut');
  await expect(suggestions).toBeVisible();
  await box.press('Enter');
  await expect(page).toHaveURL(/q=brut/);
  await expect(suggestions).toBeHidden();
  await expect(page.locator('.results__count')).toBeVisible();
  await expect(suggestions).toBeHidden();

  await box.fill('atel');
  await expect(suggestions).toBeVisible();
  await page.locator('.maplibregl-canvas').click({ position: { x: 40, y: 40 } });
  await expect(suggestions).toBeHidden();
});

test('cluster members wear a badge in the list, on the map and on their profile, and can be filtered', async ({ page }) => {
  await page.goto(`/?lang=en&cluster=${MAIN}&list=all`);
  await page.locator('details.filters > summary').click();
  await expect(page.getByRole('checkbox', { name: 'Cluster members only' })).toBeChecked();
  const first = page.locator('.result').first();
  await expect(first.locator('.chip--cluster')).toHaveText('★ Cluster member');
  await expect(page.locator('.result:not(:has(.chip--cluster))')).toHaveCount(0);

  const member = (await (await page.request.get(`/api/v1/enterprises?cluster=${MAIN}&limit=1`)).json()).items[0];
  const [lng, lat] = member.location.coordinates;
  await page.goto(`/?lang=en&map=14/${lat}/${lng}&list=all`);
  await mapIdle(page);
  await expect.poll(() => page.evaluate((id) => window.semapMap!.queryRenderedFeatures({ layers: ['points'] })
    .filter((f) => f.id === id).map((f) => f.properties.member), member.id)).toEqual([true]);

  await page.goto(`/e/${member.slug}?lang=en`);
  const badge = page.getByRole('link', { name: '★ Cluster member' });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page).toHaveURL(new RegExp(`/cluster/${MAIN}`));
});
