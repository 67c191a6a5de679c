/**
 * The command line, as a function (main.ts calls it; tests call it directly).
 *
 *   build [FILE...] [--format pdf,docx] [--out DIR] [--pdfa none|2b|3b] [--force] [--debug]
 *   watch [FILE...] [same options]   (src/cli/watch.ts)
 *
 * Exit codes: 0 success, 1 a user's mistake (messages via formatError, one
 * per problem), 2 an internal error (stack trace with --debug).
 */
import { parseArgs } from 'node:util';
import { DocError, errorsOf, formatError } from '../errors.js';
import { FORMATS } from '../backends/registry.js';
import { PDFA_LEVELS, isPdfa, runExtract } from './extract.js';
import { resolve } from 'node:path';
import { buildAll, type BuildFailure, type BuildOptions, type BuildResult } from '../pipeline.js';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const USAGE = `Usage: oic-docs build [FILE...] [--format ${FORMATS.join(',')}] [--out DIR] [--force] [--debug]
       oic-docs extract FILE.pdf [--out DIR]
       oic-docs watch [FILE...] [same options]

Builds documents from JSON data files with their templates. A document whose
inputs did not change since its outputs were written is "up to date" and not
rebuilt. watch builds everything once, then rebuilds what a saved data,
template or font file affects, until stopped (Ctrl+C).

  FILE...         data files to build (default: every data/*.json)
  --format LIST   output formats, comma-separated (default: ${FORMATS.join(',')}; valid: ${FORMATS.join(', ')})
  --out DIR       output folder (default: out); outputs are out/<name>.<format>
  --pdfa LEVEL    PDF/A level of the PDFs: 3b (default, embeds the data file), 2b or none
  --force         rebuild even documents that are up to date
  --data DIR      data folder (default: data)
  --templates DIR templates folder (default: the project's templates/)
  --debug         show stack traces of errors
  --help, -h      show this help

extract writes the data file a PDF embeds back out, byte for byte, into
--out DIR (default: the PDF's folder).

Exit status: 0 when every document was built, 1 when a document has a problem
(the messages say which file, where and what to do), 2 on an internal error.`;

function usageError(message: string): DocError {
  return new DocError('USAGE', message, { hint: 'run with --help for the usage' });
}

function report(e: unknown, io: Io, debug: boolean): 1 | 2 {
  const errs = errorsOf(e);
  if (errs) {
    for (const x of errs) {
      io.err(formatError(x));
      if (debug && x.stack) io.err(x.stack);
    }
    return 1;
  }
  const err = e as Error;
  io.err(`internal error: ${err?.message ?? String(e)}${debug ? '' : ' (run with --debug for the stack trace)'}`);
  if (debug && err?.stack) io.err(err.stack);
  return 2;
}

/** One line per document: what was written (and how long it took), or that it was up to date. */
export function describeResult(r: BuildResult): string {
  if (r.outputs.length === 0) return `${r.input}: up to date (${r.upToDate.map((o) => o.file).join(', ')})`;
  const fresh = r.upToDate.length ? `; up to date: ${r.upToDate.map((o) => o.file).join(', ')}` : '';
  return `${r.input} → ${r.outputs.map((o) => o.file).join(', ')} (${r.ms} ms)${fresh}`;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === 'extract') return runExtract(argv.slice(1), io);
  if (argv[0] === 'import') return (await import('./import.js')).runImport(argv.slice(1), io);
  const debug = argv.includes('--debug');
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        pdfa: { type: 'string' },
        force: { type: 'boolean' },
        data: { type: 'string' },
        templates: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        debug: { type: 'boolean' },
      },
    });
  } catch (e) {
    return report(usageError((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '')), io, debug);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [command, ...files] = positionals;
  if (command === undefined) {
    io.err(USAGE);
    return 1;
  }
  if (command !== 'build' && command !== 'watch') return report(usageError(`unknown command "${command}"; the commands are "build" and "watch"`), io, debug);

  const formats = values.format === undefined ? [...FORMATS] : values.format.split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (values.out === '') return report(usageError('--out needs a folder name'), io, debug);
  const pdfa = values.pdfa;
  if (pdfa !== undefined && !isPdfa(pdfa)) return report(usageError(`--pdfa must be one of ${PDFA_LEVELS.join(', ')}, not "${pdfa}"`), io, debug);
  for (const k of ['data', 'templates'] as const) if (values[k] === '') return report(usageError(`--${k} needs a folder name`), io, debug);
  const options: BuildOptions = {
    formats,
    ...(pdfa !== undefined ? { pdfa } : {}),
    ...(values.out !== undefined ? { outDir: values.out } : {}),
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
    ...(values.templates !== undefined ? { templatesDir: resolve(values.templates) } : {}),
    ...(values.force ? { force: true } : {}),
  };
  if (command === 'watch') {
    const { watch } = await import('./watch.js');
    return watch(files, options, io, (e) => report(e, io, debug));
  }

  let failed: 1 | 2 | 0 = 0;
  const onResult = (r: BuildResult | BuildFailure): void => {
    if ('error' in r) {
      const code = report(r.error, io, debug);
      failed = failed === 2 ? 2 : code;
      return;
    }
    io.out(describeResult(r));
    for (const d of r.diagnostics) {
      const where = d.source?.pointer !== undefined ? `${d.source.file ?? r.input}: ${d.source.pointer}: ` : `${r.input}: `;
      io.err(`${d.severity}: ${where}${d.message} [${d.code}]`);
    }
  };
  try {
    await buildAll(files, options, onResult);
  } catch (e) {
    return report(e, io, debug);
  }
  return failed;
}
