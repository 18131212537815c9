// Renames a wasm module's imports, for scripts/post-build.mjs.
//
// wasm-bindgen names every import it generates after the JS it calls plus a 16-digit hash
// (`__wbg_set_search_79a1604a24707ef7`). The console's main module imports 220 of them: their names are in
// the wasm's import section and again as keys of the bindings' import object, and the hashes cannot be
// compressed. Renamed to short names in both places, the first load is smaller by what they cost.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
    shift += 7;
    if (shift > 35) throw new Error('wasm-imports: LEB128 too long');
  }
}

function encodeUleb(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

/** Skips a limits entry (tables and memories): flags, minimum, and a maximum when flagged. */
function skipLimits(bytes, at) {
  const flags = bytes[at++];
  [, at] = uleb(bytes, at);
  if (flags & 1) [, at] = uleb(bytes, at);
  return at;
}

/** Skips an import's description after its kind byte. */
function skipDescription(bytes, at, kind) {
  switch (kind) {
    case 0: // function: type index
      return uleb(bytes, at)[1];
    case 1: // table: a reference type (one byte for funcref and externref), then limits
      if (bytes[at] !== 0x70 && bytes[at] !== 0x6f) throw new Error('wasm-imports: unexpected table type');
      return skipLimits(bytes, at + 1);
    case 2: // memory
      return skipLimits(bytes, at);
    case 3: // global: a one-byte value type and mutability
      if (bytes[at] < 0x6f) throw new Error('wasm-imports: unexpected global type');
      return at + 2;
    default:
      throw new Error(`wasm-imports: unexpected import kind ${kind}`);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * Returns `bytes` (a wasm module) with each import renamed to `rename(module, name)` where that gives a
 * string; other imports, and every other section, are left byte for byte.
 */
export function renameImports(bytes, rename) {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('wasm-imports: not a wasm module');
  }
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  let found = false;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = uleb(bytes, at + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    found = true;
    let [count, p] = uleb(bytes, start);
    const body = [...encodeUleb(count)];
    for (; count > 0; count--) {
      let length;
      [length, p] = uleb(bytes, p);
      const module = decoder.decode(bytes.subarray(p, p + length));
      p += length;
      [length, p] = uleb(bytes, p);
      const name = decoder.decode(bytes.subarray(p, p + length));
      p += length;
      const descriptionStart = p;
      p = skipDescription(bytes, p + 1, bytes[p]);
      const renamed = rename(module, name);
      const moduleBytes = encoder.encode(module);
      const nameBytes = encoder.encode(typeof renamed === 'string' ? renamed : name);
      body.push(...encodeUleb(moduleBytes.length), ...moduleBytes, ...encodeUleb(nameBytes.length), ...nameBytes);
      body.push(...bytes.subarray(descriptionStart, p));
    }
    if (p !== end) throw new Error('wasm-imports: the import section did not end where it said');
    parts.push(Uint8Array.from([2, ...encodeUleb(body.length), ...body]));
    at = end;
  }
  if (at !== bytes.length) throw new Error('wasm-imports: a section ran past the end of the module');
  if (!found) throw new Error('wasm-imports: no import section');
  return Buffer.concat(parts);
}

/** Short JS identifiers, never `__proto__`: a, b, ... Z, aa, ab, ... */
export function* shortNames() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let length = 1; ; length++) {
    const index = Array(length).fill(0);
    for (;;) {
      yield index.map((i) => letters[i]).join('');
      let k = length - 1;
      while (k >= 0 && ++index[k] === letters.length) index[k--] = 0;
      if (k < 0) break;
    }
  }
}
