// The jobs page as an admin uses it: filters that reach the server, a view that survives reloads and
// links, expanded users, live following, run now, recorded results, export, and text that stays text.
import { type Page } from '@playwright/test';
import { expect, test, DevBackend, JobsPage, READONLY_TOKEN, SettingsPage } from './console';

let dev: DevBackend;

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
});

/** The query of the newest jobs-list request the backend received. */
async function lastListQuery(path = '/api/v2/jobs/'): Promise<string> {
  const list = (await dev.requests()).filter((r) => r.method === 'GET' && r.path === path);
  expect(list.length).toBeGreaterThan(0);
  return list[list.length - 1].query;
}

async function renderedStatuses(page: Page): Promise<string[]> {
  return page.getByTestId('job-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status') ?? ''));
}

async function renderedIds(page: Page): Promise<number[]> {
  return page.getByTestId('job-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-job-id'))));
}

test('each filter reaches the server and changes the rows', async ({ page }) => {
  const jobs = new JobsPage(page);
  await jobs.open();
  await expect(jobs.rows().first()).toBeVisible();

  await page.getByLabel('Status', { exact: true }).selectOption('running');
  await expect(page).toHaveURL(/ready=false/);
  await expect.poll(() => lastListQuery()).toContain('ready=false');
  await expect.poll(async () => new Set(await renderedStatuses(page))).toEqual(new Set(['running']));

  await page.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await expect.poll(() => lastListQuery()).toContain('ready=true&succeeded=true');
  await expect.poll(async () => new Set(await renderedStatuses(page))).toEqual(new Set(['succeeded']));

  await page.getByLabel('Started').selectOption('false');
  await expect.poll(() => lastListQuery()).toContain('automatic=false');
  const manual = await dev.jobs('?automatic=false&ready=true&succeeded=true&page=1&page_size=100');
  await expect.poll(() => renderedIds(page)).toEqual(manual.results.slice(0, (await renderedIds(page)).length).map((j) => j.id));

  await page.getByLabel('Started').selectOption('');
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.getByLabel('Connection', { exact: true }).selectOption({ label: 'Rally - Payments (#12)' });
  await expect.poll(() => lastListQuery()).toContain('connection=12');
  await expect(jobs.rows().first()).toContainText('Rally - Payments');
  const aliases = await jobs.rows().evaluateAll((rows) => rows.map((r) => r.children[1].textContent));
  expect(new Set(aliases)).toEqual(new Set(['Rally - Payments']));

  await page.getByLabel('Connection', { exact: true }).selectOption('');
  await page.getByLabel('or id').fill('29');
  await expect.poll(() => lastListQuery()).toContain('connection=29');
  await expect(page.getByLabel('Connection', { exact: true })).toHaveValue('29');
  await expect(jobs.rows().first()).toContainText("gg'");

  await page.getByLabel('Connection', { exact: true }).selectOption('');
  await page.getByLabel('User', { exact: true }).fill('priya.raman@example.com');
  await expect.poll(() => lastListQuery()).toContain('user=priya.raman%40example.com');
  const priya = await dev.jobs('?user=priya.raman%40example.com&page=1&page_size=100');
  await expect(page.getByTestId('jobs-summary')).toHaveText(`${priya.count} jobs`);
});

