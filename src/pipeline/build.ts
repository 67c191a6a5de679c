/**
 * Building: the plan (what is up to date), the input stage (the model), every
 * format rendered in memory, then all outputs written atomically. If any
 * format fails, nothing is written and earlier outputs stay as they were.
 */
import { basename } from 'node:path';
import { DocError, DocErrors, diagnosticError, errorsOf, formatError } from '../errors.js';
import { FORMATS, getBackend, isFormat, type FormatName } from '../backends/registry.js';
import type { Diagnostic } from '../backends/types.js';
import { defaultTemplatesDir } from '../template/place.js';
import { dataFolder } from '../input/folder.js';
import { outputFile, planBuild } from './plan.js';
import { writeAtomically } from './write.js';
import { type BuildAllResult, type BuildFailure, type BuildOptions, type BuildOutput, type BuildResult, NeedsBuild, type Skipped } from './options.js';

/** Checks format names up front (any case: `PDF` is `pdf`); the registry's error lists the valid ones. */
export function checkFormats(formats: readonly string[]): FormatName[] {
  const errors: DocError[] = [];
  const valid: FormatName[] = [];
  for (const given of formats) {
    const f = given.toLowerCase();
    if (isFormat(f)) {
      valid.push(f);
      continue;
    }
    try {
      void getBackend(given);
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
  return [...new Set(valid)];
}

/** Builds one data file into every requested format. */
export async function buildFile(file: string, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const formats = checkFormats(options.formats ?? FORMATS);
  const outDir = options.outDir ?? 'out';
  const plan = await planBuild(file, formats, {
    outDir, templatesDir: options.templatesDir ?? defaultTemplatesDir(),
    settings: JSON.stringify({ pdfa: options.pdfa ?? null }), force: options.force === true,
  });
  const ms = (): number => Math.round(performance.now() - started);
  if (plan.todo.length === 0) return { input: file, outputs: [], upToDate: plan.upToDate, diagnostics: [], warnings: [], ms: ms() };
  if (options.probe) throw new NeedsBuild(file);

  // Loaded only now: an up-to-date build never loads Handlebars, the markup parser or a validator.
  const { loadDocument } = await import('../input/document.js');
  const { model, bytes, warnings, locator } = await loadDocument(file, options);

  // Render everything in memory first: if any format fails, nothing is written.
  const rendered: { format: FormatName; bytes: Uint8Array }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const format of plan.todo) {
    const backend = await getBackend(format);
    try {
      const result = await backend.render(model, {
        sourceData: bytes, sourceName: basename(file),
        ...(options.pdfa ? { pdf: { pdfa: options.pdfa } } : {}),
        ...(options.templatesDir !== undefined ? { templatesDir: options.templatesDir } : {}),
        ...(plan.template ? { template: plan.template } : {}),
      });
      diagnostics.push(...result.diagnostics);
      rendered.push({ format, bytes: result.bytes });
    } catch (e) {
      const errs = errorsOf(e);
      if (errs) throw locator.thrown(errs.length === 1 ? errs[0]!.inFile(file) : new DocErrors(errs.map((x) => x.inFile(file))));
      throw e;
    }
  }
  // An error finding of any format (e.g. characters no font can draw) fails the build: all of them at once
  // (a message repeated, e.g. a field printed twice, once), nothing written.
  const unique = (ds: readonly Diagnostic[]): DocError[] =>
    [...new Map(ds.map((d) => locator.error(diagnosticError(d, file))).map((e) => [formatError(e), e])).values()];
  const failures = unique(diagnostics.filter((d) => d.severity === 'error'));
  if (failures.length) throw failures.length === 1 ? failures[0]! : new DocErrors(failures);

  await plan.beforeWrite();
  const files = rendered.map((r) => ({ format: r.format, file: outputFile(outDir, plan.stem, r.format), bytes: r.bytes }));
  await writeAtomically(outDir, files);
  const outputs: BuildOutput[] = files.map((f) => ({ format: f.format, file: f.file, bytes: f.bytes.length }));
  await plan.recordOutputs(outputs, bytes);
  const backendWarnings = unique(diagnostics.filter((d) => d.severity !== 'error'));
  return { input: file, outputs, upToDate: plan.upToDate, diagnostics, warnings: [...warnings, ...backendWarnings], ms: ms() };
}

/** The documents of a build: the files named, else every document of the data folder (and the files skipped). */
export async function documentsOf(files: readonly string[] | undefined, dataDir: string | undefined): Promise<{ inputs: string[]; skipped: readonly Skipped[] }> {
  let inputs: string[];
  let skipped: readonly Skipped[] = [];
  if (files && files.length) inputs = [...files];
  else {
    const folder = await dataFolder(dataDir);
    inputs = [...folder.documents];
    skipped = folder.skipped;
  }
  if (inputs.length === 0) {
    throw new DocError('INPUT_UNREADABLE', 'there is no document to build', {
      file: dataDir ?? 'data', hint: 'add a data/<name>.json file with a "template" field',
    });
  }
  return { inputs, skipped };
}

/**
 * Builds several files (default: every document of data/). A failing
 * document does not stop the others; its error is returned in `failures`.
 */
export async function buildAll(files?: readonly string[], options: BuildOptions = {}, onResult?: (r: BuildResult | BuildFailure) => void): Promise<BuildAllResult> {
  checkFormats(options.formats ?? FORMATS);
  const { inputs, skipped } = await documentsOf(files, options.dataDir);
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
  return { results, failures, skipped };
}
