import { expect, test } from './fixtures';

// /docs is Swagger UI from the API's own package under a policy without inline or third-party scripts:
// the fixture fails the test on any Content-Security-Policy violation or page error.
test('the API reference renders from this origin alone, with Authorize for the bearer token', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: /Social Enterprise Map API/ })).toBeVisible();
  await expect(page.getByText('List and search enterprises').first()).toBeVisible();
  await page.getByRole('button', { name: /Authorize/ }).click();
  await expect(page.getByText('bearer (http, Bearer)')).toBeVisible();
  const origin = new URL(page.url()).origin;
  expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
});
