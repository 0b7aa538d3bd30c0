import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SCREENSHOTS = join(import.meta.dirname, '..', 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

// What one axe-core run of a whole page may take on a loaded 2-core machine (it took over 120 s once).
const AXE_BUDGET_MS = 180_000;

/** No serious or critical axe-core violation on the page as it is now. The whole page is checked; each
 * check brings its own time budget, so a slow analysis under load does not eat the test's. */
export async function expectAccessible(page: Page): Promise<void> {
  test.info().setTimeout(test.info().timeout + AXE_BUDGET_MS);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export interface RenderedCluster {
  count: number;
  lng: number;
  lat: number;
}

/** Waits until the map has drawn everything it asked for (the merged bubbles too), then reads the cluster bubbles it shows. */
export async function renderedClusters(page: Page): Promise<RenderedCluster[]> {
  await page.waitForFunction(() => {
    const map = window.semapMap;
    return !!map && !!map.getLayer('clusters') && map.loaded() && map.areTilesLoaded()
      && map.isSourceLoaded('enterprises') && map.getContainer().dataset.bubbles === 'ready';
  }, undefined, { timeout: 60_000, polling: 250 });
  return page.evaluate(() => window.semapMap!.queryRenderedFeatures({ layers: ['clusters'] }).map((f) => {
    const [lng, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
    return { count: Number(f.properties.count ?? f.properties.point_count), lng, lat };
  }));
}

/** The map canvas's colours (0xRRGGBB) and how many of the sampled pixels have each. */
export async function canvasColourCounts(page: Page): Promise<Map<number, number>> {
  const png = await page.locator('.maplibregl-canvas').screenshot();
  const counts = await page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const colours: Record<number, number> = {};
    for (let i = 0; i < pixels.length; i += 16) {
      const colour = (pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!;
      colours[colour] = (colours[colour] ?? 0) + 1;
    }
    return colours;
  }, png.toString('base64'));
  return new Map(Object.entries(counts).map(([colour, n]) => [Number(colour), n]));
}

/** How many different colours the map canvas shows: a blank or failed WebGL canvas has one or two. */
export async function canvasColours(page: Page): Promise<number> {
  return (await canvasColourCounts(page)).size;
}

export async function apiTotal(page: Page, query: string): Promise<number> {
  const response = await page.request.get(`/api/v1/enterprises?${query}&limit=1`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()).total as number;
}

/** One SQL value from the e2e database (psql with the URL scripts/e2e.mjs passes), for what only e-mails carry. */
export function sqlValue(sql: string): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run the specs through `npm run test:e2e`');
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { encoding: 'utf8' }).trim();
}

/** The one-time link's token in the newest outbox e-mail that contains `path` (e.g. /claims/confirm). */
export function tokenFromOutbox(path: string): string {
  const body = sqlValue(`SELECT body_text FROM outbox_messages WHERE body_text LIKE '%${path}?token=%' ORDER BY id DESC LIMIT 1`);
  const match = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(body);
  if (!match?.[1]) throw new Error(`no ${path} link in the outbox`);
  return match[1];
}

/** Runs a `semap` command of the checkout against the e2e database (e.g. the reminders a cron job sends). */
export function semap(...args: string[]): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run the specs through `npm run test:e2e`');
  const repo = join(import.meta.dirname, '..', '..');
  return execFileSync(join(repo, '.venv', 'bin', 'semap'), args, {
    cwd: repo, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url.replace(/^postgresql:/, 'postgresql+asyncpg:') },
  });
}

/** A cluster member of the demo data (the n-th newest still in the cluster) and a member token bound to it. */
export function memberToken(n: number): { id: number; slug: string; token: string } {
  const [id, slug] = sqlValue(`SELECT o.id || ' ' || o.slug FROM memberships m JOIN organisations o ON o.id = m.organisation_id
    WHERE m.left_on IS NULL ORDER BY o.id DESC OFFSET ${Number(n)} LIMIT 1`).split(' ');
  const out = semap('token', 'create', '--role', 'member', '--organisation', String(id), '--name', `e2e member ${n}`);
  const token = /semap_[A-Za-z0-9_-]+/.exec(out)?.[0];
  if (!token || !id || !slug) throw new Error(`no member token in: ${out}`);
  return { id: Number(id), slug, token };
}

/** Pages an admin console list forward (English UI) until `row` is on the page shown (some lists, e.g. the members, are not newest first). */
export async function showListRow(page: Page, row: Locator): Promise<void> {
  const status = page.getByRole('status').filter({ hasText: /Page \d+:/ });
  const next = page.getByRole('button', { name: 'Next page' });
  for (let number = 1; ; number++) {
    await expect(status).toContainText(`Page ${number}:`);
    if (await row.count()) return;
    // A list of one page has no page buttons; the last page's "next" is aria-disabled.
    if (!(await next.count()) || (await next.getAttribute('aria-disabled')) === 'true') throw new Error(`${row.toString()} is on no page`);
    await next.click();
  }
}
