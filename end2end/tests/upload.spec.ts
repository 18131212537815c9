// Report upload as an admin does it: pick or drop a real scanner report, let the console recognize it,
// send it as multipart, and follow the import to its result; and every way it can fail keeps the form.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test, DevBackend, SettingsPage } from './console';

const SAMPLES = resolve(__dirname, '../../../shared/samples');
const sample = (name: string) => resolve(SAMPLES, name);
let dev: DevBackend;

test.beforeEach(async ({ page, request }) => {
  dev = new DevBackend(request);
  await dev.reset();
  await new SettingsPage(page).configure();
});

async function fillForm(page: Page, file: string, project = '7') {
  await page.goto('/upload');
  await page.getByLabel('Report file').setInputFiles(sample(file));
  await page.getByLabel('Project id').fill(project);
}

const uploads = async () => (await dev.requests()).filter((r) => r.path === '/api/v2/jobs/analysis-file/');

test('a real report goes up as multipart, byte for byte, and is followed to its result', async ({ page, request }) => {
  await fillForm(page, 'fortify-report-definition.xml');
  await expect(page.getByTestId('chosen-file')).toContainText('fortify-report-definition.xml · 73.2 KB');
  await expect(page.getByTestId('detected')).toHaveText('Recognised as Fortify: its root element is <ReportDefinition>. The scanner is set to Fortify; you can change it.');
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('fortify_file_upload');
  await page.getByRole('button', { name: 'Add an option' }).click();
  await page.getByLabel('Option name').fill('import_behaviour');
  await page.getByLabel('Option value').fill('replace-scanner');
  await page.getByRole('button', { name: 'Upload report' }).click();

  const result = page.getByTestId('upload-result');
  await expect(result).toContainText('File Upload Connection - Fortify');
  await expect(result).toContainText('Fortify Software Security Center');
  await expect(result).toContainText('fortify-report-definition.xml');
  await expect(page.getByTestId('upload-status')).toContainText('Running');
  await expect(page.getByTestId('upload-status')).toContainText('Succeeded', { timeout: 15_000 });

  const received = await (await request.get('/__dev/last-upload')).json();
  expect(received.content_type).toMatch(/^multipart\/form-data; boundary=/);
  expect(received.field_names).toEqual(['report_file', 'system', 'project', 'params']);
  expect(received.fields).toEqual({ system: 'fortify_file_upload', project: '7', params: '{"import_behaviour":"replace-scanner"}' });
  expect(received.file_name).toBe('fortify-report-definition.xml');
  const bytes = await (await request.get('/__dev/last-upload/file')).body();
  expect(bytes.equals(readFileSync(sample('fortify-report-definition.xml')))).toBeTruthy();
  expect((await uploads())[0].auth_scheme).toBe('Token');

  await result.getByRole('link', { name: "Open the job's page" }).click();
  await expect(page).toHaveURL(/\/jobs\/analysis\/\d+$/);
  await expect(page.getByTestId('job-status')).toContainText('Succeeded');
});

test('an import that fails says so with its message', async ({ page, request }) => {
  await request.post('/__dev/outcomes', { data: { succeeded: false, result_message: 'No findings could be read from the FPR' } });
  await fillForm(page, 'fortify-hello-world.fpr');
  await expect(page.getByTestId('detected')).toContainText('Fortify FPR archive');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.getByTestId('upload-status')).toContainText('Failed', { timeout: 15_000 });
  await expect(page.getByTestId('upload-message')).toHaveText('No findings could be read from the FPR');
  const bytes = await (await request.get('/__dev/last-upload/file')).body();
  expect(bytes.equals(readFileSync(sample('fortify-hello-world.fpr'))), 'binary bytes arrive intact').toBeTruthy();
});

async function expectFormKept(page: Page, file: string, project: string) {
  await expect(page.getByTestId('chosen-file')).toContainText(file);
  await expect(page.getByLabel('Project id')).toHaveValue(project);
  await expect(page.getByRole('button', { name: 'Upload report' })).toBeEnabled();
}

