import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, screenshot, semap, showListRow, sqlValue } from './helpers';

function adminToken(name: string): string {
  const token = /semap_[A-Za-z0-9_-]+/.exec(semap('token', 'create', '--role', 'admin', '--name', name))?.[0];
  if (!token) throw new Error('no token');
  return token;
}

/** A message the worker gave up on, as the outbox keeps it; its id. */
function failedMessage(subject: string): number {
  return Number(sqlValue(`INSERT INTO outbox_messages (to_address, subject, body_text, status, attempts, last_error)
    VALUES ('gone@example.org', '${subject}', 'Hello, this is the text of ${subject}.', 'failed', 8,
            'SMTP 550: b''5.1.1 No such user here: the mailbox gone@example.org does not exist on this server''')
    RETURNING id`).split('\n')[0]);
}

async function openOutbox(page: Page, token: string) {
  await page.goto('/admin/outbox?lang=en');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin sees queued, sent and failed mail, reads why one failed and retries it', async ({ page }) => {
  const token = adminToken('e2e outbox');
  const subject = `E2E undeliverable ${Date.now().toString(36)}`;
  const id = failedMessage(subject);
  await openOutbox(page, token);
  await expect(page.getByRole('heading', { level: 2, name: 'Outbox' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The worker' })).toBeVisible();
  await expect(page.getByText(/^Queued \d+ · sent \d+ · failed \d+$/)).toBeVisible();
  await expect(page.getByText(/No worker is running|Last heartbeat of a worker/)).toBeVisible();

  await page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
  const row = page.getByRole('row', { name: new RegExp(subject) });
  await showListRow(page, row);
  await expect(row).toContainText('Failed');
  await expect(row).toContainText('No such user here');
  await expectAccessible(page);

  await row.getByRole('button', { name: `Show message ${id}` }).click();
  const detail = page.getByRole('region', { name: `Message ${id}` });
  await expect(detail.getByRole('heading', { name: `Message ${id}` })).toBeFocused();
  await expect(detail).toContainText(`Hello, this is the text of ${subject}.`);
  await expect(detail).toContainText('does not exist on this server');
  await screenshot(page, 'admin-outbox');
  await expectAccessible(page);

  await row.getByRole('button', { name: `Retry message ${id}` }).click();
  await expect(page.getByText(`Message ${id} is queued again: the worker sends it within seconds.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(subject) })).toHaveCount(0);  // no longer failed
  await expect(detail).toContainText('Queued');
  expect(sqlValue(`SELECT status || ' ' || attempts FROM outbox_messages WHERE id = ${id}`)).toBe('pending 0');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('pending');
  await showListRow(page, page.getByRole('row', { name: new RegExp(subject) }));
});

test('the outbox speaks the reader\'s language', async ({ page }) => {
  const token = adminToken('e2e outbox ro');
  await page.goto('/admin/outbox?lang=ro');
  await page.locator('#admin-token').fill(token);
  await page.locator('#admin-token').press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'E-mailuri trimise' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Afișează' })).toBeVisible();
  await expect(page.getByText(/^În coadă \d+ · trimise \d+ · eșuate \d+$/)).toBeVisible();
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a long error and the message fit the screen; the table scrolls inside its frame', async ({ page }) => {
    const token = adminToken('e2e outbox phone');
    const subject = `E2E phone undeliverable ${Date.now().toString(36)}`;
    const id = failedMessage(subject);
    await openOutbox(page, token);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
    const row = page.getByRole('row', { name: new RegExp(subject) });
    await showListRow(page, row);
    await row.getByRole('button', { name: `Show message ${id}` }).click();
    await expect(page.getByRole('heading', { name: `Message ${id}` })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const frame = (await page.locator('.console-table-wrap').boundingBox())!;
    expect(frame.x + frame.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-admin-outbox');
    await expectAccessible(page);
  });
});
