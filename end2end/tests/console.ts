// Page objects and backend helpers shared by the flows. Selectors prefer roles and labels (what a user
// sees), with data-testid where there is nothing better.
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const ADMIN_TOKEN = 'demo-admin-token';
export const READONLY_TOKEN = 'demo-readonly-token';

/** The backend's /__dev/ controls. */
export class DevBackend {
  constructor(private readonly request: APIRequestContext) {}

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

  async open() {
    await this.page.goto('/settings');
    await expect(this.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  }

  sdeUrl() { return this.page.getByLabel('Base URL').first(); }
  accessUrl() { return this.page.getByLabel('Base URL').nth(1); }
  sdeToken() { return this.page.getByLabel('API token').first(); }
  accessToken() { return this.page.getByLabel('API token').nth(1); }
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
    await this.page.goto('/jobs');
  }

  rows() { return this.page.getByTestId('job-row'); }
  error() { return this.page.getByTestId('error-panel'); }
}
