// The foundation, as a user sees it: the console loads, settings persist, the jobs table shows the
// backend's jobs, and failures are explained in words with a way forward.
import { expect, test, ADMIN_TOKEN, DevBackend, JobsPage, READONLY_TOKEN, SettingsPage } from './console';

let dev: DevBackend;

test.beforeEach(async ({ request }) => {
  dev = new DevBackend(request);
  await dev.reset();
});

test('the console loads and asks for a token before anything else', async ({ page }) => {
  await page.goto('/');
  // The overview is the console's home page, at `/` itself.
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page).toHaveTitle('Overview · Integration Console');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Overview', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('welcome')).toContainText('SD Elements API token');
  await page.getByTestId('welcome').getByRole('link', { name: 'Open Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  expect(await dev.requests(), 'nothing is sent without a token').toHaveLength(0);
});

test('moving to another page names it in the tab and starts focus at its heading', async ({ page }) => {
  await new SettingsPage(page).configure();
  await expect(page).toHaveTitle('Settings · Integration Console');
  await page.goto('jobs');
  await expect(page).toHaveTitle('Jobs · Integration Console');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'LDAP connections' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle('LDAP connections · Integration Console');
  await expect(page.getByRole('heading', { level: 1, name: 'LDAP connections' })).toBeFocused();
  await page.getByTestId('ldap-row').first().getByRole('link').first().click();
  await expect(page).toHaveTitle(/^LDAP connection \S+ · Integration Console$/);
  await page.goBack();
  await expect(page).toHaveTitle('LDAP connections · Integration Console');
  await expect(page.getByRole('heading', { level: 1, name: 'LDAP connections' })).toBeFocused();
  // Moving within one page (another kind of job) leaves focus where it is.
  await page.goto('jobs/alm');
  await expect(page).toHaveTitle('ALM jobs · Integration Console');
});

test('the jobs table shows the backend jobs', async ({ page }) => {
  await new SettingsPage(page).configure();
  const jobs = new JobsPage(page);
  await jobs.open();
  const expected = await dev.jobs('?page=1&page_size=100');
  await expect(page.getByTestId('jobs-summary')).toHaveText(`Showing 100 of ${expected.count} jobs`);
  await expect(jobs.rows().first()).toBeVisible();
  const first = expected.results[0];
  const firstRow = jobs.rows().first();
  await expect(firstRow).toHaveAttribute('data-job-id', String(first.id));
  await expect(firstRow).toContainText(first.connection.alias);
  await expect(page.getByRole('columnheader', { name: 'Triggered by' })).toBeVisible();
  // The request carried the documented auth header scheme, and the token never appears in the URL.
  const sent = (await dev.requests()).filter((r) => r.path === '/api/v2/jobs/');
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.every((r) => r.auth_scheme === 'Token' && !r.query.includes(ADMIN_TOKEN))).toBeTruthy();
  expect(page.url()).not.toContain(ADMIN_TOKEN);
});

test('an empty list says so', async ({ page }) => {
  await new SettingsPage(page).configure();
  await dev.fault({ path: '/api/v2/jobs/', body: { results: [] } });
  await new JobsPage(page).open();
  await expect(page.getByTestId('jobs-empty')).toContainText('No jobs yet.');
  await expect(page.getByTestId('jobs-table')).toHaveCount(0);
});

test('a backend on another origin is reached through its configured URL', async ({ page, baseURL }) => {
  // localhost and 127.0.0.1 are different origins: this goes through CORS, as a direct backend URL would.
  const other = baseURL!.replace('127.0.0.1', 'localhost');
  await new SettingsPage(page).configure({ sdeUrl: other, accessUrl: other });
  const jobs = new JobsPage(page);
  await jobs.open();
  await expect(jobs.rows().first()).toBeVisible();
  await page.goto('/ldap');
  await expect(page.getByTestId('ldap-row')).toHaveCount(3);
});

test('settings persist across a reload, and tokens stay in the tab unless remembered', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.configure({ sdeUrl: '', accessUrl: 'http://127.0.0.1:18181/' });
  await page.reload();
  await expect(settings.accessUrl()).toHaveValue('http://127.0.0.1:18181');
  await expect(page.getByTestId('sde-token-state')).toContainText('A token is saved.');
  await expect(settings.sdeToken(), 'a saved token is never shown again').toHaveValue('');
  let stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  expect(stored.local).not.toContain(ADMIN_TOKEN);
  expect(stored.session).toContain(ADMIN_TOKEN);

  await settings.remember().check();
  await settings.save();
  stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  expect(stored.local).toContain(ADMIN_TOKEN);
  expect(stored.session).not.toContain(ADMIN_TOKEN);

  await settings.remember().uncheck();
  await settings.save();
  stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  expect(stored.local, 'turning remember off removes the tokens from the browser').not.toContain(ADMIN_TOKEN);

  await page.getByTestId('sde-token-state').getByRole('button', { name: 'Forget token' }).click();
  await page.getByRole('dialog', { name: 'Forget the SD Elements token?' }).getByRole('button', { name: 'Forget token' }).click();
  await expect(page.getByTestId('sde-token-state')).toContainText('Token forgotten: none is saved.');
});

