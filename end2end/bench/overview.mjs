// Overview benchmark (not a test: it prints figures, it does not pass or fail).
//   node bench/overview.mjs [1000,10000,50000] [runs]
// For each size it starts the development backend with that many generated jobs on a loopback port and
// opens, in headless Chromium, (1) the console's overview at `/` (release build) and (2) the floor: a
// hand-written page on the same origin, no framework, that fetches the same jobs with the same token and
// draws the same things with plain DOM calls (a row per connection with its last 20 runs as links, runs
// per day for 30 days as SVG bars). It prints, per size, the median over the runs of: navigation to the
// first connection row, navigation to the chart drawn, and, for the console, JS heap and wasm memory.
// Needs dist/ (trunk build --release --offline) and the backend (cargo build -p dev-backend [--release]).
import { launch, startBackend } from './common.mjs';

const sizes = (process.argv[2] ?? '1000,10000,50000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 5);
const browser = await launch();

// The floor: what any page must do to show the same thing. Same request, same grouping and counting.
const FLOOR = `<!doctype html><meta charset="utf-8"><title>floor</title><body><table><tbody id="rows"></tbody></table>
<svg id="chart" viewBox="0 0 760 196"></svg><script>
(async () => {
  const res = await fetch('/api/v2/jobs/', { headers: { Authorization: 'Token demo-admin-token' } });
  const jobs = (await res.json()).results;
  const groups = new Map();
  for (const j of jobs) {
    const key = j.connection.id + '|' + j.connection.system;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(j);
  }
  const when = (j) => (j.last_run ? Date.parse(j.last_run) : (j.ready ? -Infinity : Infinity));
  const health = [...groups.values()].map((runs) => {
    runs.sort((a, b) => when(a) - when(b) || a.id - b.id);
    const marks = runs.slice(-20);
    const done = marks.filter((m) => m.ready);
    const failing = done.length > 0 && !done[done.length - 1].succeeded;
    return { runs, marks, failing, last: when(runs[runs.length - 1]) };
  });
  health.sort((a, b) => (b.failing - a.failing) || (b.last - a.last));
  const body = document.getElementById('rows');
  for (const h of health) {
    const tr = document.createElement('tr');
    tr.className = 'health-row';
    const name = document.createElement('th');
    name.textContent = h.runs[0].connection.alias;
    tr.appendChild(name);
    const strip = document.createElement('td');
    for (const m of h.marks) {
      const a = document.createElement('a');
      a.href = '/jobs/all/' + m.id;
      a.className = 'mark ' + (!m.ready ? 'running' : m.succeeded ? 'succeeded' : 'failed');
      a.setAttribute('aria-label', 'Job ' + m.id + ': ' + (m.result_message || ''));
      strip.appendChild(a);
    }
    tr.appendChild(strip);
    const rate = document.createElement('td');
    const fin = h.marks.filter((m) => m.ready);
    rate.textContent = fin.length ? Math.round(100 * fin.filter((m) => m.succeeded).length / fin.length) + '%' : '—';
    tr.appendChild(rate);
    body.appendChild(tr);
  }
  const day = 86400000, today = Math.floor(Date.now() / day), counts = Array.from({ length: 30 }, () => [0, 0, 0]);
  for (const j of jobs) {
    if (!j.last_run) continue;
    const i = Math.floor(Date.parse(j.last_run) / day) - today + 29;
    if (i >= 0 && i < 30) counts[i][!j.ready ? 2 : j.succeeded ? 0 : 1] += 1;
  }
  const top = Math.max(1, ...counts.map((c) => c[0] + c[1] + c[2]));
  const svg = document.getElementById('chart');
  counts.forEach((c, i) => {
    let below = 0;
    for (const n of c) {
      if (!n) continue;
      const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      r.setAttribute('class', 'bar');
      r.setAttribute('x', 40 + i * 24); r.setAttribute('width', 17);
      r.setAttribute('y', 170 - (below + n) * 160 / top); r.setAttribute('height', n * 160 / top);
      below += n;
      svg.appendChild(r);
    }
  });
})();
</script>`;

// Records, in the page, when the first connection row and the first chart bar appear (ms after navigation).
const WATCH = () => {
  window.__seen = {};
  const observer = new MutationObserver(() => {
    if (!window.__seen.rows && document.querySelector('[data-testid=health-row], .health-row')) window.__seen.rows = performance.now();
    if (!window.__seen.chart && document.querySelector('rect.bar')) window.__seen.chart = performance.now();
    if (window.__seen.rows && window.__seen.chart) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true });
};

async function measure(url, setup) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(WATCH);
  await setup(page);
  await page.goto(url);
  await page.waitForFunction(() => window.__seen?.rows && window.__seen?.chart, null, { timeout: 180_000 });
  const seen = await page.evaluate(() => window.__seen);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  await page.close();
  return { rows: seen.rows, chart: seen.chart, heapMB: heap / 2 ** 20, wasmMB: wasm / 2 ** 20 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
let port = 18400;
for (const size of sizes) {
  const server = await startBackend(size, ++port);
  const origin = `http://127.0.0.1:${port}`;
  const floor = [];
  const consoleRuns = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await measure(`${origin}/__floor`, (page) => page.route(`${origin}/__floor`,
      (route) => route.fulfill({ contentType: 'text/html', body: FLOOR }))));
    consoleRuns.push(await measure(`${origin}/`, (page) => page.addInitScript(() => {
      sessionStorage.setItem('console.sdeToken', 'demo-admin-token');
      addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    })));
  }
  const pick = (list, key) => median(list.map((r) => r[key]));
  results.push({
    jobs: size,
    floorRows: pick(floor, 'rows'), floorChart: pick(floor, 'chart'),
    rows: pick(consoleRuns, 'rows'), chart: pick(consoleRuns, 'chart'),
    heapMB: pick(consoleRuns, 'heapMB'), wasmMB: pick(consoleRuns, 'wasmMB'), floorHeapMB: pick(floor, 'heapMB'),
  });
  server.kill();
}
await browser.close();

const f = (n) => n.toFixed(0);
console.log(`Median of ${runs} navigations each.`);
console.log('| jobs | floor: rows (ms) | console: rows (ms) | ratio | floor: chart (ms) | console: chart (ms) | ratio | console JS heap (MB) | console wasm memory (MB) | floor JS heap (MB) |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.jobs} | ${f(r.floorRows)} | ${f(r.rows)} | ${(r.rows / r.floorRows).toFixed(2)}x | ${f(r.floorChart)} | ${f(r.chart)} | ${(r.chart / r.floorChart).toFixed(2)}x | ${r.heapMB.toFixed(1)} | ${r.wasmMB.toFixed(1)} | ${r.floorHeapMB.toFixed(1)} |`);
}
