// LDAP connections as an admin keeps them right: edits that send only what changed, a password that is
// never shown or sent unless typed, enable and disable that show the server's answer, concurrent changes
// caught, and unsaved edits never lost by accident.
import { type Page } from '@playwright/test';
import { expect, test, ADMIN_TOKEN, DevBackend, SettingsPage } from './console';

let dev: DevBackend;
const ID = '1000000';

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
});

const puts = async () => (await dev.requests()).filter((r) => r.method === 'PUT');

async function openConnection(page: Page) {
  await page.goto(`/ldap/${ID}`);
  await expect(page.getByLabel('Server URL')).toHaveValue('ldap://ldap.xy-company.com');
}

async function reviewAndSave(page: Page) {
  await page.getByRole('button', { name: 'Review and save' }).click();
  await page.getByTestId('confirm-save').click();
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
}

test('editing a field sends a PUT with only that field, after showing the change', async ({ page }) => {
  await openConnection(page);
  await page.getByLabel('Timeout (ms)').fill('15000');
  await page.getByRole('button', { name: 'Review and save' }).click();
  const changes = page.getByTestId('change-list');
  await expect(changes).toContainText('Timeout (ms)');
  await expect(changes).toContainText('30000');
  await expect(changes).toContainText('15000');
  await page.getByTestId('confirm-save').click();
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
  const sent = await puts();
  expect(sent).toHaveLength(1);
  expect(JSON.parse(sent[0].body!)).toEqual({ serverTimeout: 15000 });
  expect(sent[0].auth_scheme).toBe('Bearer');
});

