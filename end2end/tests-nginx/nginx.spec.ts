// The console as our users host it: static files and both APIs behind Debian's nginx with the
// repository's deploy/nginx snippets, once at / and once under /console/ (two Playwright projects, see
// playwright.config.ts). Every address here is relative to the project's base URL, so the same steps
// prove the sub-path. Runs under the CSP guard like every flow.
import { request as apiRequest, type APIResponse } from '@playwright/test';
import http from 'node:http';
import { expect, test, ADMIN_TOKEN, BACKEND_URL, DevBackend, SettingsPage } from '../tests/console';

/** The same API locations with their backends out of reach: nginx answers 502 itself (nginx/serve.mjs). */
const DOWN_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 18181) + 102}`;
const TOKEN = { Authorization: `Token ${ADMIN_TOKEN}` };
const BEARER = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const HSTS = 'max-age=63072000';

/** What nginx adds to every API answer (deploy/nginx/snippets/console-api-headers.conf), once each. */
function expectApiHeaders(headers: Record<string, string | string[] | undefined>, what: string) {
  expect(headers['content-security-policy'], what).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['cache-control'], what).toBe('no-store');
  expect(headers['strict-transport-security'], what).toBe(HSTS);
  expect(headers['server'], `${what}: no nginx version`).toBe('nginx');
}

/** An API answer of nginx's own: JSON with its status and the API headers. */
async function expectNginxJson(response: APIResponse, status: number, what: string) {
  expect(response.status(), what).toBe(status);
  expect(response.headers()['content-type'], what).toBe('application/json');
  expect(typeof (await response.json()).detail, what).toBe('string');
  expectApiHeaders(response.headers(), what);
}

/**
 * A request sent exactly as written, with no URL parser on the way (one would resolve `%2e%2e` before
 * sending), to the host and port of `base`.
 */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host: hostname, port, path, method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

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

/** The API requests the backend received, with the headers the proxy sent (never the token). */
async function received() {
  const answer = await dev.request.get('/__dev/requests');
  return (await answer.json()) as Array<{ method: string; path: string; query: string; auth_scheme: string | null; headers: Record<string, string> }>;
}

async function forgetRequests() {
  expect((await dev.request.delete('/__dev/requests')).status()).toBe(204);
}

test('every API answer carries the API headers, and the upstreams get only what the proxy vouches for', async ({ request, baseURL }) => {
  // The APIs are at the origin's /api/ in both hosting variants.
  await forgetRequests();
  const jobs = await request.get(new URL('/api/v2/jobs/', baseURL).href, {
    headers: {
      ...TOKEN, Accept: 'text/html', Cookie: 'sessionid=from-the-browser', 'Proxy-Authorization': 'Basic c2VjcmV0',
      'X-Forwarded-For': '203.0.113.9', 'X-Forwarded-Host': 'evil.example', Forwarded: 'for=203.0.113.9', 'X-Real-IP': '203.0.113.9',
    },
  });
  expect(jobs.status()).toBe(200);
  expectApiHeaders(jobs.headers(), 'the jobs list');
  const ldap = await request.get(new URL('/api/v1/ldapconnections', baseURL).href, { headers: BEARER });
  expect(ldap.status()).toBe(200);
  expectApiHeaders(ldap.headers(), 'the LDAP list');

  const [sent] = await received();
  expect(sent.path).toBe('/api/v2/jobs/');
  expect(sent.auth_scheme).toBe('Token');
  expect(sent.headers['accept']).toBe('application/json');
  expect(sent.headers['x-forwarded-for']).toBe('127.0.0.1');
  expect(sent.headers['x-forwarded-host']).toBe('localhost');
  for (const cleared of ['cookie', 'proxy-authorization', 'forwarded', 'x-real-ip']) {
    expect(sent.headers[cleared], cleared).toBeUndefined();
  }

  // The backend's own errors pass through under the same headers (it sends them too: nginx's replace them).
  await dev.fault({ path: '/api/v2/jobs/alm', status: 500, times: 1 });
  const failed = await request.get(new URL('/api/v2/jobs/alm/', baseURL).href, { headers: TOKEN });
  expect(failed.status()).toBe(500);
  expectApiHeaders(failed.headers(), "the backend's 500");
  await dev.fault({ path: '/api/v1/', html: true, times: 1 });
  const page = await request.get(new URL('/api/v1/ldapconnections', baseURL).href, { headers: BEARER });
  expect(page.status()).toBe(502);
  expectApiHeaders(page.headers(), "an HTML 502 from behind the proxy");
});

test('the console\'s answers carry HSTS and no nginx version', async ({ request, baseURL }) => {
  const base = new URL(baseURL!);
  const answers = [
    await request.get(baseURL!),
    await request.get(new URL('config.json', baseURL).href),
    await request.get(new URL('jobs/alm/3', baseURL).href),
    await request.get(new URL('missing-0123456789abcdef.js', baseURL).href),
  ];
  if (base.pathname !== '/') {
    answers.push(await request.get(base.origin + base.pathname.replace(/\/$/, ''), { maxRedirects: 0 }));
  }
  for (const answer of answers) {
    expect(answer.headers()['strict-transport-security'], answer.url()).toBe(HSTS);
    expect(answer.headers()['server'], answer.url()).toBe('nginx');
  }
});

test('a missing hashed asset is a 404 that is not cached for a year', async ({ request, baseURL }) => {
  for (const name of ['missing-0123456789abcdef.js', 'missing-0123456789abcdef_bg.wasm']) {
    const missing = await request.get(new URL(name, baseURL).href);
    expect(missing.status(), name).toBe(404);
    expect(missing.headers()['cache-control'] ?? '', name).not.toMatch(/max-age=31536000|immutable/);
  }
});

test('a 2 MB body is refused on /api/v1/ and /api/v2/, with the API headers, but goes up as a report', async ({ request, baseURL }) => {
  await forgetRequests();
  const big = 'x'.repeat(2 * 1024 * 1024);
  const put = await request.put(new URL('/api/v1/ldapconnections/1000000', baseURL).href, {
    headers: { ...BEARER, 'Content-Type': 'application/json' }, data: JSON.stringify({ domain: big }),
  });
  await expectNginxJson(put, 413, 'a 2 MB LDAP edit');
  const post = await request.post(new URL('/api/v2/jobs/alm/', baseURL).href, {
    headers: { ...TOKEN, 'Content-Type': 'application/json' }, data: JSON.stringify({ connection: 12, note: big }),
  });
  await expectNginxJson(post, 413, 'a 2 MB job start');
  expect(await received(), 'nothing reached the backend').toEqual([]);

  const report = Buffer.from('<?xml version="1.0"?>\n<ReportDefinition>\n' + '<!-- padding -->\n'.repeat(130_000) + '</ReportDefinition>\n');
  expect(report.length).toBeGreaterThan(2 * 1024 * 1024);
  const upload = await request.post(new URL('/api/v2/jobs/analysis-file/', baseURL).href, {
    headers: TOKEN,
    multipart: {
      report_file: { name: 'large.xml', mimeType: 'text/xml', buffer: report },
      system: 'fortify_file_upload',
      project: '7',
    },
  });
  expect(upload.status()).toBe(201);
  expectApiHeaders(upload.headers(), 'the upload');
  expect((await (await dev.request.get('/__dev/last-upload/file')).body()).equals(report)).toBeTruthy();
});

test('nginx\'s own 502 is JSON with the API headers', async ({ request }) => {
  await expectNginxJson(await request.get(`${DOWN_URL}/api/v2/jobs/`, { headers: TOKEN }), 502, 'jobs');
  await expectNginxJson(await request.post(`${DOWN_URL}/api/v2/jobs/analysis-file/`, { headers: TOKEN }), 502, 'upload');
  await expectNginxJson(await request.get(`${DOWN_URL}/api/v1/ldapconnections`, { headers: BEARER }), 502, 'LDAP');
});

test('each API location refuses the other\'s scheme, before the backend', async ({ request, baseURL }) => {
  await forgetRequests();
  const basic = { Authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}` };
  for (const [method, path, headers] of [
    ['get', '/api/v2/jobs/', BEARER],
    ['get', '/api/v2/jobs/alm/3', {}],
    ['post', '/api/v2/jobs/analysis-file/', BEARER],
    ['get', '/api/v1/ldapconnections', TOKEN],
    ['put', '/api/v1/ldapconnections/1000000', basic],
  ] as const) {
    const answer = await request[method](new URL(path, baseURL).href, { headers });
    const what = `${method} ${path} with ${Object.values(headers)[0]?.split(' ')[0] ?? 'no Authorization'}`;
    await expectNginxJson(answer, 401, what);
    expect((await answer.json()).detail, what).toContain(path.startsWith('/api/v1/') ? 'Bearer' : 'Token');
  }
  expect(await received(), 'nothing reached the backend').toEqual([]);
});

