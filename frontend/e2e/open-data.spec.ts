import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap } from './helpers';

const TITLES = { ro: 'Date deschise: întregul registru', en: 'Open data: the whole directory',
  uk: 'Відкриті дані: увесь реєстр', ru: 'Открытые данные: весь реестр' } as const;

test('the open-data page lists the five files (XLSX now too) with size, date and SHA-256, in every language', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Open data' }).click();
  await expect(page).toHaveURL(/\/open-data\?/);
  await expect(page.getByRole('heading', { level: 1, name: TITLES.en })).toBeVisible();
  const listing = await (await page.request.get('/api/v1/downloads')).json();
  expect(listing.files).toHaveLength(5);
  for (const file of listing.files) {
    const card = page.locator('.open-data__file', { hasText: file.name });
    await expect(card.getByText(file.sha256)).toBeVisible();
    await expect(card.getByRole('link', { name: /^Download / })).toHaveAttribute('href', file.url);
  }
  await expect(page.getByRole('link', { name: 'Creative Commons Attribution 4.0 International' })).toHaveAttribute('rel', 'license');
  // A file is a static download whose bytes match the digest shown.
  const csv = listing.files.find((f: { format: string }) => f.format === 'csv');
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.locator('.open-data__file', { hasText: 'enterprises.csv' }).getByRole('link').click()]);
  const bytes = readFileSync(await download.path());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(csv.sha256);
  await expectAccessible(page);
  await screenshot(page, 'open-data');
  for (const lang of ['ro', 'uk', 'ru'] as const) {
    await page.goto(`/open-data?lang=${lang}`);
    await expect(page.getByRole('heading', { level: 1, name: TITLES[lang] })).toBeVisible();
    await expect(page.locator('.open-data__file')).toHaveCount(5);
  }
});

test('at 390 px the open-data page has no sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/open-data?lang=uk');
  await expect(page.locator('.open-data__file')).toHaveCount(5);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'phone-open-data');
});

/** RFC 4180 rows: quoted fields may hold commas, quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto('/admin/imports?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('staff exports send the token, follow the filters, include e-mails and open in Excel', async ({ page }) => {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', 'Exports e2e'))?.[0];
  if (!token) throw new Error('no token');
  await signIn(page, token);
  await page.getByLabel('Country').selectOption('MD');
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/exports/')) requests.push(`${request.url()} ${request.headers().authorization ?? ''}`);
  });
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV for Excel' }).click()]);
  expect(requests[0]).toContain('country=MD');
  expect(requests[0]).toContain('bom=true');
  expect(requests[0]).toContain(`Bearer ${token}`);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = csvRows(bytes.toString('utf8').slice(1));
  const country = header!.indexOf('country');
  const email = header!.indexOf('email');
  const total = (await (await page.request.get('/api/v1/enterprises?country=MD&limit=1')).json()).total;
  expect(rows).toHaveLength(total);
  expect(rows.every((row) => row[country] === 'MD')).toBeTruthy();
  expect(rows.some((row) => (row[email] ?? '').includes('@'))).toBeTruthy();  // admins get e-mails
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'XLSX' }).click()]);
  expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe('PK');
  await screenshot(page, 'admin-exports');
});
