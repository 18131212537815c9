// What the benchmarks share: the built console and backend, headless Chromium, and a backend per size.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const backend = ['../target/release/dev-backend', '../target/debug/dev-backend'].find(existsSync);
if (!backend || !existsSync('../dist/index.html')) {
  console.error('Build first: trunk build --release --offline && cargo build -p dev-backend --release');
  process.exit(2);
}
const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });

/** The development backend with `jobs` generated jobs on loopback `port`, up and answering. */
/** `jobDelayMs`: how long a started job runs; the generated running jobs end after 1, 2 and 3 times it.
 *  `dist`: the console build to serve (another build, to compare with: `BEFORE_DIST` in the benchmarks). */
export async function startBackend(jobs, port, jobDelayMs = 600_000, dist = '../dist') {
  const child = spawn(backend, ['--port', String(port), '--dist', dist, '--jobs', String(jobs),
    '--job-delay-ms', String(jobDelayMs), '--exit-after', '900'], { stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/__dev/health`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('backend did not start');
}
