// The V8 startup snapshot of the CLI (src/cli/snapshot.ts), made at install by scripts/bundle.mjs:
//   1. dist/snapshot.cjs: one CommonJS file with every module inlined, packages included (a snapshot
//      can load nothing at run time but Node's built-in modules);
//   2. dist/snapshot/node-<version>-<platform>-<arch>.blob: `node --snapshot-blob BLOB --build-snapshot
//      dist/snapshot.cjs`, with the Node binary that runs this script (a blob works with that binary
//      only: scripts/launch.sh picks it by that name, else it runs the ordinary bundle).
// The few things a snapshot cannot hold are changed in the bundled text only (each change is checked
// to have happened, so an update of a package fails here, not at run time):
//   - harfbuzzjs instantiates its WebAssembly at top level (an await): made a function, called after
//     deserialization when the PDF backend is first loaded (src/backends/registry.ts awaits it here);
//   - a TextDecoder alive at snapshot time aborts V8 (fontkit, fflate in docx and harfbuzzjs make one
//     at load): one that is made when first used, and dropped again before serializing;
//   - `createRequire(import.meta.url)` (our PDF backend's pdfmake internals): the bundler's require,
//     so that they are inlined; `import.meta.url` is the bundle's own URL, known after deserialization;
//   - harfbuzzjs's `await import('module')` for its require: the bundle's (built-in modules only);
//   - pdfkit's `__dirname` (its built-in AFM fonts): the installed package's folder, at run time.
// Two changes for a faster start, same results:
//   - the Unicode tries of linebreak, unicode-properties and fontkit's shapers are stored inflated beside the
//     file, in dist/unicode-tries.bin (see preinflatedTries below), read when the first is built (a PDF build):
//     tiny-inflate, cold, took about 20 ms of every PDF build to inflate them;
//   - one copy of linebreak (its CommonJS build, which pdfkit requires), not a second for our ES import.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const requireHere = createRequire(import.meta.url);

/**
 * The tries the packages build when loaded, inflated here once, as the file the bundled unicode-trie reads:
 * "OICT", their count (uint32 LE), then per trie its compressed length, inflated length, highStart and
 * errorValue (uint32 LE each), its compressed bytes and its inflated data; the SHA-1 of all that last.
 * unicode-trie takes an entry only for input equal byte for byte to the entry's compressed bytes (else, or
 * without the file, it inflates as before), so the trie is the one it would have inflated.
 */
function preinflatedTries() {
  const triePath = requireHere.resolve('unicode-trie');
  const Trie = requireHere(triePath);
  const seen = [];
  class Recording extends Trie {
    constructor(data) {
      super(data);
      if (data instanceof Uint8Array) {
        const raw = Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength);
        seen.push({ compressed: Buffer.from(data), raw: Buffer.from(raw), highStart: this.highStart, errorValue: this.errorValue });
      }
    }
  }
  const cached = requireHere.cache[triePath];
  cached.exports = Recording;
  try {
    // The packages that build tries at load (fresh copies: nothing of them is loaded in this process).
    requireHere(requireHere.resolve('linebreak'));
    requireHere(createRequire(requireHere.resolve('pdfkit')).resolve('fontkit'));
  } finally {
    cached.exports = Trie;
  }
  const unique = [...new Map(seen.map((e) => [e.compressed.toString('base64'), e])).values()];
  const head = Buffer.alloc(8);
  head.write('OICT', 0, 'latin1');
  head.writeUInt32LE(unique.length, 4);
  const parts = [head];
  for (const e of unique) {
    const h = Buffer.alloc(16);
    h.writeUInt32LE(e.compressed.length, 0);
    h.writeUInt32LE(e.raw.length, 4);
    h.writeUInt32LE(e.highStart >>> 0, 8);
    h.writeUInt32LE(e.errorValue >>> 0, 12);
    parts.push(h, e.compressed, e.raw);
  }
  const body = Buffer.concat(parts);
  // Its SHA-1 last: a damaged file is not used (the tries are then inflated as before).
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

const BANNER = `var __oicTrackDecoders = [];
var __oicRequire = require;
class __OicTextDecoder {
  constructor(...a) { this.__a = a; this.__d = undefined; if (__oicTrackDecoders) __oicTrackDecoders.push(this); }
  get __r() { return this.__d ??= new TextDecoder(...this.__a); }
  decode(b, o) { return this.__r.decode(b, o); }
  get encoding() { return this.__r.encoding; }
  get fatal() { return this.__r.fatal; }
  get ignoreBOM() { return this.__r.ignoreBOM; }
}
globalThis.__oicBeforeSnapshot = () => { for (const d of __oicTrackDecoders) d.__d = undefined; __oicTrackDecoders = null; };
var __oicTries;
function __oicLoadTries() {
  const dir = globalThis.__oicDistDir;
  if (!dir) return [];
  try {
    const file = require("fs").readFileSync(require("path").join(dir, "unicode-tries.bin"));
    if (file.length < 28) return [];
    const b = file.subarray(0, file.length - 20);
    if (b.toString("latin1", 0, 4) !== "OICT" || !require("crypto").createHash("sha1").update(b).digest().equals(file.subarray(file.length - 20))) return [];
    const out = [];
    let p = 8;
    for (let i = 0, n = b.readUInt32LE(4); i < n; i++) {
      if (p + 16 > b.length) return [];
      const cl = b.readUInt32LE(p), rl = b.readUInt32LE(p + 4), hs = b.readUInt32LE(p + 8), ev = b.readUInt32LE(p + 12);
      p += 16;
      if (p + cl + rl > b.length) return [];
      out.push([b.subarray(p, p + cl), b.subarray(p + cl, p + cl + rl), hs, ev]);
      p += cl + rl;
    }
    return out;
  } catch {
    return [];
  }
}
function __oicPreTrie(t, d) {
  if (!(d instanceof Uint8Array)) return false;
  __oicTries ??= __oicLoadTries();
  for (const e of __oicTries) {
    if (e[0].length !== d.length || !e[0].equals(d)) continue;
    const bytes = new Uint8Array(e[1].length);
    bytes.set(e[1]);
    t.highStart = e[2];
    t.errorValue = e[3];
    t.data = new Uint32Array(bytes.buffer);
    return true;
  }
  return false;
}
function __oicPackageDir(p) { return require("path").dirname(require("module").createRequire(globalThis.__oicMetaUrl).resolve(p)); }`;

