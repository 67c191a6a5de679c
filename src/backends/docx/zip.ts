/**
 * A minimal, deterministic zip reader and writer (node:zlib only), enough to
 * re-pack the docx library's package: no zip64, no encryption, stored or
 * deflated entries. The writer puts entries in the order given, every one
 * with the same DOS date and no extra fields, so equal input gives equal bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function crc32Fallback(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib.crc32 exists from Node 20.15; older 20.x get the table version. */
export function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  return native ? native(data) >>> 0 : crc32Fallback(data);
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Reads every file entry of a zip (directories are skipped). */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = view.getUint16(p + 10, true);
    const csize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = decoder.decode(zip.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = zip.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) data = new Uint8Array(raw);
    else if (method === 8) data = new Uint8Array(inflateRawSync(raw));
    else throw new Error(`zip entry ${name}: unsupported compression method ${method}`);
    out.push({ name, data });
  }
  return out;
}

function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/**
 * Compressed entries by content. Most parts are the same from build to build
 * (the embedded fonts, styles, numbering, headers: in `watch`, only the
 * document's own text changes): each is deflated once per process. Kept by
 * the SHA-1 of the part's bytes, the most recently used last, and by the
 * bytes' object too (the same font buffer is not hashed again).
 */
interface Compressed { readonly crc: number; readonly body: Uint8Array; readonly stored: boolean }
const compressedCache = new Map<string, Compressed>();
const byObject = new WeakMap<Uint8Array, Compressed>();
const COMPRESSED_KEPT = 256;

function compressed(data: Uint8Array, persist: boolean): Compressed {
  const known = byObject.get(data);
  if (known) return known;
  const key = createHash('sha1').update(data).digest('hex') + data.length;
  let out = compressedCache.get(key);
  if (out) compressedCache.delete(key);
  else {
    const file = persist && data.length >= DISK_MIN ? diskEntry(key) : undefined;
    out = file ? fromDisk(file, data) : undefined;
    if (!out) {
      const deflated = new Uint8Array(deflateRawSync(data, { level: 6 }));
      const stored = deflated.length >= data.length;
      out = { crc: crc32(data), body: stored ? new Uint8Array(data) : deflated, stored };
      if (file) toDisk(file, out);
    }
  }
  compressedCache.set(key, out);
  if (compressedCache.size > COMPRESSED_KEPT) compressedCache.delete(compressedCache.keys().next().value!);
  if (data.length > 64 * 1024) byObject.set(data, out);
  return out;
}

/**
 * Large font parts (the embedded fonts: deflating them was about 20 ms of every
 * cold DOCX build) are also kept between processes, when the CLI runs the
 * single file: in dist/.zip-cache, beside the code cache (`npm ci` and
 * `npm run prepare` empty both), by the SHA-1 of the bytes, their length and
 * zlib's version (so the bytes of a build never depend on the cache). An
 * entry carries the SHA-1 of what it holds: a damaged one is deflated again.
 * A cache that cannot be written costs only the deflate.
 */
const DISK_MIN = 128 * 1024;
/**
 * Only the embedded fonts: the same from document to document. A long
 * document's own document.xml is as large, but it is another part at every
 * edit, and kept it would grow the folder by one entry per build.
 */
const KEPT_ON_DISK = /^word\/fonts\/[^/]+\.odttf$/;

function diskEntry(key: string): string | undefined {
  const dist = (globalThis as { __oicDistDir?: string }).__oicDistDir;
  return dist ? join(dist, '.zip-cache', `${key}-${process.versions.zlib ?? ''}`) : undefined;
}

/** An entry: the SHA-1 of the body (20 bytes), 1 if the part is stored as is, the body. */
const HEAD = 21;

function fromDisk(file: string, data: Uint8Array): Compressed | undefined {
  try {
    const b = readFileSync(file);
    if (b.length < HEAD) return undefined;
    const body = new Uint8Array(b.subarray(HEAD));
    if (!createHash('sha1').update(body).digest().equals(b.subarray(0, 20))) return undefined; // damaged
    const stored = b[20] === 1;
    if (stored && body.length !== data.length) return undefined;
    return { crc: crc32(data), body, stored };
  } catch {
    return undefined;
  }
}

function toDisk(file: string, c: Compressed): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const head = new Uint8Array(HEAD);
    head.set(createHash('sha1').update(c.body).digest(), 0);
    head[20] = c.stored ? 1 : 0;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([head, c.body]));
    renameSync(tmp, file);
  } catch {
    // only the deflate again next time
  }
}

/**
 * Writes the entries, in the order given, all dated `date` (UTC). One pass
 * over the zip format (local headers and data, then the central directory
 * and its end record), so that every offset is computed where it is written.
 */
export function writeZip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const { date: dosDate, time: dosTime } = dosDateTime(date);
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const utf8 = /[^\x20-\x7e]/.test(e.name) ? 0x0800 : 0;
    const { crc, body, stored } = compressed(e.data, KEPT_ON_DISK.test(e.name));

    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, utf8, true);
    lv.setUint16(8, stored ? 0 : 8, true);
    lv.setUint16(10, dosTime, true);
    lv.setUint16(12, dosDate, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);

    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, utf8, true);
    cv.setUint16(10, stored ? 0 : 8, true);
    cv.setUint16(12, dosTime, true);
    cv.setUint16(14, dosDate, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);

    chunks.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
