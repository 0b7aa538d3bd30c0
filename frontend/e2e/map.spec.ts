import { expect, test } from './fixtures';
import { apiTotal, canvasColours, expectAccessible, renderedClusters, screenshot } from './helpers';

test('the map is drawn with clusters and their counts, framed on RO, MD and UA', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Rezultate' })).toBeVisible();
  const clusters = await renderedClusters(page);
  expect(clusters.length).toBeGreaterThan(10);
  expect(clusters.every((c) => Number.isInteger(c.count) && c.count > 0)).toBe(true);
  expect(Math.max(...clusters.map((c) => c.count))).toBeGreaterThan(1);
  // Romania, Moldova and Ukraine are all in view.
  for (const [lng, lat] of [[26.1, 44.43], [28.86, 47.01], [30.52, 50.45]] as const) {
    expect(clusters.some((c) => Math.abs(c.lng - lng) < 3 && Math.abs(c.lat - lat) < 2)).toBe(true);
  }
  expect(await canvasColours(page)).toBeGreaterThan(20);
  await screenshot(page, 'map');
  await expectAccessible(page);
});

test('filtering by country updates the list, the URL and the map', async ({ page }) => {
  const moldova = await apiTotal(page, 'country=MD');
  const all = await apiTotal(page, '');
  expect(moldova).toBeGreaterThan(0);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: `${all} de întreprinderi` })).toBeVisible();
  await renderedClusters(page);

  await page.locator('details.filters > summary').click(); // folded at first
  await page.getByRole('checkbox', { name: 'Republica Moldova' }).check();
  await expect(page).toHaveURL(/country=MD/);
  await expect(page.locator('.results__count')).toHaveText(new RegExp(`^${moldova} `));
  const places = await page.locator('.result__meta').allTextContents();
  expect(places.length).toBeGreaterThan(0);
  expect(places.every((p) => p.includes('Republica Moldova'))).toBe(true);

  await expect.poll(async () => {
    const clusters = await renderedClusters(page);
    return clusters.length > 0 && clusters.every((c) => c.lng > 26.5 && c.lng < 30.3 && c.lat > 45.4 && c.lat < 48.6);
  }, { timeout: 60_000 }).toBe(true);
  const clusters = await renderedClusters(page);
  expect(clusters.reduce((sum, c) => sum + c.count, 0)).toBe(moldova);
  await screenshot(page, 'map-filtered-md');

  // The back button undoes the filter.
  await page.goBack();
  await expect(page).not.toHaveURL(/country=MD/);
  await expect(page.getByRole('checkbox', { name: 'Republica Moldova' })).not.toBeChecked();
  await expect(page.locator('.results__count')).toHaveText(new RegExp(`^${all} `));
});

test('a click on an enterprise on the map opens its panel, and the link reproduces the view', async ({ page }) => {
  // Zoomed in on Iași, where the demo data has enterprises: single markers, not clusters.
  await page.goto('/?lang=ro&map=12/47.17/27.58');
  await page.waitForFunction(() => {
    const map = window.semapMap;
    return !!map && map.loaded() && map.areTilesLoaded() && map.queryRenderedFeatures({ layers: ['points'] }).length > 0;
  }, undefined, { timeout: 60_000 });
  const point = await page.evaluate(() => {
    const map = window.semapMap!;
    const feature = map.queryRenderedFeatures({ layers: ['points'] })[0]!;
    const [lng, lat] = (feature.geometry as unknown as { coordinates: [number, number] }).coordinates;
    const { x, y } = map.project([lng, lat]);
    return { x, y, name: String(feature.properties.name), slug: String(feature.properties.slug) };
  });
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: point.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`sel=${point.slug}`));
  await screenshot(page, 'map-detail-panel');
  await expectAccessible(page);

  // The URL alone shows the same view.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByRole('complementary').getByRole('heading', { name: point.name })).toBeVisible();
  await other.close();
});

test('the choropleth shows enterprises per region', async ({ page }) => {
  await page.goto('/');
  await renderedClusters(page);
  const toggle = page.getByRole('button', { name: 'Întreprinderi pe regiuni' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/layer=regions/);
  await page.waitForFunction(() => {
    const map = window.semapMap!;
    return map.getLayoutProperty('regions-fill', 'visibility') === 'visible' && map.loaded()
      && map.queryRenderedFeatures({ layers: ['regions-fill'] }).some((f) => Number(f.properties.enterprises) > 0);
  }, undefined, { timeout: 60_000 });
  await screenshot(page, 'map-choropleth');
});

test('near me searches around the browser position', async ({ page, context }) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 46.77, longitude: 23.6 }); // Cluj-Napoca
  const near = await apiTotal(page, 'lat=46.77&lon=23.6&radius_km=25');
  await page.goto('/');
  await page.getByRole('button', { name: 'Lângă mine' }).click();
  await expect(page).toHaveURL(/around=46\.77\/23\.6\/25/);
  await expect(page.locator('.results__count')).toHaveText(new RegExp(`^${near === 1 ? 'O ' : near}`));
  await expect(page.getByRole('combobox', { name: 'Raza în jurul punctului ales' })).toHaveValue('25');
  await expect(page.locator('.result__meta').first()).toContainText('km');
});

test('a right click on the map searches around that point, and the radius can change', async ({ page }) => {
  await page.goto('/?lang=en&map=7/46.77/23.6');
  await renderedClusters(page);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  await expect(page).toHaveURL(/around=46\.\d+\/23\.\d+\/25/);
  const radius = page.getByRole('combobox', { name: 'Radius around the chosen point' });
  await radius.selectOption('50');
  await expect(page).toHaveURL(/around=46\.\d+\/23\.\d+\/50/);
  await expect(page.locator('.result__meta').first()).toContainText('km');
  await page.getByRole('button', { name: 'Drop the radius' }).click();
  await expect(page).not.toHaveURL(/around=/);
});

test('without vector tiles the map clusters the list as GeoJSON', async ({ page }) => {
  // An API without the tiles endpoint (404) still gets a working map from the list endpoint.
  await page.route(/\/api\/v1\/tiles\/enterprises\.json/, (route) =>
    route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"detail":"no tiles"}' }));
  const moldova = await apiTotal(page, 'country=MD');
  await page.goto('/?lang=ro&country=MD');
  await expect.poll(async () => (await renderedClusters(page)).length, { timeout: 60_000 }).toBeGreaterThan(0);
  const source = await page.evaluate(() => window.semapMap!.getSource('enterprises')!.type);
  expect(source).toBe('geojson');
  const clusters = await renderedClusters(page);
  expect(clusters.every((c) => c.lng > 26.5 && c.lng < 30.3)).toBe(true);
  const singles = await page.evaluate(() => window.semapMap!.queryRenderedFeatures({ layers: ['points'] }).length);
  expect(clusters.reduce((sum, c) => sum + c.count, 0) + singles).toBe(moldova);
});
