// Page objects and backend helpers shared by the flows. Selectors prefer roles and labels (what a user
// sees), with data-testid where there is nothing better.
import { expect as baseExpect, test as base, type APIRequestContext, type Page } from '@playwright/test';

export const expect = baseExpect;

/** The production security headers (the nginx snippet), which the development backend sends too. */
export const SECURITY_HEADERS = ['--security-headers', '../deploy/nginx/snippets/console-headers.conf'];

/**
 * Every flow runs under the production Content-Security-Policy and fails on any violation: the page
 * reports each one (`securitypolicyviolation`) and the test checks the list when it ends.
 */
export const test = base.extend<{ csp: { violations: string[] } }>({
  csp: [async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('__reportCspViolation', (v: string) => { violations.push(v); });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as any).__reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await use({ violations });
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  }, { auto: true }],
});

export const ADMIN_TOKEN = 'demo-admin-token';
/** The development backend itself (its /__dev/ controls are not behind nginx). */
export const BACKEND_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 18181)}`;
export const READONLY_TOKEN = 'demo-readonly-token';

/** The backend's /__dev/ controls. */
export class DevBackend {
  constructor(readonly request: APIRequestContext) {}

  async reset() {
    expect((await this.request.post('/__dev/reset')).status()).toBe(204);
  }

  async fault(fault: Record<string, unknown>) {
    expect((await this.request.post('/__dev/faults', { data: fault })).status()).toBe(204);
  }

  async clearFaults() {
    expect((await this.request.delete('/__dev/faults')).status()).toBe(204);
  }

  async requests(): Promise<Array<{ method: string; path: string; query: string; auth_scheme: string | null; body: string | null }>> {
    return (await this.request.get('/__dev/requests')).json();
  }

  async jobs(query = ''): Promise<{ results: Array<Record<string, any>>; count?: number }> {
    const response = await this.request.get(`/api/v2/jobs/${query}`, {
      headers: { Authorization: `Token ${ADMIN_TOKEN}` },
    });
    expect(response.ok()).toBeTruthy();
    return response.json();
  }
}

export class SettingsPage {
  constructor(private readonly page: Page) {}

  // Addresses relative to the base URL, so the same page objects work under a sub-path (tests-nginx).
  async open() {
    await this.page.goto('settings');
    await expect(this.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  }

  // Each label names its backend, so screen readers (and these tests) can tell the fields apart.
  sdeUrl() { return this.page.getByLabel('SD Elements base URL', { exact: true }); }
  accessUrl() { return this.page.getByLabel('access-service base URL', { exact: true }); }
  sdeToken() { return this.page.getByLabel('SD Elements API token', { exact: true }); }
  accessToken() { return this.page.getByLabel('access-service API token', { exact: true }); }
  remember() { return this.page.getByLabel('Remember tokens on this browser'); }

  async save() {
    await this.page.getByRole('button', { name: 'Save settings' }).click();
  }

  /** Enters both tokens (and optionally base URLs) and saves. */
  async configure(options: { sdeToken?: string; accessToken?: string; sdeUrl?: string; accessUrl?: string } = {}) {
    await this.open();
    if (options.sdeUrl !== undefined) await this.sdeUrl().fill(options.sdeUrl);
    if (options.accessUrl !== undefined) await this.accessUrl().fill(options.accessUrl);
    await this.sdeToken().fill(options.sdeToken ?? ADMIN_TOKEN);
    await this.accessToken().fill(options.accessToken ?? ADMIN_TOKEN);
    await this.save();
    await expect(this.page.getByTestId('settings-status')).toHaveText(/Settings saved/);
  }
}

export class JobsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('jobs');
  }

  rows() { return this.page.getByTestId('job-row'); }
  error() { return this.page.getByTestId('error-panel'); }
}
