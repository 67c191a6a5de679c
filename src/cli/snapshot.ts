/**
 * Entry of the V8 startup snapshot (dist/snapshot/node-<version>-<platform>-<arch>.blob,
 * built at install by scripts/snapshot.mjs from the single-file bundle dist/snapshot.cjs).
 *
 * At snapshot time every module a build needs is loaded and its top-level
 * code run (packages' tables, our own modules); nothing is read from the
 * project (no font, template, data file or language table: those are read
 * on every run, as without the snapshot). HarfBuzz's WebAssembly cannot be in
 * a snapshot: it is compiled and instantiated after deserialization, when the
 * PDF backend is first asked for (an up-to-date or DOCX-only build never does).
 *
 * Run as `node --snapshot-blob BLOB dist/cli.js ARGS` (as `npm run bench`
 * does; the build itself does not use the snapshot, README "Start-up"):
 * process.argv is then the same as for `node dist/cli.js ARGS`. The same
 * bundle is what `node dist/cli.js` runs with its code cache
 * (src/cli/single-file.ts): then nothing is loaded before it is needed.
 */
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { projectRoot } from '../paths.js';
import { run } from './run.js';

declare global {
  /** The bundle's own file URL (the bundle's `import.meta.url`), set after deserialization. */
  var __oicMetaUrl: string | undefined;
  /** Instantiates HarfBuzz (harfbuzzjs's top-level await, made a function by scripts/snapshot.mjs). */
  var __oicInitHarfBuzz: ((moduleArg: object) => Promise<void>) | undefined;
  /** Instantiates HarfBuzz once; awaited by the PDF backend's loader (src/backends/registry.ts, in this bundle only). */
  var __oicHarfBuzzReady: (() => Promise<void>) | undefined;
  /** Resets the lazy TextDecoders of the bundle before it is serialized (scripts/snapshot.mjs). */
  var __oicBeforeSnapshot: (() => void) | undefined;
}

/** The blob's path as given to Node (`--snapshot-blob X` or `--snapshot-blob=X`). */
function blobPath(): string | undefined {
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--snapshot-blob') return a[i + 1];
    if (a[i]!.startsWith('--snapshot-blob=')) return a[i]!.slice('--snapshot-blob='.length);
  }
  return undefined;
}

async function main(): Promise<void> {
  const blob = blobPath();
  const dist = globalThis.__oicDistDir ?? (blob ? dirname(dirname(resolve(blob))) : dirname(resolve(process.argv[1] ?? 'dist/cli.js')));
  globalThis.__oicMetaUrl = pathToFileURL(join(dist, 'snapshot.cjs')).href;
  let harfBuzz: Promise<void> | undefined;
  globalThis.__oicHarfBuzzReady = () => (harfBuzz ??= (async () => {
    const wasm = createRequire(join(projectRoot(), 'package.json')).resolve('harfbuzzjs/dist/harfbuzz.wasm');
    require('harfbuzzjs'); // evaluated (in the snapshot it already is): defines __oicInitHarfBuzz
    await globalThis.__oicInitHarfBuzz!({ wasmBinary: readFileSync(wasm), locateFile: (p: string) => join(dirname(wasm), p) });
  })());
  process.exitCode = await run(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  });
}

/**
 * Loads every module a build may need (the CLI loads them on first use), for the snapshot: the
 * bundler's require, so inlined. Not done when dist/cli.js runs this bundle: there the modules a
 * build does not need stay unevaluated (an up-to-date build evaluates almost nothing).
 */
function loadEverything(): void {
  require('../backends/pdf/index.js');
  require('../backends/docx/index.js');
  require('../input/document.js');
  require('./watch.js');
  require('./import.js');
  // The CommonJS packages the PDF backend requires inside its functions (pdfmake's parts, and
  // through them pdfkit, fontkit, linebreak…), and Ajv's runtime of the standalone validators.
  for (const m of [require('pdfmake/js/Printer'), require('pdfmake/js/URLResolver'), require('pdfmake/js/virtual-fs'),
    require('pdfmake/js/Renderer'), require('pdfmake/js/PDFDocument'), require('fast-deep-equal')]) void m;
}

const start = (): void => {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  });
};
if (v8.startupSnapshot.isBuildingSnapshot()) {
  loadEverything();
  v8.startupSnapshot.addSerializeCallback(() => globalThis.__oicBeforeSnapshot?.());
  v8.startupSnapshot.setDeserializeMainFunction(start);
} else start(); // loaded by dist/cli.js with its code cache (src/cli/main.ts)
