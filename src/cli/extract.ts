/**
 * `extract FILE.pdf [--out DIR] [--force]`: writes the data file a PDF embeds
 * (its associated file with AFRelationship /Source) back out, byte for byte,
 * atomically. A file already there that differs is never replaced without
 * --force (the message says what would be replaced); one that holds the same
 * bytes is left alone.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DocError } from '../errors.js';
import { systemCode, systemProblem } from '../input/system.js';
import { writeAtomically } from '../pipeline/write.js';
import { report, type Io } from './report.js';

export interface EmbeddedSource {
  /** The file name stored in the PDF (its /UF, else /F). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The embedded source of a PDF: the file spec of the catalog's /AF with
 * /AFRelationship /Source (else the only embedded file). Null when there is none.
 */
export async function embeddedSource(pdfBytes: Uint8Array): Promise<EmbeddedSource | null> {
  const { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } = await import('pdf-lib');
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false, ignoreEncryption: true });
  const specs: import('pdf-lib').PDFDict[] = [];
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  if (af) for (let i = 0; i < af.size(); i++) specs.push(af.lookup(i, PDFDict));
  // Also the document's embedded files (name tree, flat or one level of Kids).
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const leaves = names ? [names, ...kidsOf(names)] : [];
  for (const leaf of leaves) {
    const arr = leaf.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (arr) for (let i = 1; i < arr.size(); i += 2) specs.push(arr.lookup(i, PDFDict));
  }
  function kidsOf(node: import('pdf-lib').PDFDict): import('pdf-lib').PDFDict[] {
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    const out: import('pdf-lib').PDFDict[] = [];
    if (kids) for (let i = 0; i < kids.size(); i++) out.push(kids.lookup(i, PDFDict));
    return out;
  }
  const unique = [...new Set(specs)];
  const spec = unique.find((s) => s.get(PDFName.of('AFRelationship')) === PDFName.of('Source')) ?? (unique.length === 1 ? unique[0] : undefined);
  if (!spec) return null;
  const text = (key: string): string | undefined => {
    const v = spec.lookup(PDFName.of(key));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) return null;
  return { name: text('UF') ?? text('F') ?? 'source.json', bytes: decodePDFRawStream(stream).decode() };
}

export interface Extracted {
  /** The data file written (or already holding the same bytes). */
  readonly file: string;
  /** False when the file already held exactly these bytes (nothing written). */
  readonly written: boolean;
  /** True when a differing file was replaced (--force). */
  readonly replaced: boolean;
}

/** Line (1-based) of the first byte where two files differ. */
function firstDifferenceLine(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let line = 1;
  for (let k = 0; k < i; k++) if (a[k] === 0x0a) line++;
  return line;
}

async function readPdf(pdfFile: string): Promise<EmbeddedSource> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(pdfFile);
  } catch (e) {
    const { words, hint } = systemProblem(e, 'read');
    throw new DocError('INPUT_UNREADABLE', `cannot read the PDF: ${words}`, { file: pdfFile, hint, cause: e });
  }
  let source: EmbeddedSource | null;
  try {
    source = await embeddedSource(bytes);
  } catch (e) {
    throw new DocError('INPUT_UNREADABLE', `not a readable PDF: ${(e as Error).message}`, { file: pdfFile, hint: 'name a PDF made by `build`', cause: e });
  }
  if (!source) {
    throw new DocError('INPUT_UNREADABLE', 'the PDF has no embedded data file', {
      file: pdfFile, hint: 'only PDFs built as PDF/A-3b (the default) or without PDF/A embed their data',
    });
  }
  return source;
}

/** Reads a PDF, writes its embedded data file into `outDir` (default: the PDF's folder). */
export async function extractFile(pdfFile: string, outDir?: string, options: { readonly force?: boolean } = {}): Promise<Extracted> {
  const source = await readPdf(pdfFile);
  const dir = outDir ?? dirname(pdfFile);
  // Only the file name of the stored name: never a path chosen by the PDF.
  const target = join(dir, basename(source.name.replace(/\\/g, '/')) || 'source.json');
  let existing: Uint8Array | undefined;
  try {
    existing = await readFile(target);
  } catch (e) {
    if (systemCode(e) !== 'ENOENT') {
      const { words, hint } = systemProblem(e, 'write');
      throw new DocError('OUTPUT_UNWRITABLE', `cannot write the data file: ${words}`, { file: target, hint, cause: e });
    }
  }
  if (existing && Buffer.from(existing).equals(Buffer.from(source.bytes))) return { file: target, written: false, replaced: false };
  if (existing && !options.force) {
    throw new DocError('WOULD_OVERWRITE', `the file already exists and differs from the data inside ${pdfFile} `
      + `(${existing.length} bytes there, ${source.bytes.length} in the PDF; they differ from line ${firstDifferenceLine(existing, source.bytes)}): `
      + 'extracting would replace it', {
      file: target, hint: 'to replace it, run extract again with --force; to keep both, give another folder with --out',
    });
  }
  await writeAtomically(dir, [{ file: target, bytes: source.bytes }], 'the data file');
  return { file: target, written: true, replaced: existing !== undefined };
}

/** The `extract` command (argv after the command name); exit codes as `run`'s. */
export async function runExtract(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const usage = (message: string): number => report(new DocError('USAGE', message, { hint: 'run with --help for the usage' }), io, debug);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { out: { type: 'string' }, force: { type: 'boolean' }, debug: { type: 'boolean' } } });
  } catch (e) {
    return usage((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usage('extract takes one PDF file: extract FILE.pdf [--out DIR] [--force]');
  if (values.out === '') return usage('--out needs a folder name');
  try {
    const r = await extractFile(positionals[0]!, values.out, { force: values.force === true });
    io.out(`${positionals[0]} → ${r.file}${r.written ? (r.replaced ? ' (replaced the file that was there)' : '') : ' (unchanged: it already holds this data)'}`);
    return 0;
  } catch (e) {
    return report(e, io, debug);
  }
}
