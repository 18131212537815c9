// trunk post-build hook (Trunk.toml): makes dist/ ready for a strict Content-Security-Policy and for
// nginx's gzip_static/brotli_static. Runs on trunk's staging directory, before it becomes dist/.
//
// 1. trunk writes its loader as an inline <script type="module">; a CSP without 'unsafe-inline' blocks
//    it. It is moved to loader-<content hash>.js (cached like every hashed asset) with an integrity hash.
// 2. wasm-bindgen's JS (bindings and glue, 58 KB as written) is minified with terser from end2end's npm
//    packages: 1.8 KB less brotli on the first load. trunk's own minifier fails on it ("Failed to minify
//    JS") and leaves it as it is. Its preload's integrity hash is written anew.
// 3. Every asset gets .gz and .br siblings (best compression; nginx sends them as they are). config.json
//    is left alone: it is edited in place after deployment, and a stale .gz beside it would win.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const bindings = readdirSync(dir).filter((f) => /^integration-console-[0-9a-f]+\.js$/.test(f));
if (bindings.length !== 1) throw new Error(`expected one wasm-bindgen JS file, found ${bindings.length}`);
const end2end = join(dirname(fileURLToPath(import.meta.url)), '..', 'end2end');
const { minify } = createRequire(join(end2end, 'package.json'))('terser');
const jsPath = join(dir, bindings[0]);
const written = readFileSync(jsPath, 'utf8');
const { code: minified } = await minify(written, { module: true, compress: { passes: 2 }, mangle: true });
if (!minified || !minified.includes('initSync')) throw new Error('terser returned no usable code');
writeFileSync(jsPath, minified);
const preload = new RegExp(`(<link[^>]*href="[^"]*${bindings[0].replace('.', '\\.')}"[^>]*integrity=")[^"]+(")`);
if (!preload.test(html)) throw new Error(`no preload with an integrity hash for ${bindings[0]} in index.html`);
html = html.replace(preload, `$1sha384-${createHash('sha384').update(minified).digest('base64')}$2`);
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
console.log(`post-build: loader moved to ${name}; ${bindings[0]} minified (${written.length} -> ${minified.length} bytes); assets precompressed (gzip, brotli)`);
