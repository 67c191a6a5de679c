/**
 * The pipeline: data file → checks → document model → every format → files.
 *
 *   read JSON (JSON_SYNTAX with line and column) → pick the template
 *   (UNKNOWN_TEMPLATE) → validate (SCHEMA / BAD_DATE / BIDI_CONTROL /
 *   EMPTY_DOCUMENT, all problems at once) → render the model (TEMPLATE,
 *   MISSING_HELPER, MARKUP) → render each format through the backend registry
 *   → write all outputs atomically (temp file + rename in the output folder;
 *   if any format fails, nothing is written and earlier outputs stay as they were).
 *
 * Builds are incremental (src/incremental.ts): a format whose inputs are
 * unchanged since its output was written is not rebuilt ("up to date");
 * `force` rebuilds. Templates, fonts and backends are loaded once per process.
 */
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DocError, DocErrors, diagnosticError, errorsOf, formatError } from './errors.js';
import type { DocumentModel } from './model/index.js';
import { EXTENSIONS, FORMATS, getBackend, isFormat } from './backends/registry.js';
import type { Diagnostic, RenderOptions } from './backends/types.js';
import { defaultTemplatesDir, displayPath, forgetTemplate, loadTemplate } from './template/loader.js';
import { dropManifest, fingerprint, isUpToDate, manifestPath, readManifest, writeManifest, type ManifestEntry } from './incremental.js';
import { validateData } from './template/validate.js';

export interface BuildOptions {
  /** Output formats (default: every format of the registry). */
  readonly formats?: readonly string[];
  /** Output folder (default `out`). */
  readonly outDir?: string;
  /** Templates folder (default `templates/` of the project). */
  readonly templatesDir?: string;
  /** PDF/A level of the PDF output (default: the backend's, PDF/A-3b). */
  readonly pdfa?: RenderOptions['pdfa'];
  /** Data folder of `buildAll` when no file is named (default `data`). */
  readonly dataDir?: string;
  /** Rebuild even when the outputs are up to date. */
  readonly force?: boolean;
}

export interface BuildOutput {
  readonly format: string;
  readonly file: string;
  readonly bytes: number;
}

