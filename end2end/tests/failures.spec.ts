// Every page against every way a request fails: the page says what happened in words, offers the right
// next step, keeps what the user typed or chose, and recovers once the backend does. One table of
// failures, one of pages; each pair is a test.
import { resolve } from 'node:path';
import { type Page, type Route } from '@playwright/test';
import { expect, test, DevBackend, SettingsPage } from './console';

const SAMPLES = resolve(__dirname, '../../../shared/samples');
type Service = 'SD Elements' | 'access-service';

interface Failure {
  name: string;
  /** A /__dev/faults entry (without path and method); absent: the server cannot be reached at all. */
  fault?: Record<string, unknown>;
  title: (service: Service, upload: boolean, item: boolean) => string;
  advice: (upload: boolean, item: boolean) => string;
}

// The console gives up on a request after requestTimeoutSecs (config.json, below: 2 s); the stall is 20 s.
const FAILURES: Failure[] = [
  { name: 'no backend', title: (s) => `${s} could not be reached.`, advice: () => 'Check the server address in Settings' },
  { name: '401', fault: { status: 401 }, title: (s) => `${s} did not accept your token.`, advice: () => 'Sign in again' },
  { name: '403', fault: { status: 403 }, title: () => 'Your token lacks the permission for this.', advice: () => 'Ask an administrator for the permission' },
  {
    // A job or connection that is gone, or (for a list or an upload) an address where the API is not.
    name: '404', fault: { status: 404 },
    title: (s, _upload, item) => (item ? 'Not found: it may have been deleted, or the link is wrong.' : `${s} has no such API at this address (HTTP 404).`),
    advice: (_upload, item) => (item ? 'Go back to the list' : 'Check the server address in Settings'),
  },
  {
    name: '413', fault: { status: 413, html: true },
    title: (s, upload) => (upload ? 'The file is larger than the server accepts.' : `The request is larger than ${s} accepts.`),
    advice: (upload) => (upload ? 'Choose a smaller file' : 'Shorten the longest values'),
  },
  { name: '429 with Retry-After', fault: { status: 429, retry_after: 7 }, title: (s) => `${s} is receiving too many requests.`, advice: () => 'Wait 7 seconds, then try again.' },
  { name: '500', fault: { status: 500 }, title: (s) => `${s} had an internal error (HTTP 500).`, advice: () => 'Try again later' },
  { name: 'HTML 502', fault: { html: true }, title: (s) => `${s} answered with a web page instead of data (HTTP 502).`, advice: () => 'A proxy or a sign-in page may be in the way' },
  { name: 'JSON cut short', fault: { truncate: true }, title: (s) => `${s} sent a response the console could not read.`, advice: () => 'The answer may have been cut short' },
  { name: '20 s stall', fault: { latency_ms: 20_000 }, title: (s) => `${s} did not answer in time.`, advice: () => 'Try again in a moment' },
];

interface PageCase {
  name: string;
  service: Service;
  /** Which requests fail. */
  path: string;
  method?: string;
  upload?: boolean;
  /** The request asks for one job or connection (not a list or an endpoint). */
  item?: boolean;
  /** Opens the page and types or chooses what must survive the failure. */
  setup: (page: Page, dev: DevBackend) => Promise<void>;
  /** Sends the request that fails. */
  trigger: (page: Page) => Promise<void>;
  /** What the user typed or chose is still there. */
  kept: (page: Page) => Promise<void>;
  /** With the backend back: the next step the page offers works. */
  recover: (page: Page, failure: Failure) => Promise<void>;
}

const panel = (page: Page) => page.getByTestId('error-panel').first();
const tryAgain = (page: Page) => panel(page).getByRole('button', { name: 'Try again' }).click();

