import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { canvasColourCounts, renderedClusters } from './helpers';

// A deployment's base map (BASEMAP_STYLE_URL) reaches the SPA as meta tags in its page and as origins in
// its Content-Security-Policy (tested in tests/test_app.py). Here the page is given both the way the API
// would, and the "online" style is answered by the test: no network is needed.
const STYLE = 'https://basemap.example.org/styles/test.json';
const MAGENTA = '#c000c0';

async function configureBasemap(page: Page, answer: 'style' | 'failure'): Promise<void> {
  await page.route((url) => url.pathname === '/', async (route) => {
    const response = await route.fetch();
    const meta = `<meta name="semap-basemap-style" content="${STYLE}"><meta name="semap-basemap-attribution" content="© Test Tiles">`;
    const headers = { ...response.headers() };
    headers['content-security-policy'] = headers['content-security-policy']!
      .replace("connect-src 'self'", "connect-src 'self' https://basemap.example.org");
    await route.fulfill({ response, headers, body: (await response.text()).replace('</head>', `${meta}</head>`) });
  });
  await page.route(STYLE, (route) => (answer === 'failure' ? route.abort('connectionrefused') : route.fulfill({
    contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ version: 8, sources: {}, layers: [{ id: 'paper', type: 'background', paint: { 'background-color': MAGENTA } }] }),
  })));
}

/** The share of the map canvas drawn in the test style's colour. */
async function magentaShare(page: Page): Promise<number> {
  const counts = await canvasColourCounts(page);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return (counts.get(0xc000c0) ?? 0) / total;
}

test('a configured base map is drawn under the enterprises and our country outlines, with its credit', async ({ page }) => {
  await configureBasemap(page, 'style');
  await page.goto('/?lang=en');
  const clusters = await renderedClusters(page);
  expect(clusters.length).toBeGreaterThan(0);
  expect(await magentaShare(page)).toBeGreaterThan(0.3);
  expect(await page.evaluate(() => window.semapMap!.getLayer('countries-line') !== undefined)).toBe(true);
  await expect(page.locator('.map-attribution')).toHaveText('© Test Tiles · Natural Earth · GeoNames · MapLibre');
});

test('when the configured base map cannot be loaded, the offline one is drawn', async ({ page }) => {
  await configureBasemap(page, 'failure');
  await page.goto('/?lang=en');
  const clusters = await renderedClusters(page);
  expect(clusters.length).toBeGreaterThan(0);
  expect(await magentaShare(page)).toBe(0);
  expect(await page.evaluate(() => window.semapMap!.getLayer('countries-fill') !== undefined)).toBe(true);
});