test('encoded slashes, dots and backslashes in an API path are refused, before the backend', async ({ baseURL }) => {
  const base = new URL(baseURL!);
  await forgetRequests();
  const refused: Array<[string, Record<string, string>, string]> = [
    ['/api/v1/ldapconnections/%2e%2e/%2E%2E/v2/jobs/', BEARER, 'GET'], // would climb into the other API
    ['/api/v2/jobs/alm/%2e%2e/ldap/', TOKEN, 'GET'],
    ['/api/v2/jobs/alm%2F3', TOKEN, 'GET'],
    ['/api/v2/jobs/alm%2f3', TOKEN, 'GET'],
    ['/api/v2/jobs/alm%5C3', TOKEN, 'GET'],
    ['/api/v2/jobs/analysis-file%2F', TOKEN, 'POST'],
  ];
  // Out of the sub-path into the API (at the root nginx itself refuses to climb above /).
  if (base.pathname !== '/') refused.push([`${base.pathname}%2e%2e/api/v2/jobs/`, TOKEN, 'GET']);
  for (const [path, auth, method] of refused) {
    const answer = await raw(base.origin, path, { ...auth }, method);
    expect(answer.status, path).toBe(400);
    expect(JSON.parse(answer.body).detail, path).toContain('Encoded');
    expectApiHeaders(answer.headers, path);
  }
  expect(await received(), 'nothing reached the backend').toEqual([]);

  // In the query they are data, and pass.
  const query = await raw(base.origin, '/api/v2/jobs/?user=a%2Fb%2Ec%40example.com', { ...TOKEN });
  expect(query.status).toBe(200);
  expect((await received()).map((r) => r.query)).toEqual(['user=a%2Fb%2Ec%40example.com']);
});

test('requests for another host name get no answer', async ({ baseURL }) => {
  const base = new URL(baseURL!);
  await expect(raw(base.origin, base.pathname, { Host: 'evil.example' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  await expect(raw(base.origin, '/api/v2/jobs/', { ...TOKEN, Host: 'evil.example' })).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect((await raw(base.origin, base.pathname, { Host: 'localhost' })).status).toBe(200);
});
