// Runs Debian's nginx with the repository's deploy/nginx snippets, unchanged, in front of the
// development backend: the console at / (dist/) on one port and under /console/ (dist-console/, built
// with trunk's --public-url /console/) on another. A third port has the same API locations with their
// backends out of reach (nginx speaks TLS to the backend's plain-HTTP port), so every API answer there is
// nginx's own 502. Each port drops requests for other host names, as console.conf's catch-all does.
// Playwright starts it (playwright.config.ts); it listens on 127.0.0.1 only and stops by itself after
// --exit-after seconds.
//   node nginx/serve.mjs --root-port 18280 --sub-port 18281 --down-port 18282 --backend 127.0.0.1:18181 --exit-after 3600
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rootPort = Number(args['root-port'] ?? 18280);
const subPort = Number(args['sub-port'] ?? 18281);
const downPort = Number(args['down-port'] ?? 18282);
const backend = args.backend ?? '127.0.0.1:18181';
const exitAfter = Number(args['exit-after'] ?? 3600);
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
if (!nginx) throw new Error('nginx is not installed (scripts/setup.sh installs Debian\'s nginx)');
for (const dist of ['dist', 'dist-console']) {
  if (!existsSync(join(repo, dist, 'index.html'))) throw new Error(`${dist}/ is not built (scripts/test.sh builds it)`);
}

// Directories of earlier runs whose nginx is gone (a run killed outright cannot clean up after itself).
for (const old of readdirSync(tmpdir()).filter((d) => d.startsWith('console-nginx-'))) {
  const pidFile = join(tmpdir(), old, 'nginx.pid');
  let alive = false;
  try { process.kill(Number(readFileSync(pidFile, 'utf8')), 0); alive = true; } catch { /* gone */ }
  if (!alive) rmSync(join(tmpdir(), old), { recursive: true, force: true });
}
const dir = mkdtempSync(join(tmpdir(), 'console-nginx-'));
// nginx's workers drop root (user nobody): they must be able to read through this directory.
chmodSync(dir, 0o755);
// The snippets include each other as snippets/...: relative to this configuration's directory.
symlinkSync(join(repo, 'deploy/nginx/snippets'), join(dir, 'snippets'));
// The builds are copied: nginx's workers (user nobody when started as root) may not be allowed to read the
// checkout, wherever it is.
cpSync(join(repo, 'dist'), join(dir, 'root'), { recursive: true });
cpSync(join(repo, 'dist-console'), join(dir, 'www/console'), { recursive: true });
chmodSync(join(dir, 'www'), 0o755);
const brotli = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
// As console.conf's server block, over plain HTTP.
const server = (port, scheme = 'http') => `
    listen 127.0.0.1:${port};
    server_name localhost 127.0.0.1;
    include snippets/console-server.conf;
    set $console_backends "";
    set $console_upstream_scheme ${scheme};
    set $console_sde_host ${backend};
    set $console_access_host ${backend};
    include snippets/console-api.conf;`;
writeFileSync(join(dir, 'nginx.conf'), `
${existsSync(brotli) ? `load_module ${brotli};` : '# brotli_static module not installed: gzip only'}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream sde_api { server ${backend}; keepalive 4; }
  upstream access_api { server ${backend}; keepalive 4; }
  # As console.conf's catch-all: other host names, or none, get no answer.
  server {
    listen 127.0.0.1:${rootPort} default_server;
    listen 127.0.0.1:${subPort} default_server;
    listen 127.0.0.1:${downPort} default_server;
    server_name _;
    server_tokens off;
    return 444;
  }

  server {${server(rootPort)}
    root ${join(dir, 'root')};
    location / {
      set $console_index /index.html;
      include snippets/console-static.conf;
    }
  }

  server {${server(subPort)}
    root ${join(dir, 'www')};
    location = /console { return 301 /console/; }
    location /console/ {
      set $console_index /console/index.html;
      include snippets/console-static.conf;
    }
  }

  server {${server(downPort, 'https')}
  }
}
`);
const child = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { stdio: 'inherit' });
const stop = () => { child.kill('SIGQUIT'); };
const timer = setTimeout(stop, exitAfter * 1000);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
child.on('exit', (code) => {
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
console.log(`nginx: console at http://127.0.0.1:${rootPort}/ and http://127.0.0.1:${subPort}/console/, backends down at http://127.0.0.1:${downPort}/api/ (config in ${dir})`);
