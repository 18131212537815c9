// The page holds still while the admin works: the six defects of issue 10, each as a user meets it.
// Live updates change text in place; Run now starts one job; a scanner choice never outlives its file;
// a live reorder keeps the scroll; path segments keep their `+`; a job's link never 404s.
import { resolve } from 'node:path';
import { expect, test, DevBackend, JobsPage, READONLY_TOKEN, SettingsPage } from './console';

const SAMPLES = resolve(__dirname, '../../../shared/samples');
/** The job delay the suite's backend runs with (playwright.config.ts). */
const SUITE_JOB_DELAY_MS = 1500;

let dev: DevBackend;

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
});

test.afterEach(async ({ request }) => {
  await request.put('/__dev/settings', { data: { job_delay_ms: SUITE_JOB_DELAY_MS } });
});

/** Running jobs stay running this long (set before the reset that restarts their finishers). */
async function slowJobs(request: import('@playwright/test').APIRequestContext, ms = 30_000) {
  expect((await request.put('/__dev/settings', { data: { job_delay_ms: ms } })).status()).toBe(204);
  await dev.reset();
}

async function jobReads(path: string): Promise<number> {
  return (await dev.requests()).filter((r) => r.method === 'GET' && r.path === path).length;
}

test('1. typing into Record result survives live updates of a running job', async ({ page, request }) => {
  await slowJobs(request);
  const running = (await dev.jobs('alm/?ready=false')).results[0];
  expect(running, 'the demo has a running ALM job').toBeTruthy();
  await page.goto(`/jobs/alm/${running.id}`);
  await expect(page.getByTestId('job-status')).toContainText('Running');

  await page.getByText('Record a result for this connection').click();
  const message = page.getByLabel('Result message');
  await message.fill('Scanner reported 3 findings, still check');
  const path = `/api/v2/jobs/alm/${running.id}`;
  const before = await jobReads(path);
  await expect.poll(() => jobReads(path), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 3);

  await expect(message).toHaveValue('Scanner reported 3 findings, still check');
  await expect(message).toBeFocused();
  await expect(page.getByTestId('record-result')).toHaveAttribute('open', '');
});

test('2. Run now is off while a job of the connection runs, and a double click starts one job', async ({ page, request }) => {
  await slowJobs(request);
  const running = (await dev.jobs('alm/?ready=false')).results[0];
  await page.goto(`/jobs/alm/${running.id}`);
  await expect(page.getByRole('button', { name: 'Run now' })).toBeDisabled();
  await expect(page.getByTestId('run-now-reason')).toContainText('This job is running');

  // A finished job of a connection with nothing running.
  const all = (await dev.jobs('alm/')).results;
  const busy = new Set(all.filter((j) => !j.ready).map((j) => j.connection.id));
  const idle = all.find((j) => j.ready && !busy.has(j.connection.id))!;
  await page.goto(`/jobs/alm/${idle.id}`);
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByTestId('confirm-run').dblclick();
  await expect(page).not.toHaveURL(new RegExp(`/jobs/alm/${idle.id}$`));
  await expect(page.getByTestId('job-status')).toContainText('Running');
  const starts = (await dev.requests()).filter((r) => r.method === 'POST' && r.path === '/api/v2/jobs/alm/');
  expect(starts, 'one job started').toHaveLength(1);
  await expect(page.getByTestId('job-notice')).toContainText(`Started job`);
  await expect(page.locator('#job-title'), 'focus on the new job, not <body>').toBeFocused();
  await expect(page.getByRole('button', { name: 'Run now' })).toBeDisabled();
});

test('3. a second file that is not recognised clears the first file\'s scanner', async ({ page }) => {
  await page.goto('/upload');
  await page.getByLabel('Report file').setInputFiles(resolve(SAMPLES, 'burp-report.xml'));
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('burp_file_upload');
  await expect(page.getByTestId('detected')).toContainText('Recognised as Burp Suite');

  await page.getByLabel('Report file').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('id,title\n1,XSS\n') });
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('');
  await expect(page.getByTestId('detected')).toContainText('export.csv was not recognised');
  await page.getByLabel('Project id').fill('7');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.locator('#upload-system-error')).toContainText('Choose the scanner');
  const uploads = (await dev.requests()).filter((r) => r.path === '/api/v2/jobs/analysis-file/');
  expect(uploads, 'nothing was sent as Burp').toHaveLength(0);
});

