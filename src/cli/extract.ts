/**
 * `extract FILE.pdf [--out DIR]`: writes the data file a PDF embeds (its
 * associated file with AFRelationship /Source) back out, byte for byte.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DocError, errorsOf, formatError } from '../errors.js';

/** The `--pdfa` levels of `build`. */
export const PDFA_LEVELS = ['none', '2b', '3b'] as const;
export const isPdfa = (s: string): s is (typeof PDFA_LEVELS)[number] => (PDFA_LEVELS as readonly string[]).includes(s);

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

/** Reads a PDF, writes its embedded data file into `outDir` (default: the PDF's folder); returns the path written. */
export async function extractFile(pdfFile: string, outDir?: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(pdfFile);
  } catch (e) {
    throw new DocError('INPUT_UNREADABLE', `cannot read the PDF: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: pdfFile, hint: 'check the file name', cause: e,
    });
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
  const dir = outDir ?? dirname(pdfFile);
  // Only the file name of the stored name: never a path chosen by the PDF.
  const target = join(dir, basename(source.name.replace(/\\/g, '/')) || 'source.json');
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(target, source.bytes);
  } catch (e) {
    throw new DocError('OUTPUT_UNWRITABLE', `cannot write the data file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: target, hint: 'choose another --out folder, or check its permissions', cause: e,
    });
  }
  return target;
}

/** The `extract` command (argv after the command name); exit codes as `run`'s. */
export async function runExtract(argv: readonly string[], io: { out(line: string): void; err(line: string): void }): Promise<number> {
  const debug = argv.includes('--debug');
  const fail = (e: unknown): 1 | 2 => {
    const errs = errorsOf(e);
    if (errs) {
      for (const x of errs) io.err(formatError(x));
      return 1;
    }
    io.err(`internal error: ${(e as Error)?.message ?? String(e)}`);
    if (debug && (e as Error)?.stack) io.err((e as Error).stack!);
    return 2;
  };
  const usage = (message: string) => fail(new DocError('USAGE', message, { hint: 'run with --help for the usage' }));
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { out: { type: 'string' }, debug: { type: 'boolean' } } });
  } catch (e) {
    return usage((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usage('extract takes one PDF file: extract FILE.pdf [--out DIR]');
  if (values.out === '') return usage('--out needs a folder name');
  try {
    const written = await extractFile(positionals[0]!, values.out);
    io.out(`${positionals[0]} → ${written}`);
    return 0;
  } catch (e) {
    return fail(e);
  }
}
