// Issue 14 as the admin meets it: the jobs list opened directly asks for its jobs once, while the app is
// still mounting (src/early.rs), and that answer is the page's own, failures included. The figures are
// the benchmarks' (end2end/bench/); these flows check the behaviour they rely on.
import { expect, test, DevBackend, SettingsPage } from './console';

let dev: DevBackend;

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
  expect((await request.delete('/__dev/requests')).status()).toBe(204);
});

async function listReads(path: string) {
  return (await dev.requests()).filter((r) => r.method === 'GET' && r.path === path);
}

test('the jobs list opened directly asks once, and its early answer is the one shown', async ({ page }) => {
  await page.goto('jobs/alm?ready=true&succeeded=false&page_size=25');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  const reads = await listReads('/api/v2/jobs/alm/');
  expect(reads, 'one request: the early one, taken by the page').toHaveLength(1);
  expect(reads[0].query).toContain('ready=true');
  expect(reads[0].query).toContain('succeeded=false');
  // Asked before the page itself asked: the page's own mark comes after the early one.
  const marks = await page.evaluate(() => performance.getEntriesByName('console:first-request').length);
  expect(marks, 'the early request and the page taking it').toBe(2);
  for (const row of await page.getByTestId('job-row').all()) await expect(row).toContainText('Failed');

  // A change of filter asks anew, as always.
  await page.getByRole('navigation', { name: 'Job kinds' }).getByRole('link', { name: 'LDAP' }).click();
  await expect.poll(async () => (await listReads('/api/v2/jobs/ldap/')).length).toBe(1);
});

test('an early request that fails is the page\'s failure, said in words, and Try again asks anew', async ({ page }) => {
  await dev.fault({ path: '/api/v2/jobs/alm', status: 401, times: 1 });
  await page.goto('jobs/alm?page_size=25');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('sign in again', { ignoreCase: true });
  expect(await listReads('/api/v2/jobs/alm/'), 'the early request only').toHaveLength(1);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  expect(await listReads('/api/v2/jobs/alm/')).toHaveLength(2);
});

// Pages other than the jobs list are split off the first load (src/lazy.rs): their code is fetched when
// they first open.
const splitChunk = /\/(chunk|split)_[^/]*\.wasm$/;

test('the jobs list loads no split page; another page fetches its code when opened, focus on its heading', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (r) => { if (splitChunk.test(new URL(r.url()).pathname)) chunks.push(r.url()); });
  await page.goto('jobs?page_size=25');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  expect(chunks, 'the first load is the main module only').toEqual([]);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Upload a scanner report' });
  await expect(heading).toBeFocused();
  expect(chunks.some((u) => /split_upload_page/.test(u)), 'the upload page\'s own chunk').toBe(true);
});

test('a page whose code cannot be fetched says so, and Try again fetches it', async ({ page }) => {
  await page.goto('jobs?page_size=25');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  let refused = 0;
  await page.route(splitChunk, (route) => { refused += 1; return route.abort('connectionreset'); });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This page could not be loaded.');
  await expect(alert).toContainText('try again');
  await expect(alert, 'focus on what happened, one Tab from Try again').toBeFocused();
  expect(refused).toBeGreaterThan(0);
  // Try again while it still fails: focus comes back to the message, never to <body>.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toBeFocused();
  await page.unroute(splitChunk);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Upload a scanner report' }), 'focus follows to the page').toBeFocused();
});

test('exporting fetches its code when first asked; if it cannot, it says so and the next try exports', async ({ page }) => {
  await page.goto('jobs?page_size=25');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  let refused = 0;
  await page.route(splitChunk, (route) => { refused += 1; return route.abort('connectionreset'); });
  const csv = page.getByRole('button', { name: 'Export CSV' });
  await csv.click();
  const status = page.getByTestId('export-status');
  await expect(status).toHaveText(/The export could not be loaded.*export again/);
  await expect(csv, 'focus stays on the button that was pressed').toBeFocused();
  expect(refused).toBeGreaterThan(0);
  await page.unroute(splitChunk);
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  expect(download.suggestedFilename()).toMatch(/^jobs-all-.*\.csv$/);
  await expect(status).toHaveText(/^Exported 25 jobs to jobs-all-.*\.csv\.$/);
});

test('a user\'s details fetch their code when first opened; if it cannot be, a dialog says so, Close returns to the name, Try again opens them', async ({ page }) => {
  await page.goto('jobs?page_size=25&expand=users');
  const userButton = page.locator('button.user-button', { hasText: 'Priya Raman' }).first();
  await expect(userButton).toBeVisible();
  let refused = 0;
  await page.route(splitChunk, (route) => { refused += 1; return route.abort('connectionreset'); });
  await userButton.click();
  const failed = page.getByRole('alertdialog', { name: 'This could not be opened.' });
  await expect(failed).toContainText('try again');
  const retry = failed.getByRole('button', { name: 'Try again' });
  await expect(retry, 'focus on what can be done').toBeFocused();
  expect(refused).toBeGreaterThan(0);
  // Focus stays in it: Shift+Tab from Try again goes to Close, Tab from Close back to Try again.
  const close = failed.getByRole('button', { name: 'Close' });
  await page.keyboard.press('Shift+Tab');
  await expect(close).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(retry).toBeFocused();
  // Trying again while it still fails says so, and focus comes back to Try again.
  await retry.click();
  await expect(failed.getByTestId('dialog-not-loaded-status')).toHaveText('It still could not be loaded.');
  await expect(retry).toBeFocused();
  await close.click();
  await expect(failed).toHaveCount(0);
  await expect(userButton, 'back where the admin was').toBeFocused();
  // A click beside it dismisses it too.
  await userButton.click();
  await expect(retry).toBeFocused();
  await page.mouse.click(5, 300);
  await expect(failed).toHaveCount(0);
  await expect(userButton).toBeFocused();

  // Escape closes it too; then, with the code reachable again, Try again opens the details.
  await userButton.click();
  await expect(retry).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(failed).toHaveCount(0);
  await expect(userButton).toBeFocused();
  await userButton.click();
  await expect(retry).toBeFocused();
  await page.unroute(splitChunk);
  await retry.click();
  const dialog = page.getByRole('dialog', { name: 'User' });
  await expect(dialog.getByTestId('user-role')).toHaveText('Security Lead');
  await expect(dialog.locator(':focus'), 'focus moves into the dialog').toHaveCount(1);
  // On the card, not its mail link: pressing Enter again opens nothing.
  await expect(dialog.locator('a:focus')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(userButton, 'the dialog hands focus back to the name it was opened from').toBeFocused();
});

test('the leave question fetches its code when first asked; if it cannot, staying is what happens, nothing typed is lost', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.configure();
  await settings.accessToken().fill('typed-but-not-saved');
  let refused = 0;
  await page.route(splitChunk, (route) => { refused += 1; return route.abort('connectionreset'); });
  const jobsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true });
  await jobsLink.click();
  const failed = page.getByRole('alertdialog', { name: 'This could not be opened.' });
  await expect(failed.getByRole('button', { name: 'Try again' })).toBeFocused();
  expect(refused).toBeGreaterThan(0);
  await failed.getByRole('button', { name: 'Close' }).click();
  await expect(failed).toHaveCount(0);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(settings.accessToken()).toHaveValue('typed-but-not-saved');
  await expect(jobsLink, 'focus back on the link that asked').toBeFocused();

  await page.unroute(splitChunk);
  await jobsLink.click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await ask.getByRole('button', { name: 'Leave and lose changes' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
});
