// Production hardening, as a user (or an attacker) would meet it: accessibility on every page in both
// colour schemes, markup and script payloads in every string the backend sends, and no secret anywhere
// it could leak (DOM, URL, local storage, console).
import AxeBuilder from '@axe-core/playwright';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test, ADMIN_TOKEN, DevBackend, SECURITY_HEADERS, SettingsPage } from './console';

const BACKEND = '../target/debug/dev-backend';

async function pages(dev: DevBackend): Promise<Array<[string, string]>> {
  const alm = (await dev.jobs('alm/?ready=true')).results[0];
  return [
    ['overview', '/'],
    ['overview, ALM, 7 days', '/?kind=alm&days=7'],
    ['jobs', '/jobs'],
    ['jobs with users', '/jobs/alm?expand=users'],
    ['job detail', `/jobs/alm/${alm.id}`],
    ['upload', '/upload'],
    ['LDAP list', '/ldap'],
    ['LDAP detail', '/ldap/1000000'],
    ['settings', '/settings'],
    ['not found', '/nowhere'],
  ];
}

for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]] as const) {
  test(`no serious or critical accessibility violations, ${scheme} scheme, ${width} px`, async ({ page, request }) => {
    const dev = new DevBackend(request);
    await dev.reset();
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await new SettingsPage(page).configure();
    for (const [name, path] of await pages(dev)) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious, `${name} (${path}) in ${scheme} at ${width} px`).toEqual([]);
    }
  });
}

test('dialogs trap focus and close on Escape; focus is visible', async ({ page, request }) => {
  const dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
  const alm = (await dev.jobs('alm/?ready=true')).results[0];
  await page.goto(`/jobs/alm/${alm.id}`);
  const open = page.getByRole('button', { name: 'Run now' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus stays in the dialog').toBe(true);
  }
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline, 'the focused control shows a focus ring').not.toBe('none');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
});

/** Payloads from well-known XSS test sets (OWASP filter evasion cheat sheet, PortSwigger, PayloadsAllTheThings). */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3">',
  '"><script>window.__xss=4</script>',
  "'><img src=x onerror=window.__xss=5>",
  '<iframe src="javascript:window.top.__xss=6"></iframe>',
  '<body onload=window.__xss=7>',
  '<a href="javascript:window.__xss=8">click</a>',
  '<details open ontoggle="window.__xss=9">',
  '<input autofocus onfocus="window.__xss=10">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=11>',
  '<video><source onerror="window.__xss=12">',
  '<marquee onstart="window.__xss=13">',
  '<object data="javascript:window.__xss=14">',
  '<embed src="javascript:window.__xss=15">',
  '<form><button formaction="javascript:window.__xss=16">x</button></form>',
  '"-window.__xss=17-"',
  '{{constructor.constructor("window.__xss=18")()}}',
  '<style>@import "javascript:window.__xss=19";</style>',
  '<div style="background:url(javascript:window.__xss=20)">',
  '<scr<script>ipt>window.__xss=21</scr</script>ipt>',
  'javascript:/*--></title></style></textarea></script></xmp><svg/onload=window.__xss=22>',
  "gg'",
];

/** Replaces every string in the backend's data with a payload, keeping what makes the data valid. */
function poison(value: unknown, counter: { n: number }, key = ''): unknown {
  if (typeof value === 'string') {
    if (['kind', 'id', 'last_run_ms'].includes(key)) return value;
    return PAYLOADS[counter.n++ % PAYLOADS.length];
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, counter, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, counter, k)]));
  }
  return value;
}