let jobId = 0;
const PAGES: PageCase[] = [
  {
    name: 'jobs list', service: 'SD Elements', path: '/api/v2/jobs/',
    setup: async (page, dev) => {
      const user = (await dev.jobs()).results.find((j) => typeof j.user === 'string')!.user as string;
      await page.goto('/jobs?page_size=25');
      await expect(page.getByTestId('job-row').first()).toBeVisible();
      await page.getByLabel('User', { exact: true }).fill(user);
      await expect(page).toHaveURL(/user=/);
      await expect(page.getByTestId('job-row').first()).toBeVisible();
      await page.getByLabel('Search loaded jobs').fill('a');
    },
    trigger: (page) => page.getByRole('button', { name: 'Refresh' }).click(),
    kept: async (page) => {
      await expect(page.getByLabel('User', { exact: true })).not.toHaveValue('');
      await expect(page.getByLabel('Search loaded jobs')).toHaveValue('a');
    },
    recover: async (page) => {
      await tryAgain(page);
      await expect(page.getByTestId('error-panel')).toHaveCount(0);
      await expect(page.getByTestId('job-row').first()).toBeVisible();
    },
  },
  {
    name: 'job page', service: 'SD Elements', path: '/api/v2/jobs/alm/', item: true,
    setup: async (_page, dev) => { jobId = (await dev.jobs('alm/')).results[0].id; },
    trigger: (page) => page.goto(`/jobs/alm/${jobId}`).then(() => undefined),
    kept: async (page) => { await expect(page).toHaveURL(new RegExp(`/jobs/alm/${jobId}$`)); },
    recover: async (page) => {
      await tryAgain(page);
      await expect(page.getByTestId('job-status')).toBeVisible();
    },
  },
  {
    name: 'report upload', service: 'SD Elements', path: '/api/v2/jobs/analysis-file/', upload: true,
    setup: async (page) => {
      await page.goto('/upload');
      await page.getByLabel('Report file').setInputFiles(resolve(SAMPLES, 'zap-report.xml'));
      await page.getByLabel('Project id').fill('12');
    },
    trigger: (page) => page.getByRole('button', { name: 'Upload report' }).click(),
    kept: async (page) => {
      await expect(page.getByTestId('chosen-file')).toContainText('zap-report.xml');
      await expect(page.getByLabel('Project id')).toHaveValue('12');
      await expect(page.getByLabel('Scanner (system)')).toHaveValue('zap_file_upload');
    },
    recover: async (page) => {
      await tryAgain(page);
      await expect(page.getByTestId('upload-result')).toContainText('File Upload Connection - ZAP');
    },
  },
  {
    name: 'LDAP list', service: 'access-service', path: '/api/v1/ldapconnections',
    setup: async () => {},
    trigger: (page) => page.goto('/ldap').then(() => undefined),
    kept: async () => {},
    recover: async (page) => {
      await tryAgain(page);
      await expect(page.getByTestId('ldap-row')).toHaveCount(3);
    },
  },
  {
    name: 'LDAP save', service: 'access-service', path: '/api/v1/ldapconnections', method: 'PUT', item: true,
    setup: async (page) => {
      await page.goto('/ldap/1000000');
      await page.getByLabel('Timeout (ms)').fill('15000');
      await page.getByLabel(/^Domain/).fill('corp.example.com');
    },
    trigger: async (page) => {
      await page.getByRole('button', { name: 'Review and save' }).click();
      await page.getByTestId('confirm-save').click();
    },
    kept: async (page) => {
      await expect(page.getByLabel('Timeout (ms)')).toHaveValue('15000');
      await expect(page.getByLabel(/^Domain/)).toHaveValue('corp.example.com');
    },
    recover: async (page, failure) => {
      await page.getByRole('button', { name: 'Review and save' }).click();
      if (failure.fault?.truncate) {
        // The PUT did land; only its answer was cut. Saving again finds the server already holding these
        // values: saved, with nothing to review and no "someone else changed it".
        await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
        await expect(page.getByRole('dialog')).toHaveCount(0);
      } else {
        await page.getByTestId('confirm-save').click();
        await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
      }
      await page.reload();
      await expect(page.getByLabel('Timeout (ms)')).toHaveValue('15000');
    },
  },
  {
    name: 'settings check', service: 'SD Elements', path: '/api/',
    setup: async (page) => {
      await page.goto('/settings');
      await page.getByLabel('SD Elements base URL', { exact: true }).fill('http://127.0.0.1:18181/');
    },
    trigger: (page) => page.getByRole('button', { name: 'Check connections' }).click(),
    kept: async (page) => { await expect(page.getByLabel('SD Elements base URL', { exact: true })).toHaveValue('http://127.0.0.1:18181/'); },
    recover: async (page) => {
      await page.getByRole('button', { name: 'Check connections' }).click();
      await expect(page.getByTestId('check-ok')).toHaveCount(2);
    },
  },
];

let dev: DevBackend;

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  // A short client time limit, so the stall case takes seconds.
  await page.route('**/config.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ sdeBaseUrl: '', accessBaseUrl: '', maxUploadMb: 100, requestTimeoutSecs: 2 }),
  }));
  await new SettingsPage(page).configure();
});

for (const target of PAGES) {
  test.describe(target.name, () => {
    for (const failure of FAILURES) {
      test(failure.name, async ({ page }) => {
        await target.setup(page, dev);

        // Fail.
        const refuse = (route: Route) => (
          !target.method || route.request().method() === target.method ? route.abort('connectionrefused') : route.continue());
        const pattern = `**${target.path}**`;
        if (failure.fault) {
          await dev.fault({ path: target.path, method: target.method, ...failure.fault });
        } else {
          await page.route(pattern, refuse);
        }
        await target.trigger(page);
        if (failure.name === '20 s stall' && target.upload) {
          // Uploads have no time limit (a large report may take long): the page offers Cancel instead.
          await page.getByRole('button', { name: 'Cancel' }).click();
          await expect(panel(page)).toContainText('The request was cancelled.');
          await expect(panel(page)).toContainText('Send it again when you are ready.');
        } else {
          await expect(panel(page)).toContainText(failure.title(target.service, !!target.upload, !!target.item));
          await expect(panel(page)).toContainText(failure.advice(!!target.upload, !!target.item));
        }
        await target.kept(page);

        // A 403 cannot succeed when sent again: no "Try again"; a refused change is remembered, and what it
        // ruled out says so.
        if (failure.fault?.status === 403) {
          await expect(panel(page).getByRole('button', { name: 'Try again' })).toHaveCount(0);
          if (target.upload || target.method) {
            await expect(page.getByTestId('read-only')).toContainText('403');
            await expect(page.getByText(/^Read-only token: it cannot /)).toBeVisible();
          }
          return;
        }

        // The backend is back.
        if (failure.fault) await dev.clearFaults(); else await page.unroute(pattern, refuse);
        await target.recover(page, failure);
        await target.kept(page);
      });
    }
  });
}
