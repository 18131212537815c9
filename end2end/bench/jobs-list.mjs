// Jobs-list benchmark (not a test: it prints figures, it does not pass or fail).
//   node bench/jobs-list.mjs [1000,10000,50000]
// For each size it starts the development backend with that many generated jobs on a loopback port,
// opens the release build in headless Chromium with every job loaded at once (?page_size=all), and prints:
// - navigation to first rows, applying a search filter, clearing it, changing the sort;
// - the longest task (the browser's "long task" entries, over 50 ms) during each of those after the first
//   rows, and during a live update: a running job on screen ending, seen by the console's poll;
// - JS heap and wasm memory once loaded, beside the size of the list's answer; and the wasm memory of
//   the same list with users expanded, beside that answer's size.
// With BEFORE_DIST=<another build's dist/> each size is measured with that build too ("before" rows), in
// the same run.
// Needs dist/ (trunk build --release --offline) and the backend (cargo build -p dev-backend --release).
import { launch, startBackend } from './common.mjs';

const sizes = (process.argv[2] ?? '1000,10000,50000').split(',').map(Number);
// The generated running jobs end this long after the backend starts (and twice, three times as long).
const JOB_DELAY_MS = 12_000;
const browser = await launch();

/** Runs `act` in the page and resolves with the ms until `done()` holds in the DOM, and the page time then. */
async function timeUntil(page, act, done) {
  return page.evaluate(async ([actSrc, doneSrc]) => {
    const act = new Function(actSrc);
    const done = new Function(doneSrc);
    return new Promise((resolve) => {
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (done()) {
          observer.disconnect();
          resolve([performance.now() - start, start]);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      act();
    });
  }, [act, done]);
}

/** The longest long task that started at or after `since` (page time), once the browser has reported it. */
async function longestSince(page, since) {
  await page.waitForTimeout(400);
  return page.evaluate((since) => Math.max(0, ...window.__longTasks.filter((t) => t.start >= since).map((t) => t.duration)), since);
}

async function answerBytes(port, expand) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v2/jobs/${expand ? '?expand=user,triggered_by' : ''}`,
    { headers: { Authorization: 'Token demo-admin-token' } });
  return (await res.arrayBuffer()).byteLength;
}

const builds = [['now', '../dist'], ...(process.env.BEFORE_DIST ? [['before', process.env.BEFORE_DIST]] : [])];
const results = [];
let port = 18300;
for (const size of sizes) for (const [build, dist] of builds) {
  const server = await startBackend(size, ++port, JOB_DELAY_MS, dist);
  const started = Date.now();
  const answerMB = (await answerBytes(port, false)) / 2 ** 20;
  const expandedMB = (await answerBytes(port, true)) / 2 ** 20;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    sessionStorage.setItem('console.sdeToken', 'demo-admin-token');
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  await page.goto(`http://127.0.0.1:${port}/jobs?page_size=all`);
  await page.getByTestId('job-row').first().waitFor({ timeout: 120_000 });
  const firstRows = await page.evaluate(() => performance.now());
  const [filter, filterAt] = await timeUntil(page,
    `const i = document.querySelector('#filter-search'); i.value = 'legacy'; i.dispatchEvent(new Event('input', { bubbles: true }));`,
    `return (document.querySelector('[data-testid=jobs-summary]')?.textContent ?? '').includes('match the search');`);
  const filterTask = await longestSince(page, filterAt);
  const [unfilter, unfilterAt] = await timeUntil(page,
    `const i = document.querySelector('#filter-search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }));`,
    `return !(document.querySelector('[data-testid=jobs-summary]')?.textContent ?? '').includes('match the search');`);
  const unfilterTask = await longestSince(page, unfilterAt);
  // Newest first, where the running jobs are: wait for the first of them to end.
  const liveAt = await page.evaluate(() => performance.now());
  const running = () => page.getByTestId('job-row').filter({ hasText: 'Running' }).count();
  const before = await running();
  const deadline = started + 3 * JOB_DELAY_MS + 15_000;
  while ((await running()) >= before && before > 0 && Date.now() < deadline) await page.waitForTimeout(250);
  const liveSeen = before > 0 && (await running()) < before;
  const liveTask = await longestSince(page, liveAt);
  const [sort, sortAt] = await timeUntil(page,
    `document.querySelectorAll('th .sort-button')[1].click();`,
    `return !!document.querySelector('th[aria-sort=ascending]');`);
  const sortTask = await longestSince(page, sortAt);
  const rendered = await page.getByTestId('job-row').count();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  // The same list with users expanded: a larger answer, the same people on thousands of jobs.
  const expanded = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await expanded.addInitScript(() => {
    sessionStorage.setItem('console.sdeToken', 'demo-admin-token');
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  await expanded.goto(`http://127.0.0.1:${port}/jobs?page_size=all&expand=users`);
  await expanded.getByTestId('job-row').first().waitFor({ timeout: 180_000 });
  const wasmExpanded = await expanded.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  await expanded.close();
  results.push({ build, jobs: size, wasmExpandedMB: wasmExpanded / 2 ** 20, firstRowsMs: firstRows, filterMs: filter, clearFilterMs: unfilter, sortMs: sort,
    filterTask, unfilterTask, sortTask, liveTask: liveSeen ? liveTask : NaN,
    rowsInDom: rendered, jsHeapMB: heap / 2 ** 20, wasmMemoryMB: wasm / 2 ** 20, answerMB, expandedMB });
  await page.close();
  server.kill();
}
await browser.close();

const f = (n) => (Number.isNaN(n) ? '—' : n.toFixed(1));
console.log('| build | jobs loaded | first rows (ms) | search filter (ms) | clear filter (ms) | sort (ms) | rows in DOM |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.build} | ${r.jobs} | ${f(r.firstRowsMs)} | ${f(r.filterMs)} | ${f(r.clearFilterMs)} | ${f(r.sortMs)} | ${r.rowsInDom} |`);
}
console.log('\nLongest task after the first rows (ms; 0: none over 50 ms):\n');
console.log('| build | jobs loaded | search filter | clear filter | sort | live update (a running job ends) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.build} | ${r.jobs} | ${f(r.filterTask)} | ${f(r.unfilterTask)} | ${f(r.sortTask)} | ${f(r.liveTask)} |`);
}
console.log('\nMemory once loaded, beside the answer:\n');
console.log('| build | jobs loaded | answer (MB) | wasm memory (MB) | JS heap (MB) | answer with users expanded (MB) | wasm memory, users expanded (MB) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.build} | ${r.jobs} | ${f(r.answerMB)} | ${f(r.wasmMemoryMB)} | ${f(r.jsHeapMB)} | ${f(r.expandedMB)} | ${f(r.wasmExpandedMB)} |`);
}