test('4. sorted by status, jobs finishing keep the admin where they were', async ({ page }) => {
  await page.goto('/jobs?sort=status');
  const scroller = page.getByTestId('jobs-scroller');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  await expect(page.locator('[data-testid=job-row][data-status=running]').first()).toBeVisible();
  await scroller.evaluate((el) => { el.scrollTop = 1600; });
  const top = await scroller.evaluate((el) => el.scrollTop);
  expect(top).toBeGreaterThan(1000);
  // The running jobs finish on the backend, and the page learns it from its live updates.
  await expect.poll(async () => (await dev.jobs('?ready=false')).results.length, { timeout: 15_000 }).toBe(0);
  await expect.poll(() => page.locator('[data-testid=job-row][data-status=running]').count(), { timeout: 15_000 }).toBe(0);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);
  const inView = await scroller.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll('[data-testid=job-row]')]
      .map((r) => r.getBoundingClientRect())
      .filter((r) => r.bottom > box.top && r.top < box.bottom).length;
  });
  expect(inView, 'rows in view, not a blank list').toBeGreaterThan(3);
});

test('5. a + in a connection id is a plus, not a space', async ({ page }) => {
  await page.goto('/ldap/a+b');
  await expect(page.getByTestId('error-panel')).toBeVisible();
  const asked = (await dev.requests()).filter((r) => r.path.startsWith('/api/v1/ldapconnections/')).map((r) => r.path);
  expect(asked.length).toBeGreaterThan(0);
  for (const path of asked) expect(decodeURIComponent(path)).toBe('/api/v1/ldapconnections/a+b');
});

test('6. with a read-only token, a job whose kind the list cannot tell still opens', async ({ page }) => {
  await new SettingsPage(page).configure({ sdeToken: READONLY_TOKEN, accessToken: READONLY_TOKEN });
  // No params for this token, and a command that names no kind (as in the documents' examples).
  const all = (await dev.jobs('alm/')).results;
  const legacy = all.find((j) => j.connection.alias === 'Jira - Legacy Portal')!;
  await page.goto('/jobs?q=Legacy');
  const row = page.locator(`[data-testid=job-row][data-job-id="${legacy.id}"]`);
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/jobs/alm/${legacy.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jira - Legacy Portal');
  await expect(page.getByTestId('params-hidden')).toBeVisible();
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  // Jira is an issue tracker: the ALM endpoint is asked first, the verification one never.
  expect(await jobReads(`/api/v2/jobs/analysis/${legacy.id}/`)).toBe(0);
});

// What the fresh-eyes review of the rebuilt pages found.

test('an upload is sent once, however often Upload report is pressed', async ({ page }) => {
  await page.goto('/upload');
  await page.getByLabel('Report file').setInputFiles(resolve(SAMPLES, 'zap-report.xml'));
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('zap_file_upload');
  await page.getByLabel('Project id').fill('7');
  const upload = page.getByRole('button', { name: 'Upload report' });
  await upload.dblclick();
  await expect(page.getByTestId('upload-result')).toBeVisible();
  await expect(page.getByTestId('upload-announce')).toContainText('Import job');
  await expect(page.locator('#created-heading'), 'focus on the outcome, not <body>').toBeFocused();
  await expect(upload).toBeDisabled();
  await expect(page.locator('#upload-sent')).toContainText('choose another file or change a field');
  const sent = (await dev.requests()).filter((r) => r.path === '/api/v2/jobs/analysis-file/');
  expect(sent, 'one import').toHaveLength(1);
  // A manual choice replaces what was said about the file, and says how it differs.
  await page.getByLabel('Scanner (system)').selectOption('burp_file_upload');
  await expect(page.getByTestId('detected')).toHaveText('Chosen by hand. The file looks like a ZAP report.');
  await expect(upload).toBeEnabled();
});

test('showing user details keeps the table where the admin scrolled it', async ({ page }) => {
  await page.goto('/jobs');
  const scroller = page.getByTestId('jobs-scroller');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  await scroller.evaluate((el) => { el.scrollTop = 600; });
  const top = await scroller.evaluate((el) => el.scrollTop);
  expect(top).toBeGreaterThan(300);
  await page.getByLabel('Show user details').check();
  await expect(page).toHaveURL(/expand=user/);
  await expect(page.locator('button.user-button').first()).toBeVisible();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);
});

test('closing the LDAP review returns focus to Review and save', async ({ page }) => {
  await page.goto('/ldap/1000000');
  await page.getByLabel('Timeout (ms)').fill('15000');
  const review = page.getByRole('button', { name: 'Review and save' });
  await review.click();
  const dialog = page.getByRole('dialog', { name: 'Save these changes?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();
  await review.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();
});
