// Secrets as an admin meets them: a connection's parameters holding credentials in every shape a
// connector uses are never shown, exported, stored or logged; values whose names are not known to be
// harmless are shown only on request; a saved token is not sent to a new server unasked.
import { expect, test, DevBackend, SettingsPage } from './console';

let dev: DevBackend;

test.beforeEach(async ({ request }) => {
  dev = new DevBackend(request);
  await dev.reset();
});

// Each value below is a secret the console must never reveal.
const SECRETS = Array.from({ length: 17 }, (_, i) => `s3cr3t-${String(i + 1).padStart(2, '0')}`);
const [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17] = SECRETS;
const PARAMS = {
  alm_server: 'https://rally.example.com',
  alm_project: 'Payments',
  alm_pass: s1,
  credentials: s2,
  pwd: s3,
  bearer: s4,
  authorization: `Basic ${s5}`,
  session_cookie: s6,
  jwt: s7,
  alm_pat: s8,
  connection_string: `Server=db;Password=${s9}`,
  sentry_dsn: `https://${s10}@sentry.example.com/1`,
  signing_hmac: s11,
  otp_seed: s12,
  client_certificate: `-----BEGIN PRIVATE KEY----- ${s13}`,
  alm_options: { password: s14, depth: 2 },
  extra_json: JSON.stringify({ alm_pass: s15, server: 'x' }),
  webhook_url: `https://bot:${s16}@hooks.example.com/post`,
  servers: [{ url: `ldap://cn=admin:${s17}@dc1.example.com` }],
};

async function secretJob() {
  const base = (await dev.jobs('alm/')).results[0];
  return { ...base, connection: { ...base.connection, params: PARAMS } };
}

function leaked(text: string) {
  return SECRETS.filter((s) => text.includes(s));
}

test('parameters holding secrets in every shape show none of them, anywhere', async ({ page }) => {
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  await new SettingsPage(page).configure();
  const job = await secretJob();
  await dev.fault({ path: `/api/v2/jobs/alm/${job.id}`, method: 'GET', body: job });
  await page.goto(`jobs/alm/${job.id}`);
  const params = page.getByTestId('params-table');
  await expect(params.getByRole('row', { name: /^alm_server / })).toContainText('https://rally.example.com');
  await expect(params.getByRole('row', { name: /^alm_project / })).toContainText('Payments');
  await expect(params.getByRole('row', { name: /^alm_pass / })).toContainText('••••••');
  expect(leaked(await page.content())).toEqual([]);

  // A value not known to be harmless is shown on request, with the secrets inside it still masked.
  const options = params.getByRole('row', { name: /^alm_options / });
  await options.getByRole('button', { name: 'Show the value of alm_options' }).click();
  await expect(options).toContainText('"depth":2');
  await expect(options).toContainText('"password":"••••••"');
  await expect(options.getByRole('button', { name: 'Hide the value of alm_options' })).toBeFocused();
  const webhook = params.getByRole('row', { name: /^webhook_url / });
  await webhook.getByRole('button', { name: 'Show the value of webhook_url' }).click();
  await expect(webhook).toContainText('https://••••••@hooks.example.com/post');
  for (const name of ['extra_json', 'servers']) {
    const row = params.getByRole('row', { name: new RegExp(`^${name} `) });
    const show = row.getByRole('button', { name: `Show the value of ${name}` });
    if (await show.count()) await show.click();
  }
  await expect(params.getByRole('row', { name: /^extra_json / })).toContainText('"server":"x"');
  // No "Show" exists for a secret.
  await expect(params.getByRole('row', { name: /^alm_pass / }).getByRole('button')).toHaveCount(0);
  expect(leaked(await page.content())).toEqual([]);

  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(leaked(stored)).toEqual([]);
  expect(leaked(logged.join('\n'))).toEqual([]);
});

test('exports mask every secret and every value not known to be harmless', async ({ page }) => {
  await new SettingsPage(page).configure();
  const job = await secretJob();
  await dev.fault({ path: '/api/v2/jobs/', method: 'GET', body: { results: [job] } });
  await page.goto('jobs');
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  const read = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  };
  const json = await read('Export JSON');
  expect(leaked(json)).toEqual([]);
  const exported = JSON.parse(json)[0].connection.params;
  expect(exported.alm_server).toBe('https://rally.example.com');
  expect(exported.alm_pass).toBe('••••••');
  expect(exported.alm_options, 'not known to be harmless: masked, never revealed in a file').toBe('••••••');
  expect(leaked(await read('Export CSV'))).toEqual([]);
});

test('an upload option whose name looks secret is typed unseen', async ({ page }) => {
  await new SettingsPage(page).configure();
  await page.goto('upload');
  await page.getByRole('button', { name: 'Add an option' }).click();
  const name = page.getByLabel('Option name');
  const value = page.getByLabel('Option value');
  await name.fill('alm_project');
  await value.fill('Payments');
  await expect(value).toHaveAttribute('type', 'text');
  await name.fill('api_token');
  await expect(value).toHaveAttribute('type', 'password');
  await expect(value, 'the value typed so far is kept').toHaveValue('Payments');
});

test('a saved token is sent to a new server only when the admin says so', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.configure();
  await settings.sdeUrl().fill('http://sde.example.com');
  await settings.save();
  await expect(page.getByText('Over http:// the token would cross the network unencrypted')).toBeVisible();
  await expect(settings.sdeUrl()).toBeFocused();

  await settings.sdeUrl().fill('https://sde.example.com');
  await settings.save();
  const confirm = page.getByTestId('sde-token-confirm');
  await expect(confirm).toContainText('another server (https://sde.example.com)');
  await expect(settings.sdeToken()).toBeFocused();
  await expect(page.getByTestId('settings-status')).toHaveText('');
  await confirm.getByLabel('Send my saved token to https://sde.example.com').check();
  await settings.save();
  await expect(page.getByTestId('settings-status')).toHaveText(/Settings saved/);
  await expect(confirm).toHaveCount(0);
  await page.reload();
  await expect(settings.sdeUrl()).toHaveValue('https://sde.example.com');
});
