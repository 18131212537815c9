// The overview (the console's home page) as an admin uses it: which connections are broken and since when,
// runs per day, filters that survive a reload, live updates in place, and word when a job this browser
// started finishes while the admin is elsewhere.
import { resolve } from 'node:path';
import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test, ADMIN_TOKEN, DevBackend, SettingsPage } from './console';

let dev: DevBackend;

type ApiJob = { id: number; ready: boolean; succeeded: boolean; last_run?: string; automatic: boolean;
  result_message?: string; connection: { id: number; alias: string; system: string } };

/** Every job, once none of the demo's running jobs is still running (they finish within seconds). */
async function settledJobs(): Promise<ApiJob[]> {
  await expect.poll(async () => (await dev.jobs('?ready=false')).results.length, { timeout: 15_000 }).toBe(0);
  return (await dev.jobs('')).results as ApiJob[];
}

async function kindJobs(kind: string, query = ''): Promise<ApiJob[]> {
  return (await dev.jobs(`${kind}/${query}`)).results as ApiJob[];
}

async function startJob(request: APIRequestContext, kind: string, connection: number) {
  const response = await request.post(`/api/v2/jobs/${kind}/`, {
    headers: { Authorization: `Token ${ADMIN_TOKEN}` },
    data: { connection, automatic: false, ready: false },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as ApiJob;
}

const rows = (page: Page) => page.getByTestId('health-row');

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
});