test.describe('markup payloads in every server string', () => {
  let server: ChildProcess;
  const port = 18190;
  const base = `http://127.0.0.1:${port}`;

  test.beforeAll(async () => {
    const demo = JSON.parse(execFileSync(BACKEND, ['--dump-data', '--jobs', '40'], { encoding: 'utf8' }));
    const dir = mkdtempSync(join(tmpdir(), 'console-xss-'));
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(poison(demo, { n: 0 })));
    server = spawn(BACKEND, ['--port', String(port), '--dist', '../dist', '--data', file, '--exit-after', '300', ...SECURITY_HEADERS], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`${base}/__dev/health`)).ok) return; } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the poisoned backend did not start');
  });
  test.afterAll(() => { server?.kill(); });

  test('nothing executes and every string shows as text', async ({ page, request }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.addInitScript(([token]) => {
      sessionStorage.setItem('console.sdeToken', token);
      sessionStorage.setItem('console.accessToken', token);
    }, [ADMIN_TOKEN]);
    const jobs = await (await request.get(`${base}/api/v2/jobs/alm/`, { headers: { Authorization: `Token ${ADMIN_TOKEN}` } })).json();
    const ldap = await (await request.get(`${base}/api/v1/ldapconnections`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    const visits = [
      `${base}/jobs?page_size=all`,
      `${base}/jobs?page_size=all&expand=users`,
      `${base}/jobs/alm/${jobs.results[0].id}`,
      `${base}/ldap`,
      `${base}/ldap/${encodeURIComponent(ldap[0].id)}`,
    ];
    let shown = 0;
    for (const url of visits) {
      await page.goto(url);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const text = await page.locator('main').innerText();
      const inputs = await page.locator('main input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('\n'));
      shown += PAYLOADS.filter((p) => text.includes(p) || inputs.includes(p)).length;
      expect(await page.evaluate(() => (window as any).__xss), `${url}: a payload ran`).toBeUndefined();
      expect(await page.locator('main script, main iframe, main svg[onload], main img[src="x"], main object, main embed').count(), url).toBe(0);
    }
    const users = page.locator('button.user-button');
    await page.goto(`${base}/jobs?page_size=all&expand=users`);
    await users.first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(shown, 'payloads are visible as literal text').toBeGreaterThan(PAYLOADS.length);
  });
});

test('no secret appears in the DOM, the URL, local storage or the console on any page', async ({ page, request }) => {
  const dev = new DevBackend(request);
  await dev.reset();
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  await new SettingsPage(page).configure();
  const secrets = [ADMIN_TOKEN, 'demo-alm-password', 'demo-fortify-token', 'demo-bind-password', 'emea-secret', 'contractor-secret'];
  for (const [name, path] of await pages(dev)) {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const html = await page.content();
    const inputs = await page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('\n'));
    const local = await page.evaluate(() => JSON.stringify(localStorage));
    for (const secret of secrets) {
      expect(html, `${name}: DOM`).not.toContain(secret);
      expect(inputs, `${name}: input values`).not.toContain(secret);
      expect(page.url(), `${name}: URL`).not.toContain(secret);
      expect(local, `${name}: local storage`).not.toContain(secret);
    }
    // The first LDAP connection's stored password is the word "password": never as a value or text.
    expect(inputs.split('\n'), `${name}: password value`).not.toContain('password');
  }
  for (const secret of secrets) {
    expect(logged.join('\n'), 'console').not.toContain(secret);
  }
});

test('the production security headers are sent, and the CSP blocks inline script and reports it', async ({ page, csp }) => {
  await new SettingsPage(page).configure({});
  const response = await page.goto('/jobs');
  const headers = response!.headers();
  const policy = headers['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("'unsafe-inline'");
  expect(policy).not.toMatch(/'unsafe-eval'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['permissions-policy']).toContain('camera=()');
  await expect(page.getByTestId('job-row').first()).toBeVisible();

  // The guard every flow runs under sees a violation: inline script and inline style are refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const div = document.createElement('div');
    div.setAttribute('style', 'color: red');
    document.body.append(div);
  });
  await expect.poll(() => csp.violations.length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as any).__inlineRan)).toBeUndefined();
  expect(csp.violations.join('\n')).toContain('script-src-elem');
  expect(csp.violations.join('\n')).toContain('style-src-attr');
  csp.violations.length = 0; // expected here; any other test fails on one
});

test('a whole task by keyboard alone, every focused control visibly marked', async ({ page, request }) => {
  const dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
  await page.goto('/jobs');
  await expect(page.getByTestId('job-row').first()).toBeVisible();

  /** Presses Tab until the focused element's accessible text matches, checking each stop's focus ring. */
  const tabTo = async (name: RegExp, max = 60, key = 'Tab') => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        const text = (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim();
        const style = getComputedStyle(el);
        return { text, ring: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (!focused) continue;
      expect(focused.ring, `focus ring on "${focused.text}"`).toBe(true);
      if (name.test(focused.text)) return;
    }
    throw new Error(`no control matching ${name} within ${max} Tab presses`);
  };

  // Sort the jobs by a header, then go to the LDAP connections.
  await tabTo(/^Status↕/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=/);
  await tabTo(/^LDAP connections$/, 60, 'Shift+Tab'); // back up to the navigation
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ldap$/);
  await expect(page.getByTestId('ldap-row').first()).toBeVisible();
  await tabTo(/^ldaps?:\/\//);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ldap\/.+/);

  // Edit, review and save.
  await tabTo(/^Timeout \(ms\)/);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('20000');
  await tabTo(/^Review and save$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await tabTo(/^Save$/, 10);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ldap-status')).toHaveText('Saved.');
  const puts = (await dev.requests()).filter((r) => r.method === 'PUT');
  expect(JSON.parse(puts[0].body!)).toEqual({ serverTimeout: 20000 });
});

test('"Skip to content" moves focus to the page\'s content and stays on the page', async ({ page, request }) => {
  const dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
  for (const path of ['/jobs', '/upload']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    // `#main` against the document's <base> once opened the overview.
    await expect(page.locator('#main'), `focus in the content of ${path}`).toBeFocused();
    expect(new URL(page.url()).pathname).toBe(path);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Overview');
  }
});
