import { launch, startBackend } from './common.mjs';
import fs from 'node:fs';
const browser = await launch();
const server = await startBackend(10000, 18600);
const url = process.argv[2] ?? 'http://127.0.0.1:18600/jobs?page_size=25';
// warm once
for (let i = 0; i < 3; i++) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => sessionStorage.setItem('console.sdeToken', 'demo-admin-token'));
  if (i == 2) await browser.startTracing(page, { path: '/tmp/tr/trace.json', categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'disabled-by-default-devtools.timeline', 'blink', 'netlog', 'v8'] });
  await page.goto(url);
  await page.waitForSelector('[data-testid=job-row]');
  await page.waitForTimeout(300);
  if (i == 2) await browser.stopTracing();
  const m = await page.evaluate(() => performance.getEntriesByType('mark').map(e => [e.name, Math.round(e.startTime)]).concat(performance.getEntriesByType('resource').map(e => [e.name.replace(/.*\//,''), Math.round(e.startTime), Math.round(e.responseEnd)])));
  if (i == 2) console.log(JSON.stringify(m));
  await page.close();
}
server.kill(); await browser.close();