test('a failing connection is listed first, and its strip links to its newest jobs, oldest first', async ({ page }) => {
  const jobs = await settledJobs();
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const first = rows(page).first();
  await expect(first).toContainText('Jira - Legacy Portal');
  await expect(first).toContainText('Failing');
  await expect(first.getByTestId('last-success')).toHaveText('Never');
  // Since when, in words: it never succeeded in the runs loaded.
  await expect(first.getByTestId('failing-since')).toHaveText(/^in every run loaded, since .+ ago \(\d+ failed runs in a row\)$/);

  const legacy = (await kindJobs('alm')).filter((j) => j.connection.alias === 'Jira - Legacy Portal');
  legacy.sort((a, b) => Date.parse(a.last_run!) - Date.parse(b.last_run!) || a.id - b.id);
  const newest = legacy.slice(-20);
  const marks = first.getByTestId('mark');
  await expect(marks).toHaveCount(newest.length);
  expect(await marks.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-job-id')))))
    .toEqual(newest.map((j) => j.id));
  // Every mark is a failure here, says so in words, and carries the job's message in full.
  await expect(marks.last()).toHaveAttribute('aria-label', new RegExp(`^Job ${newest.at(-1)!.id} failed, .+: ${newest.at(-1)!.result_message}`));
  await expect(first.getByTestId('last-failure')).toContainText(newest.at(-1)!.result_message!);
  await expect(first.getByTestId('success-rate')).toHaveText(`0% (0 of ${newest.length})`);
  // Connections in good health come after every failing one.
  const failing = await rows(page).evaluateAll((els) => els.map((e) => e.classList.contains('failing')));
  expect(failing.indexOf(false)).toBeGreaterThan(0);
  expect(failing.slice(failing.indexOf(false))).not.toContain(true);
  expect(jobs.length).toBeGreaterThan(0);

  // A strip is one Tab stop, on its newest run; the arrow keys, Home and End move along it, Escape hides
  // the run's details.
  expect(await marks.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex'))))
    .toEqual([...Array(newest.length - 1).fill('-1'), '0']);
  await first.getByRole('link', { name: 'Jira - Legacy Portal' }).focus();
  await page.keyboard.press('Tab');
  await expect(marks.last()).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(marks.nth(-2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(marks.first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(first.locator('ol.strip')).toHaveClass(/quiet/);
  await page.keyboard.press('End');
  await expect(marks.last()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(marks.last()).not.toBeFocused();
  await expect(first.locator('ol.strip')).not.toHaveClass(/quiet/);
  // The mark opens its job; the connection's name opens the jobs list filtered to it.
  await marks.last().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-status')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/jobs/(alm|all)/${newest.at(-1)!.id}`));
  await page.goBack();
  await rows(page).first().getByRole('link', { name: 'Jira - Legacy Portal' }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/alm\\?connection=${legacy[0].connection.id}$`));
  await expect(page.getByTestId('job-row').first()).toContainText('Jira - Legacy Portal');
});

test.describe('in UTC', () => {
  test.use({ timezoneId: 'UTC' });

  test("the chart's table holds the demo data's runs per day, by outcome", async ({ page }) => {
    const jobs = await settledJobs();
    const today = Math.floor(Date.now() / 86_400_000);
    const expected = new Map<string, [number, number, number]>();
    for (let day = today - 29; day <= today; day++) {
      expected.set(new Date(day * 86_400_000).toISOString().slice(0, 10), [0, 0, 0]);
    }
    for (const job of jobs) {
      if (!job.last_run) continue;
      const date = new Date(Date.parse(job.last_run)).toISOString().slice(0, 10);
      const count = expected.get(date);
      if (!count) continue;
      count[!job.ready ? 2 : job.succeeded ? 0 : 1] += 1;
    }
    await page.goto('./');
    await page.getByText('Show the numbers as a table').click();
    const table = page.getByTestId('runs-table');
    await expect(table.getByTestId('day-row')).toHaveCount(30);
    // A real HTML table, laid out as one, its caption for screen readers only.
    expect(await table.evaluate((t) => t instanceof HTMLTableElement && t.rows[1] instanceof HTMLTableRowElement)).toBe(true);
    await expect(table.locator('caption')).toHaveCSS('position', 'absolute');
    const shown = await table.getByTestId('day-row').evaluateAll((trs) => trs.map((tr) =>
      [tr.getAttribute('data-date'), ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent))]));
    const want = [...expected.entries()].reverse()
      .map(([date, [ok, failed, running]]) => [date, ok, failed, running, ok + failed + running]);
    expect(shown).toEqual(want);
    const total = want.reduce((n, row) => n + (row[4] as number), 0);
    await expect(page.getByTestId('chart-summary')).toHaveText(new RegExp(`^${total} runs:`));
    await expect(page.getByTestId('runs-chart')).toHaveAttribute('aria-label', new RegExp(`${total} runs`));
    // Drawn: one bar part per outcome present on a day.
    const parts = want.reduce((n, row) => n + [1, 2, 3].filter((i) => (row[i] as number) > 0).length, 0);
    await expect(page.locator('[data-testid="runs-chart"] rect.bar')).toHaveCount(parts);
  });
});

test('filters live in the URL, survive a reload, and narrow rows and chart alike', async ({ page }) => {
  await page.goto('./');
  await expect(rows(page).first()).toBeVisible();
  await page.getByLabel('Kind').selectOption('alm');
  await page.getByLabel('System').selectOption('JIRA');
  await page.getByLabel('Started').selectOption('true');
  await page.getByLabel('Chart span').selectOption('7');
  await expect(page).toHaveURL(/\/\?kind=alm&system=JIRA&automatic=true&days=7$/);
  await page.reload();
  await expect(page.getByLabel('Kind')).toHaveValue('alm');
  await expect(page.getByLabel('System')).toHaveValue('JIRA');
  await expect(page.getByLabel('Started')).toHaveValue('true');
  await expect(page.getByLabel('Chart span')).toHaveValue('7');
  await expect(page.getByRole('heading', { name: 'Runs per day, last 7 days' })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
  for (const about of await rows(page).locator('.about').allTextContents()) {
    expect(about).toMatch(/^ALM · JIRA/);
  }
  await expect(page.getByTestId('runs-table').getByTestId('day-row')).toHaveCount(7);
  // A connection's jobs list is started the same way.
  await expect(rows(page).first().locator('th a')).toHaveAttribute('href', /^\/jobs\/alm\?automatic=true&connection=\d+$/);
  // Only automatic ALM jobs were asked for, all pages of them.
  const asked = (await dev.requests()).filter((r) => r.path === '/api/v2/jobs/alm/');
  expect(asked.at(-1)!.query).toContain('automatic=true');
  // Back to all kinds keeps the other filters.
  await page.getByLabel('Kind').selectOption('all');
  await expect(page).toHaveURL(/\/\?system=JIRA&automatic=true&days=7$/);
});

test('a server that pages its answers is read to the last page', async ({ page, request }) => {
  const jobs = await settledJobs();
  expect((await request.put('/__dev/settings', { data: { default_page_size: 40 } })).status()).toBe(204);
  expect((await request.delete('/__dev/requests')).status()).toBe(204);
  await page.goto('./');
  await expect(rows(page).first()).toBeVisible();
  const pages = (await dev.requests()).filter((r) => r.path === '/api/v2/jobs/').map((r) => r.query);
  expect(pages).toEqual(['', ...Array.from({ length: Math.ceil(jobs.length / 40) - 1 }, (_, i) => `page=${i + 2}`)]);
  // The strip of the failing connection is as long as with one answer: nothing was left on a later page.
  await expect(rows(page).first().getByTestId('mark')).toHaveCount(20);
});

test('a running connection changes in place: rows keep their order, focus stays on its mark', async ({ page, request }) => {
  await settledJobs();
  const mobile = (await kindJobs('alm')).find((j) => j.connection.alias === 'Jira - Mobile App')!;
  await request.post('/__dev/outcomes', { data: { succeeded: false, result_message: 'Jira answered 503', delay_ms: 6000 } });
  const started = await startJob(request, 'alm', mobile.connection.id);
  await page.goto('./');
  const row = rows(page).filter({ hasText: 'Jira - Mobile App' });
  const mark = row.locator(`[data-job-id="${started.id}"]`);
  await expect(mark).toHaveClass(/running/);
  await expect(page.getByTestId('overview-summary')).toContainText('1 running');
  const order = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-connection')));
  // The admin is reading the strip by keyboard: the mark before the running one has focus.
  const before = row.getByTestId('mark').nth(-2);
  await before.focus();
  await row.evaluate((el) => { (el as any).__same = true; });
  await expect(mark).toHaveClass(/failed/, { timeout: 15_000 });
  await expect(row.getByTestId('last-failure')).toContainText('Jira answered 503');
  await expect(row).toContainText('Failing');
  await expect(before).toBeFocused();
  expect(await row.evaluate((el) => (el as any).__same)).toBe(true);
  expect(await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-connection')))).toEqual(order);
  await expect(page.getByTestId('overview-summary')).toContainText('0 running');
});

test.describe('word when a job finishes', () => {
  async function spyOnNotifications(page: Page) {
    await page.addInitScript(() => {
      const Real = window.Notification;
      const seen = { requested: 0, shown: [] as string[] };
      (window as any).__notifications = seen;
      class Spy extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          seen.shown.push(`${title}: ${options?.body ?? ''}`);
        }
        static get permission() { return Real.permission; }
        static requestPermission() { seen.requested += 1; return Real.requestPermission(); }
      }
      (window as any).Notification = Spy;
    });
  }
  const seen = (page: Page) => page.evaluate(() => (window as any).__notifications as { requested: number; shown: string[] });

  async function runNow(page: Page) {
    const job = (await kindJobs('alm', '?ready=true')).find((j) => j.connection.alias === 'Rally - Payments')!;
    await page.goto(`jobs/alm/${job.id}`);
    await page.getByTestId('run-now').click();
    await page.getByTestId('confirm-run').click();
    await expect(page).toHaveURL(/\/jobs\/alm\/\d+$/);
    await expect(page.getByTestId('job-status')).toContainText('Running');
    return Number(page.url().split('/').pop());
  }

  test('a run finishing while the admin is on another page is said, linked and counted in the title; no notification is asked for', async ({ page }) => {
    await spyOnNotifications(page);
    const id = await runNow(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload report' }).click();
    const notice = page.getByTestId('finish-notice');
    await expect(notice).toContainText(`Run of Rally - Payments (job ${id}) succeeded.`, { timeout: 15_000 });
    await expect(page.getByTestId('finish-said')).toHaveText(`Run of Rally - Payments (job ${id}) succeeded.`);
    await expect(page).toHaveTitle('(1) Upload a scanner report · Integration Console');
    expect(await seen(page)).toEqual({ requested: 0, shown: [] });
    // Not seen yet: a reload keeps it.
    await page.reload();
    await expect(notice).toContainText(`(job ${id}) succeeded.`);
    await expect(page).toHaveTitle('(1) Upload a scanner report · Integration Console');
    await notice.getByRole('link', { name: `Open job ${id}` }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/alm/${id}$`));
    await expect(page).toHaveTitle(`Job ${id} · Integration Console`);
    await expect(notice).toHaveCount(0);
  });

  test("an upload's import is said where the admin is: on the upload page itself, or in a notice elsewhere", async ({ page }) => {
    const report = resolve(__dirname, '../../../shared/samples/fortify-report-definition.xml');
    await page.goto('upload');
    await page.getByLabel('Report file').setInputFiles(report);
    await page.getByLabel('Project id').fill('7');
    await page.getByRole('button', { name: 'Upload report' }).click();
    await expect(page.getByTestId('upload-status')).toContainText('Succeeded', { timeout: 15_000 });
    await page.waitForTimeout(2_500); // a round of the watch after the end
    await expect(page.getByTestId('finish-notice'), 'the upload page shows it; no notice').toHaveCount(0);

    await page.getByRole('button', { name: 'Upload another report' }).click();
    await page.getByLabel('Report file').setInputFiles(report);
    await page.getByRole('button', { name: 'Upload report' }).click();
    await expect(page.getByTestId('upload-status')).toContainText('Running');
    const id = Number((await page.getByRole('link', { name: "Open the job's page" }).getAttribute('href'))!.split('/').pop());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByTestId('finish-notice')).toHaveText(
      new RegExp(`^Import of fortify-report-definition\\.xml into project 7 \\(job ${id}\\) succeeded\\.`), { timeout: 15_000 });
  });

  test('a dismissed notice hands focus on, and the watch survives a reload', async ({ page }) => {
    const id = await runNow(page);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    const notice = page.getByTestId('finish-notice');
    await expect(notice).toContainText(`(job ${id}) succeeded.`, { timeout: 15_000 });
    await notice.getByRole('button', { name: `Dismiss the notice of job ${id}` }).click();
    await expect(notice).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeFocused();
    await expect(page).toHaveTitle('Jobs · Integration Console');
  });

  test('the desktop notification is asked for only when turned on, and then shown', async ({ page, context }) => {
    await spyOnNotifications(page);
    await page.goto('settings');
    expect((await seen(page)).requested).toBe(0);
    await context.grantPermissions(['notifications']);
    await page.getByLabel('Desktop notification when a job I started finishes').check();
    await expect(page.getByTestId('display-status')).toContainText('Desktop notifications are on');
    expect((await seen(page)).requested).toBeLessThanOrEqual(1);
    const id = await runNow(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByTestId('finish-notice')).toBeVisible({ timeout: 15_000 });
    expect((await seen(page)).shown).toEqual([`Job finished: Run of Rally - Payments (job ${id}) succeeded.`]);
  });
});

test.describe('times in local time or UTC', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('the Settings choice applies everywhere, the other form on hover', async ({ page }) => {
    const job = (await kindJobs('alm', '?ready=true'))[0];
    await page.goto(`jobs/alm/${job.id}`);
    const lastRun = page.locator('dd time').first();
    await expect(lastRun).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC-0[45]:00$/);
    await expect(lastRun).toHaveAttribute('title', /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    await page.goto('settings');
    await page.getByLabel('UTC, as server logs write them').check();
    await expect(page.getByTestId('display-status')).toHaveText('Times are now shown in UTC, with local time on hover.');
    await page.goto(`jobs/alm/${job.id}`);
    await expect(lastRun).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    await expect(lastRun).toHaveAttribute('title', /UTC-0[45]:00$/);
    await page.goto('settings');
    await expect(page.getByLabel('UTC, as server logs write them')).toBeChecked();
  });
});

test('a failing backend is said on the overview in words, with the way forward, and the filters stay', async ({ page }) => {
  await dev.fault({ path: '/api/v2/jobs/alm/', status: 503, times: 1 });
  await page.goto('./?kind=alm&days=7');
  const error = page.getByTestId('error-panel');
  await expect(error).toBeVisible();
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByLabel('Kind')).toHaveValue('alm');
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(rows(page).first()).toBeVisible();
  await expect(error).toHaveCount(0);

  // A proxy's HTML page where JSON was expected, then a refused token: each named, none offers nonsense.
  await dev.fault({ path: '/api/v2/jobs/alm/', html: true, times: 1 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(error).toContainText(/HTML|page/i);
  await expect(page.getByLabel('Chart span')).toHaveValue('7');
  await dev.fault({ path: '/api/v2/jobs/alm/', status: 401, times: 1 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(error.getByRole('link', { name: 'Open Settings' })).toBeVisible();
});