test('a 413 from the proxy keeps the form filled and offers to retry', async ({ page }) => {
  await dev.fault({ path: '/api/v2/jobs/analysis-file/', status: 413, html: true, times: 1 });
  await fillForm(page, 'zap-report.xml', '12');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.getByTestId('error-panel')).toContainText('The file is larger than the server accepts.');
  await expectFormKept(page, 'zap-report.xml', '12');
  await page.getByTestId('error-panel').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('upload-result')).toContainText('File Upload Connection - ZAP');
});

test('a 400 is shown beside its field and keeps the form', async ({ page }) => {
  await fillForm(page, 'checkmarx-report.xml', '3');
  await page.getByLabel('Scanner (system)').selectOption('other');
  await page.getByLabel('System id').fill('nessus');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.locator('#upload-system-error')).toContainText("Unknown system 'nessus'");
  await expect(page.getByLabel('Scanner (system)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-panel')).toContainText('rejected the request');
  await expectFormKept(page, 'checkmarx-report.xml', '3');
  await expect(page.getByLabel('System id')).toHaveValue('nessus');
});

test('cancel stops the upload and keeps the form', async ({ page }) => {
  await dev.fault({ path: '/api/v2/jobs/analysis-file/', latency_ms: 10_000, times: 1 });
  await fillForm(page, 'veracode-report.xml', '5');
  await page.getByRole('button', { name: 'Upload report' }).click();
  const sending = page.getByTestId('sending');
  await expect(sending).toContainText('veracode-report.xml');
  await expect(page.getByRole('button', { name: 'Uploading…' })).toBeDisabled();
  await sending.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('error-panel')).toContainText('The request was cancelled.');
  await expect(sending).toHaveCount(0);
  await expectFormKept(page, 'veracode-report.xml', '5');
});

test('dropping a file chooses it, and a second drop replaces it', async ({ page }) => {
  await page.goto('/upload');
  const drop = async (name: string) => {
    const text = readFileSync(sample(name), 'utf8');
    const transfer = await page.evaluateHandle(([text, name]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/xml' }));
      return dt;
    }, [text, name]);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
  };
  await drop('zap-report.xml');
  await expect(page.getByTestId('chosen-file')).toContainText('zap-report.xml');
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('zap_file_upload');
  await drop('burp-report.xml');
  await expect(page.getByTestId('chosen-file')).toContainText('burp-report.xml');
  await expect(page.getByLabel('Scanner (system)')).toHaveValue('burp_file_upload');
  await page.getByLabel('Project id').fill('2');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.getByTestId('upload-result')).toContainText('burp-report.xml');
});

test('missing fields and a file over the limit are refused before any request', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { sdeBaseUrl: '', accessBaseUrl: '', maxUploadMb: 1 } }));
  await page.goto('/upload');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.locator('#report-file-error')).toHaveText('Choose a report file, or drop one here.');
  await expect(page.locator('#upload-system-error')).toHaveText('Choose the scanner that produced the report.');
  await expect(page.locator('#upload-project-error')).toHaveText('Enter the SD Elements project id.');
  await page.getByLabel('Report file').setInputFiles({ name: 'big.xml', mimeType: 'text/xml', buffer: Buffer.alloc(2 * 1024 * 1024, 'a') });
  await page.getByLabel('Scanner (system)').selectOption('zap_file_upload');
  await page.getByLabel('Project id').fill('4');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.locator('#report-file-error')).toContainText('This file is 2 MB, over the 1 MB limit');
  expect(await uploads(), 'nothing was sent').toHaveLength(0);
});

test('leaving a chosen report unsent asks first; a sent one does not', async ({ page }) => {
  await fillForm(page, 'zap-report.xml', '7');
  page.once('dialog', (d) => { throw new Error(`a native ${d.type()} dialog for an in-app link`); });
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  // Losing the form is the destructive answer: focus starts on staying.
  await expect(ask.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ask).toHaveCount(0);
  await expect(page).toHaveURL(/\/upload$/);
  await expectFormKept(page, 'zap-report.xml', '7');
  page.removeAllListeners('dialog');

  await page.getByRole('button', { name: 'Upload report' }).click();
  await expect(page.getByTestId('upload-result')).toContainText('zap-report.xml');
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  await expect(ask, 'a sent report is not an unsaved edit').toHaveCount(0);
  await expect(page).toHaveURL(/\/jobs$/);
});
