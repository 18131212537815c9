// Jobs-list benchmark (not a test: it prints figures, it does not pass or fail).
//   node bench/jobs-list.mjs [1000,10000,50000]
// For each size it starts the development backend with that many generated jobs on a loopback port,
// opens the release build in headless Chromium with every job loaded at once (?page_size=all), and prints:
// navigation to first rows, applying a search filter, changing the sort, JS heap and wasm memory.
// Needs dist/ (trunk build --release --offline) and the backend (cargo build -p dev-backend --release).
import { launch, startBackend } from './common.mjs';

const sizes = (process.argv[2] ?? '1000,10000,50000').split(',').map(Number);
const browser = await launch();

/** Runs `act` in the page and resolves with the ms until `done()` holds in the DOM. */
async function timeUntil(page, act, done) {
  return page.evaluate(async ([actSrc, doneSrc]) => {
    const act = new Function(actSrc);
    const done = new Function(doneSrc);
    return new Promise((resolve) => {
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (done()) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      act();
    });
  }, [act, done]);
}

const results = [];
let port = 18300;
for (const size of sizes) {
  const server = await startBackend(size, ++port);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    sessionStorage.setItem('console.sdeToken', 'demo-admin-token');
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  await page.goto(`http://127.0.0.1:${port}/jobs?page_size=all`);
  await page.getByTestId('job-row').first().waitFor({ timeout: 120_000 });
  const firstRows = await page.evaluate(() => performance.now());
  const filter = await timeUntil(page,
    `const i = document.querySelector('#filter-search'); i.value = 'legacy'; i.dispatchEvent(new Event('input', { bubbles: true }));`,
    `return (document.querySelector('[data-testid=jobs-summary]')?.textContent ?? '').includes('match the search');`);
  const unfilter = await timeUntil(page,
    `const i = document.querySelector('#filter-search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }));`,
    `return !(document.querySelector('[data-testid=jobs-summary]')?.textContent ?? '').includes('match the search');`);
  const sort = await timeUntil(page,
    `document.querySelectorAll('th .sort-button')[1].click();`,
    `return !!document.querySelector('th[aria-sort=ascending]');`);
  const rendered = await page.getByTestId('job-row').count();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  results.push({ jobs: size, firstRowsMs: firstRows, filterMs: filter, clearFilterMs: unfilter, sortMs: sort,
    rowsInDom: rendered, jsHeapMB: heap / 2 ** 20, wasmMemoryMB: wasm / 2 ** 20 });
  await page.close();
  server.kill();
}
await browser.close();

const f = (n) => n.toFixed(1);
console.log('| jobs loaded | first rows (ms) | search filter (ms) | clear filter (ms) | sort (ms) | rows in DOM | JS heap (MB) | wasm memory (MB) |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.jobs} | ${f(r.firstRowsMs)} | ${f(r.filterMs)} | ${f(r.clearFilterMs)} | ${f(r.sortMs)} | ${r.rowsInDom} | ${f(r.jsHeapMB)} | ${f(r.wasmMemoryMB)} |`);
}
