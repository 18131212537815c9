import { launch, startBackend } from './common.mjs';
const browser = await launch();
const server = await startBackend(10000, 18600);
const url = process.argv[2] ?? 'http://127.0.0.1:18600/jobs?page_size=25';
for (let i = 0; i < 4; i++) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => sessionStorage.setItem('console.sdeToken', 'demo-admin-token'));
  await page.goto(url);
  await page.waitForSelector('[data-testid=job-row]');
  await page.waitForTimeout(300);
  const m = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const out = [`nav req ${n.requestStart|0} resp ${n.responseStart|0} end ${n.responseEnd|0} domInteractive ${n.domInteractive|0} dcl ${n.domContentLoadedEventStart|0}`];
    for (const e of performance.getEntriesByType('resource')) out.push(`${e.name.replace(/.*\//,'').slice(0,30).padEnd(30)} start ${e.startTime|0} req ${e.requestStart|0} resp ${e.responseStart|0} end ${e.responseEnd|0}`);
    for (const e of performance.getEntriesByType('mark')) out.push(`${e.name} ${e.startTime|0}`);
    return out.join('\n');
  });
  if (i >= 2) console.log(m + '\n');
  await page.close();
}
server.kill(); await browser.close();
