// trunk post-build hook (Trunk.toml): makes dist/ ready for a strict Content-Security-Policy and for
// nginx's gzip_static/brotli_static. Runs on trunk's staging directory, before it becomes dist/.
//
// 1. trunk writes its loader as an inline <script type="module">; a CSP without 'unsafe-inline' blocks
//    it. It is moved to loader-<content hash>.js (cached like every hashed asset) with an integrity hash.
// 2. wasm-bindgen's JS (bindings and glue, 58 KB as written) is minified with terser from end2end's npm
//    packages: 1.8 KB less brotli on the first load. trunk's own minifier fails on it ("Failed to minify
//    JS") and leaves it as it is. The stylesheet loses its comments and indentation. Their links' integrity
//    hashes are written anew.
//    Before that, the pages split off the first load (src/lazy.rs): scripts/split/wasm-bindgen left their
//    chunks and loader in trunk's wasm-bindgen directory; they are copied in under content-hashed names.
// 3. Every asset gets .gz and .br siblings (best compression; nginx sends them as they are). config.json
//    is left alone: it is edited in place after deployment, and a stale .gz beside it would win.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { renameImports, shortNames } from './wasm-imports.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: TRUNK_STAGING_DIR=dist node scripts/post-build.mjs (or pass the directory)');
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const loaders = [...html.matchAll(inline)];
if (loaders.length !== 1) throw new Error(`expected one inline module script in index.html, found ${loaders.length}`);
// The first of the console's `performance.mark`s (the others are in the wasm: src/perf.rs).
const code = "performance.mark('console:script-start');\n" + loaders[0][1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `loader-${hash}.js`;
writeFileSync(join(dir, name), code);
const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
const base = publicUrl.endsWith('/') ? publicUrl : publicUrl + '/';
html = html.replace(loaders[0][0], `<script type="module" src="${base}${name}" integrity="${integrity}" crossorigin="anonymous"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('index.html still has an inline script');
if (/\sstyle=/.test(html)) throw new Error('index.html has an inline style attribute');

/** Writes `content` over the asset `file` and gives its <link> in index.html the matching integrity hash. */
const rewrite = (file, content) => {
  writeFileSync(join(dir, file), content);
  const link = new RegExp(`(<link[^>]*href="[^"]*${file.replace('.', '\\.')}"[^>]*integrity=")[^"]+(")`);
  if (!link.test(html)) throw new Error(`no link with an integrity hash for ${file} in index.html`);
  html = html.replace(link, `$1sha384-${createHash('sha384').update(content).digest('base64')}$2`);
};
const only = (pattern, what) => {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0];
};

const bindings = only(/^integration-console-[0-9a-f]+\.js$/, 'wasm-bindgen JS file');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { minify } = createRequire(join(root, 'end2end', 'package.json'))('terser');
const terse = async (code) => (await minify(code, { module: true, compress: { passes: 2 }, mangle: true })).code;
const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
let written = readFileSync(join(dir, bindings), 'utf8');

if (written.includes('__wasm_split_placeholder__')) {
  throw new Error('the wasm module has split points (src/lazy.rs) but was not split: put scripts/split first on PATH, '
    + 'as scripts/run.sh and scripts/test.sh do');
}
// Pages split off the first load (src/lazy.rs, scripts/split/wasm-bindgen): their chunks and the loader
// the bindings import as `./__wasm_split.js`, each under a content-hashed name (a stale chunk beside a new
// main module would break the console, and nginx caches hashed names for a year).
if (written.includes('from "./__wasm_split.js"')) {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const split = join(target, 'wasm-bindgen', process.env.TRUNK_PROFILE ?? 'release', 'wasm-split');
  let linker = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm')).sort();
  // One hash for the whole set, in every chunk's name: the loader names each chunk, and 70 different
  // hashes were 0.5 KB of the first load that brotli cannot shrink. Little cache is lost: a chunk links
  // against the main module's table, so nearly any change to the console changes most chunks anyway.
  const setHash = createHash('sha256');
  for (const chunk of chunks) setHash.update(chunk).update(readFileSync(join(split, chunk)));
  const hash = setHash.digest('hex').slice(0, 16);
  for (const chunk of chunks) {
    const bytes = readFileSync(join(split, chunk));
    const hashed = chunk.replace(/\.wasm$/, `-${hash}.wasm`);
    if (!linker.includes(`"./${chunk}"`)) throw new Error(`__wasm_split.js does not load ${chunk}`);
    linker = linker.replaceAll(`"./${chunk}"`, `"./${hashed}"`);
    writeFileSync(join(dir, hashed), bytes);
  }
  // Each chunk's fetcher, written out in full per chunk, becomes one helper called with its name.
  const fetcher = /\(\) => \{\s*const src = fetch\(new URL\(("\.\/[^"]+\.wasm"), import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*,/g;
  const fetchers = [...linker.matchAll(fetcher)].length;
  if (fetchers !== chunks.length) throw new Error(`__wasm_split.js: ${fetchers} chunk fetchers in the expected form, ${chunks.length} chunks`);
  linker = linker.replace(fetcher, 'fetcher($1),') + `
function fetcher(name) {
    return () => {
        const src = fetch(new URL(name, import.meta.url));
        src.catch(() => {});
        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
    };
}
`;
  const main = /import \{ initSync \} from "\.\/[^"]+\.js";/;
  if (!main.test(linker)) throw new Error('__wasm_split.js does not import initSync from the bindings');
  linker = await terse(linker.replace(main, `import { initSync } from "./${bindings}";`));
  const linkerName = `wasm-split-${contentHash(linker)}.js`;
  writeFileSync(join(dir, linkerName), linker);
  // Only where the bindings import it: the wasm module still names it `./__wasm_split.js` in its imports.
  written = written.replaceAll(/from "\.\/__wasm_split\.js"/g, `from "./${linkerName}"`);
  // The bindings import it: fetched with them, not one request after.
  const preload = /<link rel="modulepreload" href="([^"]*)integration-console-[0-9a-f]+\.js"[^>]*>/;
  const found = html.match(preload);
  if (!found) throw new Error('no modulepreload link for the bindings in index.html');
  const integrity = 'sha384-' + createHash('sha384').update(linker).digest('base64');
  html = html.replace(found[0], `${found[0]}<link rel="modulepreload" href="${found[1]}${linkerName}" integrity="${integrity}" crossorigin="anonymous">`);
  console.log(`post-build: ${chunks.length} split chunks and their loader ${linkerName}`);
}
let minified = await terse(written);
if (!minified || !minified.includes('initSync')) throw new Error('terser returned no usable code');
// The imports wasm-bindgen generates, named after what they call plus a hash no compressor can shrink
// (`__wbg_set_search_79a1604a24707ef7`), renamed short in the wasm module and in the bindings' import object
// alike (scripts/wasm-imports.mjs).
const wasmFile = only(/^integration-console-[0-9a-f]+_bg\.wasm$/, 'wasm module');
const short = shortNames();
const renamed = new Map();
const wasmBytes = renameImports(readFileSync(join(dir, wasmFile)), (module, name) => {
  if (module !== './integration-console_bg.js') return null;
  const to = short.next().value;
  renamed.set(name, to);
  return to;
});
if (renamed.size < 50) throw new Error(`only ${renamed.size} wasm-bindgen imports found to rename`);
for (const [name, to] of renamed) {
  const key = new RegExp(`(?<![\\w$])${name}(?=:)`, 'g');
  const found = minified.match(key)?.length ?? 0;
  if (found !== 1 || minified.split(name).length !== 2) {
    throw new Error(`the bindings name the import ${name} ${minified.split(name).length - 1} times, not once as a key`);
  }
  minified = minified.replace(key, to);
}
rewrite(wasmFile, wasmBytes);
rewrite(bindings, minified);

// The stylesheet without its comments and indentation (0.15 KB less brotli); nothing else is touched.
const stylesheet = only(/^main-[0-9a-f]+\.css$/, 'stylesheet');
const css = readFileSync(join(dir, stylesheet), 'utf8');
rewrite(stylesheet, css.replace(/\/\*[\s\S]*?\*\//g, '').split('\n').map((l) => l.trim()).filter(Boolean).join('\n') + '\n');
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
console.log(`post-build: ${renamed.size} wasm-bindgen imports renamed short`);
console.log(`post-build: loader moved to ${name}; ${bindings} minified (${written.length} -> ${minified.length} bytes); stylesheet comments dropped; assets precompressed (gzip, brotli)`);
