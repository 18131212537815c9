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
