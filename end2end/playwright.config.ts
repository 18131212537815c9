import { defineConfig } from '@playwright/test';

// The development backend serves the release build from ../dist and both APIs on one loopback port.
// It stops by itself (--exit-after) even if this run is killed.
const PORT = Number(process.env.E2E_PORT ?? 18181);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

// Debian's nginx with deploy/nginx (end2end/nginx/serve.mjs): the console at / and under /console/, and
// the APIs with their backends out of reach (tests-nginx/ computes that port the same way).
const NGINX_ROOT = PORT + 100;
const NGINX_SUB = PORT + 101;
const NGINX_DOWN = PORT + 102;

export default defineConfig({
  fullyParallel: false,
  workers: 1, // one backend, reset before each test
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'flows', testDir: './tests' },
    { name: 'nginx-root', testDir: './tests-nginx', use: { baseURL: `http://127.0.0.1:${NGINX_ROOT}/` } },
    { name: 'nginx-subpath', testDir: './tests-nginx', use: { baseURL: `http://127.0.0.1:${NGINX_SUB}/console/` } },
  ],
  webServer: [
    {
      command: `../target/debug/dev-backend --port ${PORT} --dist ../dist --job-delay-ms 1500 --exit-after 3600 ` +
        // The production security headers. The other origins flows talk to are allowed, as a deployment
        // whose config.json names backends directly would list them: the same backend by another name, and
        // port 9, where nothing listens (a server that is down).
        `--security-headers ../deploy/nginx/snippets/console-headers.conf --csp-backends "http://localhost:${PORT} http://127.0.0.1:9"`,
      url: `${BASE_URL}/__dev/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node nginx/serve.mjs --root-port ${NGINX_ROOT} --sub-port ${NGINX_SUB} --down-port ${NGINX_DOWN} --backend 127.0.0.1:${PORT} --exit-after 3600`,
      url: `http://127.0.0.1:${NGINX_SUB}/console/config.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
