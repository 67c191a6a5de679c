/**
 * Entry of the V8 startup snapshot (dist/snapshot/node-<version>-<platform>-<arch>.blob,
 * built at install by scripts/snapshot.mjs from the single-file bundle dist/snapshot.cjs).
 *
 * At snapshot time every module a build needs is loaded and its top-level
 * code run (packages' tables, our own modules); nothing is read from the
 * project (no font, template, data file or language table: those are read
 * on every run, as without the snapshot). HarfBuzz's WebAssembly cannot be in
 * a snapshot: it is compiled and instantiated after deserialization, only
 * when a PDF may be built.
 *
 * Run as `node --snapshot-blob BLOB dist/cli.js ARGS` (what
 * `npm run build` does when the blob is there, see scripts/launch.sh):
 * process.argv is then the same as for `node dist/cli.js ARGS`.
 */
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './run.js';
// Loaded now, so that they are in the snapshot (the CLI loads them on first use).
import '../backends/pdf/index.js';
import '../backends/docx/index.js';
import '../input/document.js';
import './watch.js';
import './import.js';
// The CommonJS packages the PDF backend requires inside its functions (pdfmake's parts, and through
// them pdfkit, fontkit, linebreak…), and Ajv's runtime of the standalone validators.
import 'pdfmake/js/Printer';
import 'pdfmake/js/URLResolver';
import 'pdfmake/js/virtual-fs';
import 'pdfmake/js/Renderer';
import 'pdfmake/js/PDFDocument';
import 'fast-deep-equal';

declare global {
  /** The bundle's own file URL (the bundle's `import.meta.url`), set after deserialization. */
  var __oicMetaUrl: string | undefined;
  /** Instantiates HarfBuzz (harfbuzzjs's top-level await, made a function by scripts/snapshot.mjs). */
  var __oicInitHarfBuzz: ((moduleArg: object) => Promise<void>) | undefined;
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

/** Whether the command may build a PDF (then HarfBuzz is needed; else it is not instantiated). */
function mayNeedPdf(argv: readonly string[]): boolean {
  const cmd = argv.find((a) => !a.startsWith('-'));
  if (cmd !== 'build' && cmd !== 'watch') return false;
  const i = argv.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (i < 0) return true;
  const list = argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1] ?? '';
  return list.toLowerCase().split(',').some((f) => f.trim() === 'pdf');
}

async function main(): Promise<void> {
  const blob = blobPath();
  const dist = blob ? dirname(dirname(resolve(blob))) : dirname(resolve(process.argv[1] ?? 'dist/cli.js'));
  globalThis.__oicMetaUrl = pathToFileURL(join(dist, 'snapshot.cjs')).href;
  const argv = process.argv.slice(2);
  if (mayNeedPdf(argv)) {
    const wasm = join(dist, '..', 'node_modules', 'harfbuzzjs', 'dist', 'harfbuzz.wasm');
    await globalThis.__oicInitHarfBuzz!({ wasmBinary: readFileSync(wasm), locateFile: (p: string) => join(dirname(wasm), p) });
  }
  process.exitCode = await run(argv, {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  });
}

v8.startupSnapshot.addSerializeCallback(() => globalThis.__oicBeforeSnapshot?.());
v8.startupSnapshot.setDeserializeMainFunction(() => {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  });
});