export interface BuildResult {
  readonly input: string;
  readonly outputs: readonly BuildOutput[];
  readonly diagnostics: readonly Diagnostic[];
  /** Outputs that were up to date and not rebuilt. */
  readonly upToDate: readonly BuildOutput[];
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

export interface LoadedDocument {
  readonly model: DocumentModel;
  /** The bytes of the data file (the PDF embeds them). */
  readonly bytes: Uint8Array;
}

// ------------------------------------------------------------------ JSON

/**
 * JSON.parse, but a syntax error is a DocError with line and column. The
 * position is found by a small scanner, as the engine's messages do not always
 * give one.
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const { offset, message } = jsonSyntaxError(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    throw new DocError('JSON_SYNTAX', message, {
      file, line, column, cause: e,
      hint: 'fix the JSON syntax: strings in double quotes, commas between items, none after the last',
    });
  }
}

/** Finds the first syntax error of a JSON text that JSON.parse rejected. */
export function jsonSyntaxError(text: string): { offset: number; message: string } {
  let i = 0;
  class Stop {
    constructor(readonly offset: number, readonly message: string) {}
  }
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const shown = (): string => (i >= text.length ? 'the end of the file' : `"${text[i]}"`);
  const fail = (what: string): never => {
    throw new Stop(Math.min(i, text.length), `expected ${what}, found ${shown()}`);
  };
  const str = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new Stop(i, 'unterminated string');
      const c = text[i]!;
      if (c === '"') { i++; return; }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'bad \\u escape in string');
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else throw new Stop(i, 'bad escape in string');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw new Stop(i, 'line break or control character inside a string (write \\n)');
      i++;
    }
  };
  const num = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail('a value');
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a field name in double quotes');
        str(); ws();
        if (text[i] !== ':') fail('":" after the field name');
        i++;
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail('"," or "}"');
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail('"," or "]"');
      }
    } else if (c === '"') str();
    else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) num();
    else {
      for (const w of ['true', 'false', 'null']) {
        if (text.startsWith(w, i)) { i += w.length; return; }
      }
      fail('a value');
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value(); ws();
    if (i < text.length) fail('the end of the file');
    return { offset: 0, message: 'invalid JSON' };
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------- model

/** Reads a data file and builds its document model. Throws DocError / DocErrors. */
export async function loadDocument(file: string, options: Pick<BuildOptions, 'templatesDir'> = {}): Promise<LoadedDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new DocError('INPUT_UNREADABLE', `cannot read the data file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file, hint: 'check the file name', cause: e,
    });
  }
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const data = parseJson(text, file);
  return { model: renderModel(data, file, options), bytes };
}

/** Validates parsed data and renders it to the model. Throws DocError / DocErrors. */
export function renderModel(data: unknown, file: string, options: Pick<BuildOptions, 'templatesDir'> = {}): DocumentModel {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DocError('SCHEMA', 'the data must be a JSON object', { file, pointer: '', hint: 'write { "template": …, … }' });
  }
  const name = (data as Record<string, unknown>)['template'];
  if (typeof name !== 'string') {
    throw new DocError('SCHEMA', name === undefined ? 'missing required field "template"' : 'expected a string', {
      file, pointer: '/template', hint: 'name the template to print with, e.g. "oic-annex"',
    });
  }
  let template;
  try {
    template = loadTemplate(name, options.templatesDir ?? defaultTemplatesDir());
  } catch (e) {
    if (e instanceof DocError && e.code === 'UNKNOWN_TEMPLATE') throw e.inFile(file);
    throw e;
  }
  const problems = validateData(template, data, file);
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new DocErrors(problems);
  return template.render(data, file);
}

// ---------------------------------------------------------------- build

/** Checks format names up front; the registry's error lists the valid ones. */
export function checkFormats(formats: readonly string[]): void {
  const errors: DocError[] = [];
  for (const f of formats) {
    if (isFormat(f)) continue;
    try {
      void getBackend(f);
    } catch (e) {
      if (e instanceof DocError) errors.push(e);
      else throw e;
    }
  }
  if (formats.length === 0) {
    errors.push(new DocError('USAGE', 'no output format given', { hint: `valid formats are: ${FORMATS.join(', ')}` }));
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new DocErrors(errors);
}

/** Builds one data file into every requested format. */
export async function buildFile(file: string, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const formats = options.formats ?? FORMATS;
  checkFormats(formats);
  const outDir = options.outDir ?? 'out';
  const templatesDir = options.templatesDir ?? defaultTemplatesDir();
  const stem = basename(file).replace(/\.json$/i, '');

  // What is up to date? (Unreadable data is left to loadDocument to report.)
  const dataBytes = await readFile(file).catch(() => undefined);
  const print = dataBytes ? await fingerprint(dataBytes, templatesDir, JSON.stringify({ pdfa: options.pdfa ?? null })) : undefined;
  if (print) {
    // A template whose files changed since it was loaded in this process is loaded again.
    const key = `${resolve(templatesDir)}\0${print.template}`;
    if (loadedTemplates.get(key) !== print.templateHash) {
      if (loadedTemplates.has(key)) forgetTemplate(print.template, templatesDir);
      loadedTemplates.set(key, print.templateHash);
    }
  }
  const manifestFile = manifestPath(outDir, stem);
  const manifest = print ? await readManifest(manifestFile) : undefined;
  const upToDate: BuildOutput[] = [];
  const kept: Record<string, ManifestEntry> = {};
  const todo: string[] = [];
  for (const format of formats) {
    const out = join(outDir, `${stem}.${isFormat(format) ? EXTENSIONS[format] : (await getBackend(format)).extension}`);
    const entry = manifest?.formats[format];
    if (print && !options.force && entry && (await isUpToDate(entry, print.hash(format), out))) {
      upToDate.push({ format, file: out, bytes: entry.bytes });
      kept[format] = entry;
    } else todo.push(format);
  }
  if (todo.length === 0) {
    return { input: file, outputs: [], upToDate, diagnostics: [], ms: Math.round(performance.now() - started) };
  }

  const { model, bytes } = await loadDocument(file, options);

  // Render everything in memory first: if any format fails, nothing is written.
  const rendered: { format: string; extension: string; bytes: Uint8Array }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const format of todo) {
    const backend = await getBackend(format);
    let result;
    try {
      result = await backend.render(model, { sourceData: bytes, sourceName: basename(file), ...(options.pdfa ? { pdfa: options.pdfa } : {}) });
    } catch (e) {
      const errs = errorsOf(e);
      if (errs) throw errs.length === 1 ? errs[0]!.inFile(file) : new DocErrors(errs.map((x) => x.inFile(file)));
      throw e;
    }
    diagnostics.push(...result.diagnostics);
    rendered.push({ format, extension: backend.extension, bytes: result.bytes });
  }
  // An error finding of any format (e.g. characters no font can draw) fails the build: all of them at once
  // (a message repeated, e.g. a field printed twice, once), nothing written.
  const failures = [...new Map(diagnostics.filter((d) => d.severity === 'error').map((d) => diagnosticError(d, file)).map((e) => [formatError(e), e])).values()];
  if (failures.length) throw failures.length === 1 ? failures[0]! : new DocErrors(failures);

  // The manifest goes first and comes back last: a crash in between leaves none (a rebuild), never a stale one.
  if (manifest) await dropManifest(manifestFile);
  const outputs = await writeAtomically(outDir, rendered.map((r) => ({
    format: r.format, file: join(outDir, `${stem}.${r.extension}`), bytes: r.bytes,
  })));
  // The manifest records the inputs the data was read with: if the data file changed while
  // building (a save in watch mode), its hash differs and the next build runs again.
  if (print && dataBytes && bytes.length === dataBytes.length && Buffer.from(bytes).equals(Buffer.from(dataBytes))) {
    // Entries of formats not rebuilt now (up to date, or not asked for) stay: each records its own hash.
    const formatsEntry: Record<string, ManifestEntry> = { ...manifest?.formats, ...kept };
    for (const o of outputs) formatsEntry[o.format] = { hash: print.hash(o.format), file: o.file, bytes: o.bytes };
    await writeManifest(manifestFile, { version: 1, input: file, formats: formatsEntry });
  }
  return { input: file, outputs, upToDate, diagnostics, ms: Math.round(performance.now() - started) };
}

/** Template folder fingerprints as loaded in this process (key: templates folder + name). */
const loadedTemplates = new Map<string, string>();

/** Writes every file to a temp file in its folder, then renames them all into place. */
async function writeAtomically(outDir: string, files: { format: string; file: string; bytes: Uint8Array }[]): Promise<BuildOutput[]> {
  const unwritable = (e: unknown): DocError => new DocError('OUTPUT_UNWRITABLE', `cannot write the output: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
    file: outDir, hint: 'choose another --out folder, or check its permissions', cause: e,
  });
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw unwritable(e);
  }
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(outDir, `.${basename(f.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push(tmp);
      await writeFile(tmp, f.bytes);
    }
    for (const [i, f] of files.entries()) await rename(temps[i]!, f.file);
  } catch (e) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    throw unwritable(e);
  }
  return files.map((f) => ({ format: f.format, file: f.file, bytes: f.bytes.length }));
}

export interface BuildFailure {
  readonly input: string;
  readonly error: unknown;
}

export interface BuildAllResult {
  readonly results: readonly BuildResult[];
  readonly failures: readonly BuildFailure[];
}

/** The data files of a folder (`data/*.json`), sorted. */
export async function dataFiles(dir = 'data'): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new DocError('INPUT_UNREADABLE', `cannot read the data folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file: displayPath(dir), hint: 'run from the project folder, or name the data files to build', cause: e,
    });
  }
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
}

/**
 * Builds several files (default: every data/*.json). A failing document does
 * not stop the others; its error is returned in `failures`.
 */
export async function buildAll(files?: readonly string[], options: BuildOptions = {}, onResult?: (r: BuildResult | BuildFailure) => void): Promise<BuildAllResult> {
  checkFormats(options.formats ?? FORMATS);
  const inputs = files && files.length ? [...files] : await dataFiles(options.dataDir);
  if (inputs.length === 0) {
    throw new DocError('INPUT_UNREADABLE', 'there is no data file to build', { file: 'data', hint: 'add a data/<name>.json file' });
  }
  const results: BuildResult[] = [];
  const failures: BuildFailure[] = [];
  for (const input of inputs) {
    try {
      const r = await buildFile(input, options);
      results.push(r);
      onResult?.(r);
    } catch (error) {
      const f = { input, error };
      failures.push(f);
      onResult?.(f);
    }
  }
  return { results, failures };
}
