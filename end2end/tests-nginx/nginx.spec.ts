// The console as our users host it: static files and both APIs behind Debian's nginx with the
// repository's deploy/nginx snippets, once at / and once under /console/ (two Playwright projects, see
// playwright.config.ts). Every address here is relative to the project's base URL, so the same steps
// prove the sub-path. Runs under the CSP guard like every flow.
import { request as apiRequest } from '@playwright/test';
import { expect, test, BACKEND_URL, DevBackend, SettingsPage } from '../tests/console';

let dev: DevBackend;

test.beforeEach(async ({ page }) => {
  const direct = await apiRequest.newContext({ baseURL: BACKEND_URL });
  dev = new DevBackend(direct);
  await dev.reset();
  await new SettingsPage(page).configure();
});

test('loads, deep links and lists jobs through the proxy', async ({ page, baseURL }) => {
  const base = new URL(baseURL!).pathname; // "/" or "/console/"
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await expect(page).toHaveURL(new URL('jobs', baseURL).href);
  await expect(page.getByTestId('job-row').first()).toBeVisible();

  // In-app links stay under the sub-path; a reload of a deep link gets index.html from nginx.
  await page.getByRole('link', { name: 'ALM', exact: true }).click();
  await expect(page).toHaveURL(new URL('jobs/alm', baseURL).href);
  await page.getByTestId('job-row').first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${base}jobs/alm/\\d+$`));
  await expect(page.getByTestId('job-status')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('job-status')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new URL('jobs/alm', baseURL).href);

  // The API went through nginx to the backend.
  const jobs = (await dev.requests()).filter((r) => r.path.startsWith('/api/v2/jobs/'));
  expect(jobs.length).toBeGreaterThan(0);
  expect(jobs.every((r) => r.auth_scheme === 'Token')).toBeTruthy();
});

test('a report larger than nginx\'s default body limit goes up, byte for byte', async ({ page }) => {
  // 3 MB: nginx refuses bodies over 1 MB unless the configuration raises client_max_body_size.
  const xml = '<?xml version="1.0"?>\n<ReportDefinition>\n' + '<!-- padding -->\n'.repeat(190_000) + '</ReportDefinition>\n';
  const buffer = Buffer.from(xml);
  expect(buffer.length).toBeGreaterThan(3 * 1024 * 1024);
  await page.getByRole('link', { name: 'Upload report' }).click();
  await page.getByLabel('Report file').setInputFiles({ name: 'large-fortify.xml', mimeType: 'text/xml', buffer });
  await page.getByLabel('Project id').fill('7');
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('fortify_file_upload');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.getByTestId('upload-result')).toContainText('large-fortify.xml');
  const received = await (await dev.request.get('/__dev/last-upload/file')).body();
  expect(received.equals(buffer)).toBeTruthy();
});

test('an LDAP connection is saved through the proxy', async ({ page }) => {
  await page.getByRole('link', { name: 'LDAP connections' }).click();
  await page.getByTestId('ldap-row').first().getByRole('link').click();
  await expect(page.getByLabel('Server URL')).toHaveValue(/^ldaps?:\/\//);
  await page.getByLabel('Timeout (ms)').fill('12000');
  await page.getByRole('button', { name: 'Review and save' }).click();
  await page.getByTestId('confirm-save').click();
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
  const puts = (await dev.requests()).filter((r) => r.method === 'PUT');
  expect(puts).toHaveLength(1);
  expect(JSON.parse(puts[0].body!)).toEqual({ serverTimeout: 12000 });
  expect(puts[0].auth_scheme).toBe('Bearer');
});

test('caching, precompression and security headers are as deployed', async ({ page, request, baseURL }) => {
  const index = await request.get(baseURL!, { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(index.headers()['cache-control']).toBe('no-cache');
  expect(index.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(index.headers()['x-content-type-options']).toBe('nosniff');
  expect(index.headers()['referrer-policy']).toBe('no-referrer');
  expect(index.headers()['permissions-policy']).toBeTruthy();
  const html = await index.text();
  expect(html, 'no inline script').not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  const base = new URL(baseURL!);
  if (base.pathname !== '/') {
    // The sub-path without its slash leads to the console.
    const bare = await request.get(base.origin + base.pathname.replace(/\/$/, ''), { maxRedirects: 0 });
    expect(bare.status()).toBe(301);
    expect(new URL(bare.headers()['location'], base).pathname).toBe(base.pathname);
  }

  const config = await request.get(new URL('config.json', baseURL).href);
  expect(config.headers()['cache-control']).toBe('no-cache');
  expect((await config.json()).maxUploadMb).toBe(100);

  const deepLink = await request.get(new URL('jobs/alm/3', baseURL).href);
  expect(deepLink.status()).toBe(200);
  expect(deepLink.headers()['cache-control']).toBe('no-cache'); // the fallback is index.html, never cached
  expect(await deepLink.text()).toContain('<base href=');

  const assets = [...html.matchAll(/(?:href|src)="([^"]+-[0-9a-f]{12,}(?:_bg)?\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThanOrEqual(4); // loader, bindings, wasm, css
  for (const asset of assets) {
    const url = new URL(asset, baseURL).href;
    const br = await request.get(url, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.status(), url).toBe(200);
    expect(br.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
    expect(br.headers()['content-encoding'], url).toBe('br');
    const gz = await request.get(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers()['content-encoding'], url).toBe('gzip');
  }
  const wasm = assets.find((a) => a.endsWith('.wasm'))!;
  expect((await request.get(new URL(wasm, baseURL).href)).headers()['content-type']).toBe('application/wasm');
  await page.goto('jobs');
  await expect(page.getByTestId('job-row').first()).toBeVisible();
});
