// First-rows benchmark against a floor (not a test: it prints figures, it does not pass or fail).
//   node bench/first-rows.mjs [jobs=10000] [runs=7]
// Starts the development backend with generated jobs and opens, in headless Chromium, one after the other:
//   - the floor: a hand-written page (no framework) on the same origin that fetches the same jobs with the
//     same token and renders the same columns with plain DOM calls (status, connection, system, project,
//     triggered by, user, last run, result), only the rows in view as the console does;
//   - the console's jobs list, at 25 per page and with every job loaded (`page_size=all`).
// It prints the median time from navigation to the first rows for each, their ratio, and the console's
// phases from its `performance.mark`s (script start, wasm started, app mounted, config read, first request
// sent, answer decoded) and the rows in the DOM (seen by the benchmark itself), so a change is judged by
// the phase it moves.
// With BEFORE_DIST=<another build's dist/> it measures that build too, in the same run ("before" rows),
// so a change is judged against what it changed on the same machine at the same time.
// Needs dist/ (trunk build --release --offline) and the backend (cargo build -p dev-backend [--release]).
import { launch, startBackend } from './common.mjs';

const jobs = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 7);
const browser = await launch();

// The floor. `?all` reads every job (no paging parameters); otherwise the first page of 25.
const FLOOR = `<!doctype html><meta charset="utf-8"><title>floor</title><body><table><thead><tr>
<th>Status</th><th>Connection</th><th>System</th><th>Project</th><th>Triggered by</th><th>User</th><th>Last run</th><th>Result</th>
</tr></thead><tbody id="rows"></tbody></table><script>
(async () => {
  const all = location.search.includes('all');
  const url = all ? '/api/v2/jobs/' : '/api/v2/jobs/?page=1&page_size=25';
  const res = await fetch(url, { headers: { Authorization: 'Token demo-admin-token', Accept: 'application/json' } });
  const results = (await res.json()).results;
  results.sort((a, b) => (b.last_run || '').localeCompare(a.last_run || ''));
  const who = (u) => (u == null ? '—' : typeof u === 'string' ? u : u.email);
  const ago = (t) => { const s = (Date.now() - Date.parse(t)) / 1000; return s < 3600 ? Math.round(s / 60) + ' minutes ago' : Math.round(s / 3600) + ' hours ago'; };
  const body = document.getElementById('rows');
  for (const j of results.slice(0, 33)) {
    const tr = document.createElement('tr');
    tr.className = 'floor-row';
    const cell = (text) => { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); return td; };
    cell(!j.ready ? 'Running' : j.succeeded ? 'Succeeded' : 'Failed');
    const a = document.createElement('a'); a.href = '/jobs/all/' + j.id; a.textContent = j.connection.alias;
    cell('').appendChild(a);
    cell(typeof j.connection.system === 'string' ? j.connection.system : j.connection.system.name);
    cell(j.connection.project ?? '—');
    cell(who(j.triggered_by)); cell(who(j.user));
    cell(j.last_run ? ago(j.last_run) : '—');
    cell(j.result_message || '');
    body.appendChild(tr);
  }
})();
</script>`;

// Records, in the page, when the first row appears (ms after navigation).
const WATCH = () => {
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid=job-row], .floor-row')) {
      window.__firstRows = performance.now();
      observer.disconnect();
      // Told through the console: waiting with `waitForFunction` makes Playwright evaluate its injected
      // script in the page (about 25 ms of main thread, in the middle of the load being measured).
      console.debug('first-rows');
    }
  });
  observer.observe(document, { subtree: true, childList: true });
};

const PHASES = ['console:script-start', 'console:wasm-started', 'console:app-mounted', 'console:config-read', 'console:first-request',
  'console:answer-decoded'];

async function measure(url, setup) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(WATCH);
  await setup(page);
  const seen = page.waitForEvent('console', { predicate: (m) => m.text() === 'first-rows', timeout: 180_000 });
  // Nothing is evaluated in the page until its rows are there (see WATCH).
  await page.goto(url, { waitUntil: 'commit' });
  await seen;
  const result = await page.evaluate((names) => {
    const marks = Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? NaN]));
    return { rows: window.__firstRows, marks };
  }, PHASES);
  await page.close();
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startBackend(jobs, 18500);
const origin = 'http://127.0.0.1:18500';
const beforeDist = process.env.BEFORE_DIST;
const beforeServer = beforeDist ? await startBackend(jobs, 18502, undefined, beforeDist) : null;
const beforeOrigin = 'http://127.0.0.1:18502';
const floorPage = (page) => page.route(`${origin}/__floor**`, (route) => route.fulfill({ contentType: 'text/html', body: FLOOR }));
const consolePage = (page) => page.addInitScript(() => sessionStorage.setItem('console.sdeToken', 'demo-admin-token'));
const cases = [
  ['floor, 25 per page', `${origin}/__floor`, floorPage],
  ['console, 25 per page', `${origin}/jobs?page_size=25`, consolePage],
  [`floor, all ${jobs}`, `${origin}/__floor?all`, floorPage],
  [`console, all ${jobs}`, `${origin}/jobs?page_size=all`, consolePage],
  ...(beforeDist ? [
    ['console before, 25 per page', `${beforeOrigin}/jobs?page_size=25`, consolePage],
    [`console before, all ${jobs}`, `${beforeOrigin}/jobs?page_size=all`, consolePage],
  ] : []),
];
const results = Object.fromEntries(cases.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, url, setup] of cases) results[name].push(await measure(url, setup));
}
server.kill();
beforeServer?.kill();
await browser.close();

const rows = (name) => median(results[name].map((r) => r.rows));
console.log(`${jobs} jobs in the backend; median of ${runs} navigations each.\n`);
console.log('| page | navigation to first rows (ms) | ratio to its floor |');
console.log('| --- | ---: | ---: |');
for (const [name] of cases) {
  const floor = name.startsWith('console') ? rows(name.replace(/console( before)?/, 'floor')) : rows(name);
  console.log(`| ${name} | ${rows(name).toFixed(0)} | ${(rows(name) / floor).toFixed(2)}x |`);
}
console.log('\nThe console\'s phases (ms after navigation, median):\n');
console.log(`| page | ${PHASES.map((p) => p.replace('console:', '')).join(' | ')} | rows in the DOM |`);
console.log(`| --- | ${PHASES.map(() => '---:').join(' | ')} | ---: |`);
for (const [name] of cases.filter(([n]) => n.startsWith('console'))) {
  const cells = PHASES.map((p) => median(results[name].map((r) => r.marks[p])));
  cells.push(rows(name));
  console.log(`| ${name} | ${cells.map((c) => (Number.isNaN(c) ? '—' : c.toFixed(0))).join(' | ')} |`);
}
