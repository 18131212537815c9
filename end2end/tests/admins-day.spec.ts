// The admin's day (issue 12), section by section as a user clicks it: a read-only token learns its limits
// before any 403, focus and announcements follow every action, the first visit is welcomed and returns to
// the link it opened, the jobs list says what it filters and shows what it cuts, phones get cards and no
// sideways scrolling, the LDAP editor reads like the directory it edits, and an upload is not repeated.
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test, ADMIN_TOKEN, DevBackend, READONLY_TOKEN, SettingsPage } from './console';

const SAMPLES = resolve(__dirname, '../../../shared/samples');
const ID = '1000000';
let dev: DevBackend;

test.beforeEach(async ({ request }) => {
  dev = new DevBackend(request);
  await dev.reset();
});

async function axeClean(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  expect(serious, what).toEqual([]);
}

async function lastListQuery(path = '/api/v2/jobs/'): Promise<string> {
  const list = (await dev.requests()).filter((r) => r.method === 'GET' && r.path === path);
  return list.length ? list[list.length - 1].query : '<none>';
}

test.describe('1. permissions before the failure', () => {
  test('a read-only token sees disabled controls with the reason, and never a Try again on 403', async ({ page }) => {
    await new SettingsPage(page).configure({ sdeToken: READONLY_TOKEN, accessToken: READONLY_TOKEN });
    await page.getByRole('button', { name: 'Check connections' }).click();
    await expect(page.getByTestId('check-ok').first()).toContainText('Read-only: your SD Elements token cannot start jobs');
    await expect(page.getByRole('button', { name: 'Check connections' }), 'focus stays on the button').toBeFocused();

    await page.goto('/jobs');
    await expect(page.getByTestId('read-only')).toContainText('Read-only: your SD Elements token cannot start jobs');
    const alm = (await dev.jobs('alm/?connection=12&ready=true')).results[0];
    await page.goto(`/jobs/alm/${alm.id}`);
    await expect(page.getByRole('button', { name: 'Run now' })).toBeDisabled();
    await expect(page.getByTestId('run-now-reason')).toHaveText('Read-only token: it cannot start jobs.');
    await page.getByTestId('record-result').locator('summary').click();
    await expect(page.getByRole('button', { name: 'Record result' })).toBeDisabled();
    await expect(page.getByText('Read-only token: it cannot record results.')).toBeVisible();
    await axeClean(page, 'a job page for a read-only token');

    await page.goto('/upload');
    await page.getByLabel('Report file').setInputFiles(resolve(SAMPLES, 'zap-report.xml'));
    await page.getByLabel('Project id').fill('7');
    await expect(page.getByRole('button', { name: 'Upload report' })).toBeDisabled();
    await expect(page.getByText('Read-only token: it cannot upload reports.')).toBeVisible();
    expect((await dev.requests()).filter((r) => r.method !== 'GET'), 'no change was even tried').toHaveLength(0);

    // The access-service says nothing before a change: the first refusal is remembered.
    await page.goto('/ldap');
    const toggle = page.getByTestId('ldap-row').first().getByRole('switch');
    await toggle.click();
    await page.getByTestId('confirm-disable').click();
    const error = page.getByTestId('error-panel');
    await expect(error).toContainText('Your token lacks the permission for this.');
    await expect(error.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(page.getByTestId('read-only')).toContainText('cannot change LDAP connections');
    await expect(toggle).toBeDisabled();
    await expect(page.locator('[id^="switch-error-"]'), 'focus on what happened, not <body>').toBeFocused();
    await page.getByTestId('ldap-row').first().getByRole('link').first().click();
    await expect(page.getByLabel('Server URL')).toBeDisabled();
    await expect(page.getByText('Read-only token: it cannot change LDAP connections.')).toBeVisible();
  });

  test('"Try anyway" lets the server decide; its 403 is final and offers no retry', async ({ page }) => {
    await new SettingsPage(page).configure({ sdeToken: READONLY_TOKEN });
    await page.goto('/upload');
    await page.getByRole('button', { name: 'Try anyway' }).click();
    await page.getByLabel('Report file').setInputFiles(resolve(SAMPLES, 'zap-report.xml'));
    await page.getByLabel('Project id').fill('7');
    await page.getByRole('button', { name: 'Upload report' }).click();
    const error = page.getByTestId('error-panel');
    await expect(error).toContainText('Your token lacks the permission for this.');
    await expect(error.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(page.getByTestId('read-only')).toContainText('403');
    await expect(page.getByRole('button', { name: 'Upload report' })).toBeDisabled();
    await expect(page.locator('#upload-error'), 'focus on what happened, not <body>').toBeFocused();
    await expect(page.getByLabel('Project id'), 'the form is kept').toHaveValue('7');
  });
});

test.describe('2. focus, announcements and scroll after every action', () => {
  test.beforeEach(async ({ page }) => { await new SettingsPage(page).configure(); });

  test('Disable opens with Cancel focused; re-enabling by keyboard takes three keys after arriving', async ({ page }) => {
    await page.goto('/ldap');
    const row = page.getByTestId('ldap-row').filter({ hasText: 'ldap://ldap.xy-company.com' });
    await row.getByRole('switch').click();
    const dialog = page.getByRole('dialog', { name: 'Disable this LDAP connection?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.getByTestId('confirm-disable').click();
    await expect(row.getByRole('switch')).toHaveAttribute('aria-checked', 'false');
    await expect(row.getByRole('switch'), 'focus returns to the switch').toBeFocused();
    await expect(row.getByRole('status')).toContainText('disabled: its users cannot sign in');

    // Arrive on its page by keyboard, then count the keys.
    await row.getByRole('link').first().focus();
    let keys = 0;
    const press = async (key: string) => { keys++; await page.keyboard.press(key); };
    await press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByTestId('disabled-banner')).toHaveText('Disabled: users of this directory cannot sign in.');
    keys = 0; // from here: arriving is done
    const toggle = page.getByRole('switch');
    for (let i = 0; i < 8 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await press('Tab');
    await press('Space');
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(keys).toBeLessThanOrEqual(8);
    await expect(toggle).toBeFocused();
    await expect(page.getByTestId('disabled-banner')).toHaveCount(0);
  });

  test('a save focuses what it said; an invalid field is focused on review', async ({ page }) => {
    await page.goto(`/ldap/${ID}`);
    await page.getByLabel('Server URL').fill('not a url');
    await page.getByLabel('Domain').fill('NEWDOMAIN');
    await page.getByRole('button', { name: 'Review and save' }).click();
    await expect(page.getByLabel('Server URL')).toBeFocused();
    await page.getByLabel('Server URL').fill('ldap://ldap.xy-company.com');
    await page.getByRole('button', { name: 'Review and save' }).click();
    const review = page.getByRole('dialog', { name: 'Save these changes?' });
    await expect(review.locator('del')).toContainText('XY-COMPANY');
    await expect(review.locator('ins')).toContainText('NEWDOMAIN');
    await page.getByTestId('confirm-save').click();
    await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
    await expect(page.getByTestId('ldap-status')).toBeFocused();
    await expect(page.getByTestId('ldap-status')).toBeInViewport();
  });

  test('leaving with unsaved edits asks in the console, for links and for back', async ({ page }) => {
    await page.goto('/ldap');
    await page.getByTestId('ldap-row').first().getByRole('link').first().click();
    await page.getByLabel('Domain').fill('UNSAVED');
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(ask.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    await expect(page).toHaveURL(/\/ldap\/.+/);
    await expect(page.getByLabel('Domain')).toHaveValue('UNSAVED');
    await page.goBack();
    await expect(ask).toBeVisible();
    await expect(page).toHaveURL(/\/ldap\/.+/);
    await expect(page.getByLabel('Domain')).toHaveValue('UNSAVED');
    await ask.getByRole('button', { name: 'Leave and lose changes' }).click();
    await expect(page).toHaveURL(/\/ldap$/);
    await expect(page.getByRole('heading', { level: 1, name: 'LDAP connections' })).toBeFocused();
  });

  test('Record result says what it made and focuses it', async ({ page }) => {
    const alm = (await dev.jobs('alm/?connection=12&ready=true')).results[0];
    await page.goto(`/jobs/alm/${alm.id}`);
    await page.getByTestId('record-result').locator('summary').click();
    await page.getByLabel('Succeeded').check();
    await page.getByRole('button', { name: 'Record result' }).click();
    await expect(page.getByTestId('job-notice')).toHaveText(/^Recorded the result as job \d+\.$/);
    await expect(page.locator('#job-title')).toBeFocused();
  });

  test('Forget token asks with Cancel focused, then focus goes to the token field', async ({ page }) => {
    await page.getByTestId('sde-settings').getByRole('button', { name: 'Forget token' }).click();
    const ask = page.getByRole('dialog', { name: 'Forget the SD Elements token?' });
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await ask.getByRole('button', { name: 'Forget token' }).click();
    await expect(page.getByTestId('sde-token-state')).toContainText('Token forgotten');
    await expect(new SettingsPage(page).sdeToken()).toBeFocused();
  });

  test('upload options keep focus where the admin works, and an export is announced', async ({ page }) => {
    await page.goto('/upload');
    await page.getByRole('button', { name: 'Add an option' }).click();
    await expect(page.getByLabel('Option name').first()).toBeFocused();
    await page.getByRole('button', { name: 'Add an option' }).click();
    await expect(page.getByLabel('Option name').nth(1)).toBeFocused();
    await page.getByRole('button', { name: 'Remove this option' }).nth(1).click();
    await expect(page.getByLabel('Option name').first()).toBeFocused();
    await page.getByRole('button', { name: 'Remove this option' }).click();
    await expect(page.getByRole('button', { name: 'Add an option' })).toBeFocused();

    await page.goto('/jobs');
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await download;
    await expect(page.getByTestId('export-status')).toHaveText(/^Exported \d+ jobs to .+\.csv\.$/);
  });
});

test.describe('3. first visit', () => {
  test('no token is welcomed, and saving goes back to the link first opened', async ({ page }) => {
    await page.goto('/jobs/alm?ready=false');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the Integration Console');
    await expect(page.getByTestId('welcome')).toContainText('API Tokens');
    await expect(page.getByTestId('error-panel')).toHaveCount(0);
    expect(await dev.requests(), 'nothing is sent without a token').toHaveLength(0);
    await axeClean(page, 'the welcome');
    await page.getByRole('link', { name: 'Open Settings' }).click();
    const settings = new SettingsPage(page);
    await settings.sdeToken().fill(ADMIN_TOKEN);
    await settings.accessToken().fill(ADMIN_TOKEN);
    await settings.save();
    await expect(page).toHaveURL(/\/jobs\/alm\?ready=false$/);
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    await expect(page.getByTestId('error-panel')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeFocused();
  });
});

test.describe('4. jobs list', () => {
  test.beforeEach(async ({ page }) => { await new SettingsPage(page).configure(); });

  test('Failed and Running say exactly what they send', async ({ page }) => {
    await page.goto('/jobs');
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    await page.getByLabel('Status', { exact: true }).selectOption('failed');
    await expect.poll(() => lastListQuery()).toContain('ready=true&succeeded=false');
    await expect(page).toHaveURL(/ready=true&succeeded=false/);
    await expect.poll(async () => new Set(await page.getByTestId('job-row').evaluateAll((r) => r.map((x) => x.getAttribute('data-status'))))).toEqual(new Set(['failed']));
    await page.getByLabel('Status', { exact: true }).selectOption('running');
    await expect.poll(() => lastListQuery()).toMatch(/^ready=false&/);
    await expect.poll(async () => new Set(await page.getByTestId('job-row').evaluateAll((r) => r.map((x) => x.getAttribute('data-status'))))).toEqual(new Set(['running']));
    // An older link that sent succeeded=false alone is named as it is.
    await page.goto('/jobs?succeeded=false');
    await expect(page.getByLabel('Status', { exact: true }).locator('option:checked')).toHaveText('As in the link (succeeded=false)');
  });

  test('the filter bar holds still, the id box waits for a pause, and search on a page offers all', async ({ page }) => {
    await page.goto('/jobs?page_size=50');
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    const search = page.getByLabel('Search loaded jobs');
    const before = await search.boundingBox();
    await page.getByLabel('or id').pressSequentially('12', { delay: 50 });
    await expect.poll(() => lastListQuery()).toContain('connection=12');
    expect((await dev.requests()).filter((r) => r.query.includes('connection=1&')), 'no request for a half-typed id').toHaveLength(0);
    await expect(page.getByRole('button', { name: 'Clear filters' })).toBeVisible();
    expect(await search.boundingBox(), 'the bar did not move').toEqual(before);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await search.fill('jira');
    await expect(page.getByTestId('paged-search')).toContainText('The search covers this page only.');
    await page.getByRole('button', { name: /^Load all \d+ jobs$/ }).click();
    await expect(page).toHaveURL(/page_size=all/);
    await expect(page).toHaveURL(/q=jira/);
    await expect(page.getByTestId('paged-search')).toHaveCount(0);
  });

  test('cut text can be read in full: on hover, and the result in place', async ({ page }) => {
    await page.goto('/jobs?page_size=all');
    const long = page.getByTestId('job-row').filter({ has: page.locator('details.more') }).first();
    await expect(long).toBeVisible();
    const short = await long.locator('.message-text').textContent();
    const full = await long.locator('.message-text').getAttribute('title');
    expect(full!.length).toBeGreaterThan(short!.length - 1);
    await long.getByText('More').click();
    await expect(long.locator('.more-text')).toHaveText(full!);
    await page.keyboard.press('Escape');
    await expect(long.locator('.more-text')).toBeHidden();
    await expect(long.locator('summary')).toBeFocused();
    await long.locator('summary').press('Enter');
    await expect(long.locator('.more-text')).toBeVisible();
    await expect(long.locator('td').nth(1).locator('a')).toHaveAttribute('title', /.+/);
    await expect(long.locator('time')).toHaveAttribute('title', /UTC/);
  });

  test('kind tabs and "← All jobs" keep the filters that still apply', async ({ page }) => {
    await page.goto('/jobs?ready=true&succeeded=false&q=a');
    await page.getByRole('link', { name: 'ALM', exact: true }).click();
    await expect(page).toHaveURL(/\/jobs\/alm\?ready=true&succeeded=false&q=a$/);
    await page.getByTestId('job-row').first().getByRole('link').click();
    await page.getByRole('link', { name: '← All jobs' }).click();
    await expect(page).toHaveURL(/\/jobs\/alm\?ready=true&succeeded=false&q=a$/);
  });
});

test.describe('5. phones', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('nothing scrolls sideways, filters fold, and every job card shows status and connection', async ({ page }) => {
    await new SettingsPage(page).configure();
    const alm = (await dev.jobs('alm/?ready=true')).results[0];
    for (const path of ['/jobs', '/jobs/alm?expand=users', `/jobs/alm/${alm.id}`, '/upload', '/ldap', `/ldap/${ID}`, '/settings']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(wide, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
      expect(nav!.height, `${path}: the navigation is one row`).toBeLessThan(60);
    }
    await page.goto('/jobs');
    await expect(page.getByLabel('Search loaded jobs')).toBeHidden();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('failed');
    await expect(page.getByRole('button', { name: 'Filters (1 on)' })).toBeVisible();
    const cards = page.getByTestId('job-row');
    await expect(cards.first()).toBeVisible();
    for (const card of (await cards.all()).slice(0, 6)) {
      await card.scrollIntoViewIfNeeded();
      await expect(card.locator('.badge')).toBeInViewport();
      const link = await card.getByRole('link').boundingBox();
      expect(link!.x + link!.width).toBeLessThanOrEqual(390);
      await expect(card.locator('time')).toBeVisible();
    }
    await page.goto('/ldap');
    await expect(page.getByTestId('ldap-row').first().getByRole('switch')).toBeInViewport();
  });
});

test.describe('6. LDAP editor', () => {
  test.beforeEach(async ({ page }) => { await new SettingsPage(page).configure(); });

  test('filters are monospace text areas under the names admins know; the save bar stays in reach', async ({ page }) => {
    await page.goto(`/ldap/${ID}`);
    for (const label of ['User search filter (authFilter)', 'User sync filter (syncFilter)']) {
      const area = page.getByLabel(label);
      expect(await area.evaluate((el) => el.tagName)).toBe('TEXTAREA');
      expect(await area.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    }
    expect(await page.locator('.save-bar').evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    await page.getByLabel('Domain').fill('X');
    await expect(page.getByRole('button', { name: 'Review and save' })).toBeInViewport();
    // Tabbing down the form, the focused field is never under the sticky bar.
    await page.getByLabel('Server URL').focus();
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      const clear = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const form = document.querySelector('.ldap-form')!;
        // The bar's own buttons, and what follows the form (the bar is sticky within it), are not under it.
        if (active.closest('.save-bar') || !form.contains(active)) return 'ok';
        const a = active.getBoundingClientRect();
        const bar = document.querySelector('.save-bar')!.getBoundingClientRect();
        return a.bottom <= bar.top + 1 ? 'ok' : `${active.id} ends at ${a.bottom}, the bar starts at ${bar.top}`;
      });
      expect(clear, `Tab ${i + 1}: the focused field is in view above the save bar`).toBe('ok');
    }
    await expect(page.getByRole('switch')).toHaveAccessibleName(/^Enabled: ldap:\/\/ldap\.xy-company\.com · /);
  });
});

test.describe('7. upload', () => {
  test.beforeEach(async ({ page }) => { await new SettingsPage(page).configure(); });

  test('the type is named in words, and "Upload another" starts afresh', async ({ page }) => {
    await page.goto('/upload');
    await page.getByLabel('Report file').setInputFiles(resolve(SAMPLES, 'fortify-hello-world.fpr'));
    await expect(page.getByTestId('chosen-file')).toContainText('Fortify project results (FPR)');
    await page.getByLabel('Project id').fill('7');
    await page.getByRole('button', { name: 'Upload report' }).click();
    await expect(page.locator('#created-heading')).toBeFocused();
    await expect(page.getByTestId('upload-announce')).toContainText(/Import job \d+/);
    await expect(page.locator('#created-heading')).toHaveText(/^Import job \d+: Succeeded$/, { timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Upload report' })).toBeDisabled();
    const form = await page.locator('.upload-form').boundingBox();
    const result = await page.getByTestId('upload-result').boundingBox();
    expect(result!.y).toBeGreaterThan(form!.y);
    expect(result!.width).toBeLessThanOrEqual(form!.width + 1);
    await page.getByRole('button', { name: 'Upload another report' }).click();
    await expect(page.getByLabel('Report file')).toBeFocused();
    await expect(page.getByTestId('chosen-file')).toHaveText('');
    await expect(page.getByLabel('Project id'), 'the project stays').toHaveValue('7');
    await expect(page.getByTestId('upload-result')).toHaveCount(0);
  });
});