test('the view lives in the URL: reload, links, back and forward', async ({ page }) => {
  // The demo's running jobs end 1 to 3 job delays after the reset, some as failed ALM jobs: one ending
  // between the two looks would be a new row, not a changed view. Wait for them first.
  await expect.poll(async () => (await dev.jobs('?ready=false&page=1&page_size=1')).count, { timeout: 20_000 }).toBe(0);
  await page.goto('/jobs/alm?ready=true&succeeded=false&sort=alias&q=jira');
  await expect(page.getByRole('link', { name: 'ALM', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('failed');
  await expect(page.getByLabel('Search loaded jobs')).toHaveValue('jira');
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Connection');
  await expect.poll(() => lastListQuery('/api/v2/jobs/alm/')).toContain('ready=true&succeeded=false');
  const before = await renderedIds(page);
  expect(before.length).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByLabel('Search loaded jobs')).toHaveValue('jira');
  await expect.poll(() => renderedIds(page)).toEqual(before);

  await page.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await expect(page).toHaveURL(/succeeded=true/);
  await page.goBack();
  await expect(page).toHaveURL(/succeeded=false/);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('failed');
  await page.goForward();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('succeeded');
});

test('kind tabs load each kind from its own endpoint', async ({ page }) => {
  await new JobsPage(page).open();
  for (const [tab, path, slug] of [['ALM', '/api/v2/jobs/alm/', 'alm'], ['Verification', '/api/v2/jobs/analysis/', 'analysis'], ['LDAP', '/api/v2/jobs/ldap/', 'ldap']]) {
    await page.getByRole('link', { name: tab, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${slug}$`));
    await expect.poll(() => lastListQuery(path)).toContain('page_size=100');
    const hrefs = await page.getByTestId('job-row').locator('td:nth-child(2) a').evaluateAll((a) => a.map((x) => x.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h!.startsWith(`/jobs/${slug}/`))).toBeTruthy();
  }
});

test('pages follow the API and results alone need no pager', async ({ page }) => {
  await page.goto('/jobs?page_size=50');
  await expect(page.getByTestId('page-label')).toHaveText('Page 1 of 6');
  const first = await renderedIds(page);
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByTestId('page-label')).toHaveText('Page 2 of 6');
  await expect.poll(() => lastListQuery()).toContain('page=2&page_size=50');
  await expect.poll(async () => (await renderedIds(page))[0]).not.toBe(first[0]);
  await page.getByLabel('Rows').selectOption('all');
  await expect.poll(() => lastListQuery()).toBe('');
  await expect(page.getByTestId('jobs-summary')).toHaveText('300 jobs');
  await expect(page.getByTestId('page-label')).toHaveCount(0);
});

test('search and sort work on the loaded rows without asking the server', async ({ page }) => {
  await page.goto('/jobs?page_size=all');
  await expect(page.getByTestId('jobs-summary')).toHaveText('300 jobs');
  const requests = (await dev.requests()).length;
  await page.getByLabel('Search loaded jobs').fill('legacy timed out');
  await expect(page.getByTestId('jobs-summary')).toContainText('of 300 loaded jobs match the search');
  const aliases = await page.getByTestId('job-row').evaluateAll((rows) => rows.map((r) => r.children[1].textContent));
  expect(new Set(aliases)).toEqual(new Set(['Jira - Legacy Portal']));
  await page.getByLabel('Search loaded jobs').fill('');
  await page.getByRole('button', { name: /Connection/ }).click();
  await expect(page.getByTestId('job-row').first()).toContainText('Corporate directory');
  expect((await dev.requests()).length, 'search and sort are local').toBe(requests);
});

test('an empty result offers to clear the filters', async ({ page }) => {
  await page.goto('/jobs?q=no-such-job-anywhere');
  await expect(page.getByTestId('jobs-empty')).toContainText('No jobs match these filters.');
  await page.getByTestId('jobs-empty').getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId('job-row').first()).toBeVisible();
});

test('user details show role, groups and last login in a dialog', async ({ page }) => {
  await page.goto('/jobs');
  await page.getByLabel('Show user details').check();
  await expect.poll(() => lastListQuery()).toContain('expand=user,triggered_by');
  const userButton = page.locator('button.user-button', { hasText: 'Priya Raman' }).first();
  await userButton.click();
  const dialog = page.getByRole('dialog', { name: 'User' });
  await expect(dialog.getByTestId('user-role')).toHaveText('Security Lead');
  await expect(dialog.getByTestId('user-groups')).toHaveText('AppSec, Payments');
  await expect(dialog).toContainText('Active');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(userButton).toBeFocused();
  // The service bot never signed in.
  await page.locator('button.user-button', { hasText: 'Service-Bot' }).first().click();
  await expect(page.getByRole('dialog')).toContainText('Never');
});

test('running jobs on screen turn finished without a reload, polled one by one', async ({ page }) => {
  await page.goto('/jobs?ready=false');
  await expect(page.getByTestId('job-row').first()).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => (await renderedStatuses(page)).filter((s) => s === 'running').length, { timeout: 20_000 }).toBe(0);
  const polls = (await dev.requests()).filter((r) => /^\/api\/v2\/jobs\/(alm|analysis|ldap)\/\d+$/.test(r.path));
  expect(polls.length).toBeGreaterThan(0);
  await expect(page.getByLabel('Status', { exact: true }), 'filters are kept while polling').toHaveValue('running');
});

async function openAlmJob(page: Page) {
  const alm = (await dev.jobs('alm/?connection=12&ready=true')).results[0];
  await page.goto(`/jobs/alm/${alm.id}`);
  await expect(page.getByRole('heading', { name: 'Rally - Payments' })).toBeVisible();
}

test('run now asks first, then follows the new job to its end', async ({ page }) => {
  await openAlmJob(page);
  await page.getByRole('button', { name: 'Run now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run this connection now?' });
  await expect(dialog).toContainText('Rally - Payments');
  await dialog.getByTestId('confirm-run').click();
  await expect(page).toHaveURL(/\/jobs\/alm\/\d+$/);
  const status = page.getByTestId('job-status');
  await expect(status).toContainText('Running');
  await expect(status).toContainText('Succeeded', { timeout: 15_000 });
  await expect(page.getByTestId('result-message')).toContainText('tasks synchronized');
  const posts = (await dev.requests()).filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(1);
});

test('a job that fails says so with its message', async ({ page, request }) => {
  await request.post('/__dev/outcomes', { data: { succeeded: false, result_message: 'Rally rejected the credentials' } });
  await openAlmJob(page);
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByTestId('confirm-run').click();
  await expect(page.getByTestId('job-status')).toContainText('Failed', { timeout: 15_000 });
  await expect(page.getByTestId('result-message')).toHaveText('Rally rejected the credentials');
});

test('run now without the permission says what is missing', async ({ page }) => {
  await new SettingsPage(page).configure({ sdeToken: READONLY_TOKEN });
  await openAlmJob(page);
  await expect(page.getByRole('button', { name: 'Run now' })).toBeDisabled();
  await page.getByRole('button', { name: 'Try anyway' }).click();
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByTestId('confirm-run').click();
  await expect(page.getByTestId('error-panel')).toContainText('Your token lacks the permission for this.');
  await expect(page.getByTestId('error-panel')).toContainText('You do not have permission to perform this action.');
});

test('a result recorded by hand becomes a job', async ({ page }) => {
  await openAlmJob(page);
  await page.getByTestId('record-result').locator('summary').click();
  await page.getByRole('button', { name: 'Record result' }).click();
  await expect(page.getByText('Choose whether the job succeeded or failed.')).toBeVisible();
  await page.getByLabel('Failed').check();
  await page.getByLabel('Result message').fill('Scanner crashed at 03:12 <see log>');
  await page.getByRole('button', { name: 'Record result' }).click();
  await expect(page.getByTestId('job-status')).toContainText('Failed');
  await expect(page.getByTestId('result-message')).toHaveText('Scanner crashed at 03:12 <see log>');
  const post = (await dev.requests()).find((r) => r.method === 'POST');
  expect(JSON.parse((post as any).body)).toEqual({
    connection: 12, automatic: false, result_message: 'Scanner crashed at 03:12 <see log>', succeeded: false, ready: true,
  });
});

test('exports hold the rows on screen and no secrets', async ({ page }) => {
  await page.goto('/jobs/alm?q=rally');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  const shown = await renderedIds(page);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^jobs-alm-.*\.csv$/);
  const csv = await (await csvDownload.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toContain('id,kind,status');
  expect(lines.slice(1).map((l) => Number(l.split(',')[0])).slice(0, shown.length)).toEqual(shown);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const json = await (await jsonDownload.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  expect(json).not.toContain('demo-alm-password');
  expect(JSON.parse(json)[0].connection.params.alm_pass).toBe('••••••');
});

test('markup from the server shows as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const payload = '<img src=x onerror=alert(1)>';
  const base = (await dev.jobs('?page=1&page_size=1')).results[0];
  await dev.fault({
    path: '/api/v2/jobs/', method: 'GET', times: 1,
    body: { results: [{ ...base, result_message: `<script>alert(2)</script>`, connection: { ...base.connection, alias: payload } }] },
  });
  await page.goto('/jobs');
  await expect(page.getByRole('link', { name: payload })).toBeVisible();
  await expect(page.getByTestId('job-row').first()).toContainText('<script>alert(2)</script>');
  expect(await page.locator('table img, table script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await page.goto('/jobs/ldap');
  await expect(page.getByRole('link', { name: "gg'" }).first()).toBeVisible();
});

function pollCount(requests: Array<{ path: string }>): number {
  return requests.filter((r) => /^\/api\/v2\/jobs\/(alm|analysis|ldap)\/\d+$/.test(r.path)).length;
}

test('polling pauses while the tab is hidden and resumes when it is shown', async ({ page }) => {
  await page.goto('/jobs?ready=false');
  await expect(page.getByTestId('job-row').first()).toHaveAttribute('data-status', 'running');
  await page.evaluate(() => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }));
  await page.waitForTimeout(500); // a poll already in flight may still land
  const hidden = pollCount(await dev.requests());
  await page.waitForTimeout(4_500); // two poll periods
  expect(pollCount(await dev.requests()), 'no polls while hidden').toBe(hidden);
  await page.evaluate(() => delete (document as any).visibilityState);
  await expect.poll(async () => pollCount(await dev.requests()), { timeout: 10_000 }).toBeGreaterThan(hidden);
  await expect.poll(async () => (await renderedStatuses(page)).includes('running'), { timeout: 20_000 }).toBe(false);
});

test('a 429 while following pauses live updates, then they recover', async ({ page }) => {
  await openAlmJob(page);
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByTestId('confirm-run').click();
  await expect(page.getByTestId('job-status')).toContainText('Running');
  await dev.fault({ path: '/api/v2/jobs/alm/', method: 'GET', status: 429, retry_after: 2, times: 1 });
  await expect(page.getByTestId('poll-error')).toContainText('too many requests');
  await expect(page.getByTestId('job-status')).toContainText('Succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('poll-error')).toHaveCount(0);
});

for (const width of [1280, 1440]) {
  test(`the filter bar keeps its size and place when the jobs arrive, ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await dev.fault({ path: '/api/v2/jobs/', latency_ms: 1_500, times: 1 });
    await page.goto('jobs');
    await expect(page.getByText('Loading jobs…')).toBeVisible();
    // Said once, where the list will be.
    await expect(page.getByRole('status').filter({ hasText: /^\s*Loading…$/ })).toHaveCount(0);
    const box = async () => ({
      select: await page.locator('#filter-connection').boundingBox(),
      bar: await page.locator('#job-filters').boundingBox(),
    });
    const before = await box();
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    // The connections came with the jobs: the select has them, and is no wider for it.
    expect(await page.locator('#filter-connection option').count()).toBeGreaterThan(3);
    expect(await box()).toEqual(before);
  });
}

for (const width of [1280, 390]) {
  test(`back from a job, the list is where the admin left it, focus on the job they opened, ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await new JobsPage(page).open();
    const scroller = page.getByTestId('jobs-scroller');
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    await scroller.evaluate((el) => { el.scrollTop = 900; });
    await page.waitForTimeout(100);
    // A row across the middle of the table's box (rows are cards on a phone).
    const id = await scroller.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      return [...el.querySelectorAll('[data-testid=job-row]')]
        .find((r) => r.getBoundingClientRect().top <= middle && r.getBoundingClientRect().bottom >= middle)
        ?.getAttribute('data-job-id');
    });
    expect(id).toBeTruthy();
    const link = page.locator(`[data-focus-id="job-${id}-link"]`);

    // By keyboard: the link, Enter, then the job page's way back.
    await link.focus();
    const top = await scroller.evaluate((el) => el.scrollTop);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/jobs/[a-z]+/${id}`));
    await page.getByRole('link', { name: '← All jobs' }).click();
    await expect(link).toBeFocused();
    await expect(link).toBeInViewport();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);

    // The browser's Back does the same.
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/jobs/[a-z]+/${id}`));
    await page.goBack();
    await expect(link).toBeFocused();
    await expect(link).toBeInViewport();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);

    // The way back is used once: the next visit starts at the top, as a new one.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /^Upload/ }).click();
    await nav.getByRole('link', { name: 'Jobs', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Jobs' })).toBeFocused();
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
  });
}