/** [file pattern, text to find, its replacement, at least how many times] */
const EDITS = [
  [/harfbuzzjs[\\/]dist[\\/]index\.mjs$/, 'init(await createHarfBuzz());', 'globalThis.__oicInitHarfBuzz = async (m) => init(await createHarfBuzz(m));', 1],
  [/node_modules[\\/](fontkit[\\/]dist[\\/]main\.cjs|docx[\\/]dist[\\/]index\.mjs|harfbuzzjs[\\/]dist[\\/]index\.mjs)$/, 'new TextDecoder(', 'new __OicTextDecoder(', 1],
  [/[\\/]src[\\/].*\.ts$/, 'const require = createRequire(import.meta.url);', '', 0],
  [/[\\/]src[\\/]backends[\\/]registry\.ts$/, "(await import('./pdf/index.js')).pdfBackend", "(await globalThis.__oicHarfBuzzReady(), (await import('./pdf/index.js')).pdfBackend)", 1],
  [/harfbuzzjs[\\/]dist[\\/]harfbuzz\.js$/, 'const{createRequire}=await import("module");var require=createRequire(import.meta.url)', 'var require=__oicRequire', 1],
  [/unicode-trie[\\/]index\.js$/, 'constructor(data) {', 'constructor(data) { if (__oicPreTrie(this, data)) return;', 1],
  [/pdfkit[\\/]js[\\/]pdfkit\.js$/, '__dirname', '__oicPackageDir("pdfkit/js/pdfkit.js")', 1],
  // pdfkit loads AES for encrypted PDFs, which are never made: its tables (about 20 ms of every cold build) are
  // computed on first use instead.
  [/pdfkit[\\/]js[\\/]pdfkit\.js$/, "var aes = require('@noble/ciphers/aes');", "var aes = { get cbc() { return require('@noble/ciphers/aes').cbc; }, get ecb() { return require('@noble/ciphers/aes').ecb; } };", 1],
];

const editPlugin = {
  name: 'snapshot-edits',
  setup(b) {
    // One linebreak for all: the CommonJS build pdfkit requires, also for our `import` of it.
    b.onResolve({ filter: /^linebreak$/ }, () => ({ path: requireHere.resolve('linebreak') }));
    b.onLoad({ filter: /(harfbuzzjs|fontkit|docx|pdfkit|unicode-trie)[\\/].*\.(mjs|cjs|js)$|[\\/]src[\\/].*\.ts$/ }, (args) => {
      const edits = EDITS.filter(([re]) => re.test(args.path));
      if (edits.length === 0) return undefined;
      let text = readFileSync(args.path, 'utf8');
      for (const [, find, repl, min] of edits) {
        const n = text.split(find).length - 1;
        if (n < min) throw new Error(`snapshot: "${find}" not found in ${args.path} (a package changed? see scripts/snapshot.mjs)`);
        text = text.split(find).join(repl);
      }
      return { contents: text, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/**
 * Writes dist/snapshot.cjs (the single file `node dist/cli.js` runs) and, with `blob`, the startup
 * snapshot made from it (for `npm run bench`; on failure, warns and leaves no blob).
 */
export async function buildSnapshot({ plugins, define, warn, outDir = 'dist', blob: makeBlob = false }) {
  rmSync(`${outDir}/snapshot`, { recursive: true, force: true });
  const blob = `${outDir}/snapshot/node-${process.version}-${process.platform}-${process.arch}.blob`;
  if (process.env.OIC_SNAPSHOT === '0') return;
  await build({
    plugins: [...plugins, editPlugin],
    entryPoints: ['src/cli/snapshot.ts'],
    outfile: `${outDir}/snapshot.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    banner: { js: BANNER },
    minifyWhitespace: true,
    minifySyntax: true,
    define: { ...define, 'import.meta.url': 'globalThis.__oicMetaUrl' },
  });
  writeFileSync(`${outDir}/unicode-tries.bin`, preinflatedTries());
  if (!makeBlob) return;
  mkdirSync(`${outDir}/snapshot`, { recursive: true });
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', `${outDir}/snapshot.cjs`], { encoding: 'utf8' });
  let ok = r.status === 0;
  try {
    ok &&= statSync(blob).size > 0;
  } catch {
    ok = false;
  }
  if (!ok) {
    rmSync(blob, { force: true });
    warn(`no startup snapshot (builds run without it, a little slower): ${(r.stderr || r.error?.message || '').trim().split('\n').slice(0, 5).join(' | ')}`);
  }
}