test('fields are checked as they are typed', async ({ page }) => {
  await openConnection(page);
  await expect(page.locator('#ldap-serverUrl-message')).toContainText('cleartext');
  await page.getByLabel('Server URL').fill('ldaps://');
  await expect(page.locator('#ldap-serverUrl-message')).toContainText('server name is missing');
  await page.getByLabel('User sync filter').fill('(&(objectClass=user)(mail=*)');
  await expect(page.locator('#ldap-syncFilter-message')).toContainText('never closed');
  await page.getByLabel('User search filter').fill('(uid=jdoe)');
  await expect(page.locator('#ldap-authFilter-message')).toContainText('{0}');
  await page.getByLabel('Base DN').fill('ou=users,');
  await expect(page.locator('#ldap-baseDN-message')).toContainText("ends with ','");
  await page.getByLabel('Email attribute').fill('e mail');
  await expect(page.getByLabel('Email attribute')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Review and save' }).click();
  await expect(page.getByText('Fix the fields marked above before saving.')).toBeVisible();
  expect(await puts(), 'nothing is sent while a field is invalid').toHaveLength(0);
});

test('the password is never shown, stored or sent unless typed', async ({ page }) => {
  await openConnection(page);
  await expect(page.getByLabel('Manager password')).toHaveValue('');
  const html = await page.content();
  expect(html).not.toMatch(/value="password"|>password</);
  await page.getByLabel('Domain').fill('XY');
  await reviewAndSave(page);
  expect(JSON.parse((await puts())[0].body!)).toEqual({ domain: 'XY' });
  await page.getByLabel('Manager password').fill('n3w-s3cret');
  await page.getByRole('button', { name: 'Review and save' }).click();
  await expect(page.getByTestId('change-list')).toContainText('(the new password you typed)');
  await expect(page.getByTestId('change-list')).not.toContainText('n3w-s3cret');
  await page.getByTestId('confirm-save').click();
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
  expect(JSON.parse((await puts())[1].body!)).toEqual({ managerPassword: 'n3w-s3cret' });
  await expect(page.getByLabel('Manager password')).toHaveValue('');
  const storage = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  expect(storage).not.toContain('n3w-s3cret');
  expect(storage).not.toMatch(/"password"/);
  expect(page.url()).not.toContain('s3cret');
});

test('a new server without a new password needs an explicit confirmation', async ({ page }) => {
  await openConnection(page);
  await page.getByLabel('Server URL').fill('ldaps://new-dc.xy-company.com:636');
  await page.getByRole('button', { name: 'Review and save' }).click();
  await expect(page.getByTestId('password-warning')).toContainText('the stored password would be sent');
  await expect(page.getByTestId('confirm-save')).toBeDisabled();
  await page.getByLabel('Send the stored password to the new server').check();
  await page.getByTestId('confirm-save').click();
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
  expect(JSON.parse((await puts())[0].body!)).toEqual({ serverUrl: 'ldaps://new-dc.xy-company.com:636' });
});

test('disable asks first and enable round-trips, showing the server answer', async ({ page, request }) => {
  await page.goto('/ldap');
  const row = page.getByTestId('ldap-row').filter({ hasText: 'ldap://ldap.xy-company.com' });
  const toggle = row.getByRole('switch');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await toggle.click();
  const dialog = page.getByRole('dialog', { name: 'Disable this LDAP connection?' });
  await expect(dialog).toContainText('stops sign-in and user sync');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  expect(await puts()).toHaveLength(0);
  await toggle.click();
  await page.getByTestId('confirm-disable').click();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  expect((await puts()).map((p) => JSON.parse(p.body!))).toEqual([{ enable: false }, { enable: true }]);
  const now = await (await request.get(`/api/v1/ldapconnections/${ID}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
  expect(now.enabled).toBe(true);
});

test('a failed switch stays on the true state and says why', async ({ page }) => {
  await dev.fault({ path: '/api/v1/ldapconnections/', method: 'PUT', status: 503, times: 1 });
  await page.goto('/ldap');
  const row = page.getByTestId('ldap-row').filter({ hasText: 'ldaps://dc01.emea' });
  await row.getByRole('switch').click();
  await page.getByTestId('confirm-disable').click();
  await expect(page.getByTestId('error-panel')).toContainText('had an internal error (HTTP 503)');
  await expect(row.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
});

test('a 400 keeps every edit and shows the message beside the field', async ({ page }) => {
  await dev.fault({ path: `/api/v1/ldapconnections/${ID}`, method: 'PUT', status: 400, times: 1,
    body: { detail: 'Invalid input: syncFilter.', syncFilter: ['The directory rejected this filter.'] } });
  await openConnection(page);
  await page.getByLabel('User sync filter').fill('(objectClass=person)');
  await page.getByLabel('Domain').fill('XY-NEW');
  await page.getByRole('button', { name: 'Review and save' }).click();
  await page.getByTestId('confirm-save').click();
  await expect(page.locator('#ldap-syncFilter-message')).toHaveText('The directory rejected this filter.');
  await expect(page.getByTestId('error-panel')).toContainText('rejected the request');
  await expect(page.getByLabel('User sync filter')).toHaveValue('(objectClass=person)');
  await expect(page.getByLabel('Domain')).toHaveValue('XY-NEW');
});

test('a change made elsewhere in between is caught, never overwritten silently', async ({ page, request }) => {
  await openConnection(page);
  await page.getByLabel('Timeout (ms)').fill('20000');
  // Another admin saves the domain meanwhile.
  const other = await request.put(`/api/v1/ldapconnections/${ID}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, data: { domain: 'CHANGED-ELSEWHERE' } });
  expect(other.ok()).toBeTruthy();
  await page.getByRole('button', { name: 'Review and save' }).click();
  const conflict = page.getByTestId('conflict-list');
  await expect(conflict).toContainText('CHANGED-ELSEWHERE');
  await expect(conflict).toContainText('XY-COMPANY');
  await page.getByTestId('keep-mine').click();
  await page.getByTestId('confirm-save').click();
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
  const mine = (await puts()).filter((p) => JSON.parse(p.body!).serverTimeout);
  expect(JSON.parse(mine[0].body!)).toEqual({ serverTimeout: 20000 });
  await expect(page.getByLabel('Domain'), 'their change is kept').toHaveValue('CHANGED-ELSEWHERE');
});

test('leaving with unsaved edits asks first', async ({ page }) => {
  await openConnection(page);
  await page.getByLabel('Domain').fill('UNSAVED');
  // In the console: its own dialog, never the browser's prompt.
  page.once('dialog', (d) => { throw new Error(`a native ${d.type()} dialog for an in-app link`); });
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(page).toHaveURL(new RegExp(`/ldap/${ID}$`));
  await expect(page.getByLabel('Domain')).toHaveValue('UNSAVED');
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await ask.getByRole('button', { name: 'Leave and lose changes' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  page.removeAllListeners('dialog');

  await openConnection(page);
  await page.getByLabel('Domain').fill('UNSAVED AGAIN');
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});
