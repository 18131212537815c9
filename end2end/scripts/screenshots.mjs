// Screenshots of the main pages against a running development backend, for a person to look at:
//   node scripts/screenshots.mjs [base-url] [out-dir]
// (scripts/run.sh starts a backend at http://127.0.0.1:8080.)
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? '../screenshots';
const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
  await page.goto(`${base}/jobs`);
  await page.getByTestId('error-panel').waitFor();
  await page.screenshot({ path: `${out}/no-token-${scheme}.png` });
  await page.goto(`${base}/settings`);
  await page.getByLabel('API token').first().fill('demo-admin-token');
  await page.getByLabel('API token').nth(1).fill('demo-admin-token');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.screenshot({ path: `${out}/settings-${scheme}.png`, fullPage: true });
  await page.goto(`${base}/jobs`);
  await page.getByTestId('job-row').first().waitFor();
  await page.screenshot({ path: `${out}/jobs-${scheme}.png` });
  await page.goto(`${base}/jobs?expand=users&page_size=all`);
  await page.locator('button.user-button').first().click();
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: `${out}/jobs-user-${scheme}.png` });
  await page.keyboard.press('Escape');
  await page.getByTestId('job-row').first().getByRole('link').click();
  await page.getByText('Parameters').first().waitFor();
  await page.screenshot({ path: `${out}/job-detail-${scheme}.png`, fullPage: true });
  await page.goto(`${base}/ldap/1000001`);
  await page.getByText('Attribute mapping').waitFor();
  await page.screenshot({ path: `${out}/ldap-detail-${scheme}.png`, fullPage: true });
  await page.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
