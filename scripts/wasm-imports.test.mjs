// node --test scripts/wasm-imports.test.mjs (scripts/test.sh runs it before the release build).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renameImports, shortNames } from './wasm-imports.mjs';

const name = (s) => [s.length, ...Buffer.from(s)];
// A module importing a function, a table, a memory and a global, two of them from "./bindings.js", and
// exporting a function that calls the imported one: what wasm-bindgen's output holds, in small.
function sample(firstKind = 0x00) {
  const imports = [
    [...name('./bindings.js'), ...name('__wbg_log_79a1604a24707ef7'), firstKind, 0x00],
    [...name('env'), ...name('table'), 0x01, 0x70, 0x00, 0x01],
    [...name('env'), ...name('memory'), 0x02, 0x01, 0x01, 0x02],
    [...name('./bindings.js'), ...name('__wbindgen_flag'), 0x03, 0x7f, 0x00],
  ];
  const section = (id, body) => [id, body.length, ...body];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [imports.length, ...imports.flat()]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('run'), 0x00, 0x01]),
    ...section(10, [1, 4, 0, 0x10, 0x00, 0x0b]),
  ]);
}

test('imports of the chosen module are renamed; the module stays valid and works', async () => {
  const original = sample();
  assert.ok(WebAssembly.validate(original));
  const names = shortNames();
  const renamed = renameImports(original, (module) => (module === './bindings.js' ? names.next().value : null));
  assert.ok(WebAssembly.validate(renamed));
  const listed = WebAssembly.Module.imports(new WebAssembly.Module(renamed));
  assert.deepEqual(listed.map((i) => [i.module, i.name, i.kind]), [
    ['./bindings.js', 'a', 'function'],
    ['env', 'table', 'table'],
    ['env', 'memory', 'memory'],
    ['./bindings.js', 'b', 'global'],
  ]);
  let called = 0;
  const { instance } = await WebAssembly.instantiate(renamed, {
    './bindings.js': { a: () => { called += 1; }, b: 7 },
    env: { table: new WebAssembly.Table({ initial: 1, element: 'anyfunc' }), memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }) },
  });
  instance.exports.run();
  assert.equal(called, 1);
});

test('nothing renamed leaves the module byte for byte', () => {
  const original = sample();
  assert.deepEqual(new Uint8Array(renameImports(original, () => null)), original);
});

test('short names are distinct identifiers, never __proto__', () => {
  const seen = new Set();
  const names = shortNames();
  for (let i = 0; i < 3000; i++) {
    const n = names.next().value;
    assert.match(n, /^[a-zA-Z]+$/);
    assert.ok(!seen.has(n));
    seen.add(n);
  }
  assert.deepEqual([...seen].slice(0, 3), ['a', 'b', 'c']);
  assert.ok(seen.has('aa'));
});

test('a module that is not wasm, or a kind it does not know, is refused rather than rewritten', () => {
  assert.throws(() => renameImports(Uint8Array.from([1, 2, 3, 4, 1, 0, 0, 0]), () => 'x'), /not a wasm module/);
  assert.throws(() => renameImports(sample(9), () => 'x'), /unexpected import kind 9/);
});
