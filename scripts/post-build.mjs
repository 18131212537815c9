// trunk post-build hook (Trunk.toml): makes dist/ ready for a strict Content-Security-Policy and for
// nginx's gzip_static/brotli_static. Runs on trunk's staging directory, before it becomes dist/.
//
// 1. trunk writes its loader as an inline <script type="module">; a CSP without 'unsafe-inline' blocks
//    it. It is moved to loader-<content hash>.js (cached like every hashed asset) with an integrity hash.
// 2. Every asset gets .gz and .br siblings (best compression; nginx sends them as they are). config.json
//    is left alone: it is edited in place after deployment, and a stale .gz beside it would win.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: TRUNK_STAGING_DIR=dist node scripts/post-build.mjs (or pass the directory)');
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const loaders = [...html.matchAll(inline)];
if (loaders.length !== 1) throw new Error(`expected one inline module script in index.html, found ${loaders.length}`);
const code = loaders[0][1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `loader-${hash}.js`;
writeFileSync(join(dir, name), code);
const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
const base = publicUrl.endsWith('/') ? publicUrl : publicUrl + '/';
html = html.replace(loaders[0][0], `<script type="module" src="${base}${name}" integrity="${integrity}" crossorigin="anonymous"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('index.html still has an inline script');
if (/\sstyle=/.test(html)) throw new Error('index.html has an inline style attribute');
writeFileSync(indexPath, html);

for (const file of readdirSync(dir)) {
  const path = join(dir, file);
  if (!/\.(wasm|js|css|html|svg)$/.test(file) || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  writeFileSync(path + '.gz', gzipSync(bytes, { level: 9 }));
  writeFileSync(path + '.br', brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
}
console.log(`post-build: loader moved to ${name}; assets precompressed (gzip, brotli)`);