test('an invalid base URL is refused beside its field and nothing is lost', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.sdeUrl().fill('sde.example.com');
  await settings.sdeToken().fill('typed-token');
  await settings.save();
  await expect(page.getByText('Start the address with https://')).toBeVisible();
  await expect(settings.sdeUrl()).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.sdeUrl()).toHaveValue('sde.example.com');
  await expect(settings.sdeToken()).toHaveValue('typed-token');
  await expect(page.getByTestId('settings-status')).toHaveText('');
});

test('leaving Settings with something typed and not saved asks first', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.configure();
  await settings.sdeUrl().fill('https://sde.example.com');
  await settings.accessToken().fill('typed-but-not-saved');
  page.once('dialog', (d) => { throw new Error(`a native ${d.type()} dialog for an in-app link`); });
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(settings.sdeUrl()).toHaveValue('https://sde.example.com');
  await expect(settings.accessToken()).toHaveValue('typed-but-not-saved');
  // Back to what is saved: nothing to lose, nothing asked.
  await settings.sdeUrl().fill('');
  await settings.accessToken().fill('');
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(ask).toHaveCount(0);
  page.removeAllListeners('dialog');
});

test('a stopped backend says it could not be reached', async ({ page }) => {
  // Port 9 (discard) has nothing listening on this machine: the request fails as if the server were down.
  await new SettingsPage(page).configure({ sdeUrl: 'http://127.0.0.1:9' });
  const jobs = new JobsPage(page);
  await jobs.open();
  await expect(jobs.error()).toContainText('SD Elements could not be reached.');
  await expect(jobs.error()).toContainText('Check the server address in Settings');
  await expect(jobs.error().getByRole('link', { name: 'Open Settings' })).toBeVisible();
});

test('an address the security policy does not allow says so, not that the server is down', async ({ page, csp }) => {
  await new SettingsPage(page).configure({ sdeUrl: 'http://127.0.0.1:19' });
  const jobs = new JobsPage(page);
  await jobs.open();
  await expect(jobs.error()).toContainText("SD Elements at this address is blocked by the console's security policy.");
  await expect(jobs.error()).toContainText('Clear the address override in Settings');
  await expect(jobs.error().getByRole('link', { name: 'Open Settings' })).toBeVisible();
  expect(csp.violations.join('\n')).toContain('http://127.0.0.1:19');
  csp.violations.length = 0; // the refusal is the point here
});

test('a rejected token says to sign in again', async ({ page }) => {
  await new SettingsPage(page).configure({ sdeToken: 'expired-token' });
  const jobs = new JobsPage(page);
  await jobs.open();
  await expect(jobs.error()).toContainText('SD Elements did not accept your token.');
  await expect(jobs.error()).toContainText('Sign in again');
  await expect(jobs.error()).toContainText('The server said: Invalid token.');
});

test('server failures are explained and the page recovers on retry', async ({ page }) => {
  await new SettingsPage(page).configure();
  const jobs = new JobsPage(page);
  for (const [fault, words] of [
    [{ path: '/api/v2/jobs', html: true, times: 1 }, 'answered with a web page instead of data (HTTP 502)'],
    [{ path: '/api/v2/jobs', status: 500, times: 1 }, 'had an internal error (HTTP 500)'],
    [{ path: '/api/v2/jobs', status: 429, retry_after: 7, times: 1 }, 'Wait 7 seconds, then try again.'],
    [{ path: '/api/v2/jobs', truncate: true, times: 1 }, 'could not read'],
  ] as const) {
    await dev.fault(fault);
    await jobs.open();
    await expect(jobs.error()).toContainText(words);
    await jobs.error().getByRole('button', { name: 'Try again' }).click();
    await expect(jobs.rows().first()).toBeVisible();
    await expect(jobs.error()).toHaveCount(0);
  }
});

test('a job page masks secrets and a read-only token hides params', async ({ page }) => {
  await new SettingsPage(page).configure();
  const alm = (await dev.jobs('alm/')).results[0];
  await page.goto(`/jobs/alm/${alm.id}`);
  const params = page.getByTestId('params-table');
  await expect(params).toContainText('alm_server');
  await expect(params.getByRole('row', { name: /alm_pass/ })).toContainText('••••••');
  expect(await page.content()).not.toContain('demo-alm-password');

  await new SettingsPage(page).configure({ sdeToken: READONLY_TOKEN });
  await page.goto(`/jobs/alm/${alm.id}`);
  await expect(page.getByTestId('params-hidden')).toContainText('lacks the permission');
});

test('LDAP connections list and show, never the manager password', async ({ page }) => {
  await new SettingsPage(page).configure();
  await page.goto('/ldap');
  await expect(page.getByTestId('ldap-row')).toHaveCount(3);
  await page.getByRole('link', { name: 'ldap://ldap.xy-company.com' }).click();
  await expect(page).toHaveURL(/\/ldap\/1000000$/);
  await expect(page.getByLabel('Manager password')).toHaveValue('');
  await expect(page.getByLabel('Base DN')).toHaveValue('ou=users,dc=xy-company,dc=com');
  // The demo's stored manager password is the word "password": it must appear nowhere as a value or text.
  const html = await page.content();
  expect(html).not.toMatch(/value="password"|>password</);
});

test('strings from the server are text, never markup', async ({ page }) => {
  await new SettingsPage(page).configure();
  await page.goto('/jobs');
  await expect(page.getByRole('link', { name: "gg'" }).first()).toBeVisible();
});

test('unknown addresses get a page that says so', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
