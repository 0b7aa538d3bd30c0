import { expect, test } from './fixtures';
import { renderedClusters } from './helpers';

// A first visit of the map (a fresh browser, nothing cached): everything the page and its map worker
// fetch until the clusters are drawn and the network is quiet, as bytes on the wire (encoded bodies and
// response headers).
const BUDGET_BYTES = 700 * 1024;

test('a first visit of / transfers at most 700 KB', async ({ page }) => {
  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize })));
  });

  await page.goto('/');
  await renderedClusters(page);
  await page.waitForLoadState('networkidle');

  const responses = (await Promise.all(sizes)).filter((r) => r.url.startsWith('http'));
  // A worker's own script is not among the page's requests: fetch it as the browser did (same codings).
  for (const worker of page.workers().filter((w) => w.url().startsWith('http'))) {
    const response = await page.request.get(worker.url(), { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    const headers = response.headersArray().reduce((sum, h) => sum + h.name.length + h.value.length + 4, 0);
    responses.push({ url: worker.url(), bytes: Number(response.headers()['content-length']) + headers });
  }
  const total = responses.reduce((sum, r) => sum + r.bytes, 0);
  const largest = responses.sort((a, b) => b.bytes - a.bytes).slice(0, 10)
    .map((r) => `${(r.bytes / 1024).toFixed(1).padStart(7)} KB  ${new URL(r.url).pathname}`);
  console.log(`[transfer] first visit of /: ${(total / 1024).toFixed(1)} KB in ${responses.length} responses\n${largest.join('\n')}`);
  expect(responses.some((r) => r.url.includes('/api/v1/tiles/'))).toBe(true); // the map worker's fetches count too
  expect(responses.some((r) => r.url.includes('maplibre-gl-worker'))).toBe(true);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
});
