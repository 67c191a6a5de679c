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
import { resolve } from 'node:path';
import { DocError } from '../errors.js';
import { FORMATS } from '../backends/registry.js';
import { PDFA_LEVELS, isPdfa } from '../backends/pdf/pdfa.js';
import { buildAll } from '../pipeline/build.js';
import { type BuildFailure, type BuildOptions, type BuildResult, NeedsBuild } from '../pipeline/options.js';
import { printResult, report, summary, summaryLine, type Io } from './report.js';
import { BUILD_OPTIONS, PER_HELPER, jobsFrom, mayBatch } from './batch-size.js';
import { runExtract } from './extract.js';
import { buildsOnce } from '../process-mode.js';

export type { Io } from './report.js';
export { describeResult } from './report.js';

const COMMANDS = ['build', 'watch', 'extract', 'import'] as const;

export const USAGE = `Usage: oic-docs build [FILE...] [--format ${FORMATS.join(',')}] [--out DIR] [--force] [--debug]
       oic-docs extract FILE.pdf [--out DIR] [--force]
       oic-docs import DRAFT.docx [--data FILE] [--revisions accept|refuse] [--take ours|theirs]
       oic-docs watch [FILE...] [same options]

Builds documents from JSON data files with their templates. A document whose
inputs did not change since its outputs were written is "up to date" and not
rebuilt. watch builds everything once, then rebuilds what a saved data,
template or font file affects, until stopped (Ctrl+C).

  FILE...         data files to build (default: every document of data/: each
                  .json file with a "template" field; others are skipped with a note)
  --format LIST   output formats, comma-separated (default: ${FORMATS.join(',')}; valid: ${FORMATS.join(', ')})
  --out DIR       output folder (default: out); outputs are out/<name>.<format>
  --pdfa LEVEL    PDF/A level of the PDFs: 3b (default, embeds the data file), 2b or none
  --force         rebuild even documents that are up to date
  --data DIR      data folder (default: data)
  --templates DIR templates folder (default: the project's templates/)
  --jobs N        processes a build of many documents may use (default: one
                  per core; spread from ${PER_HELPER} documents to build per process;
                  --jobs 1 builds everything in this process)
  --debug         show stack traces of errors
  --help, -h      show this help

extract writes the data file a PDF embeds back out, byte for byte, into
--out DIR (default: the PDF's folder). A file already there that differs is
never replaced unless --force is given.

import brings the edits made in a Word draft back into its data file (a
three-way merge with the data the draft was made from; "oic-docs import
--help" says more).

Run it as "npm run build", "npx oic-docs build" or "node dist/cli.js build".

Exit status: 0 when every document was built, 1 when a document has a problem
(the messages say which file, where and what to do), 2 on an internal error.`;

function usageError(message: string): DocError {
  return new DocError('USAGE', message, { hint: 'run with --help for the usage' });
}

/** The command nearest to a mistyped one ("biuld" → "build"), if any is one or two edits away. */
function nearest(word: string): string | undefined {
  const distance = (x: string, y: string): number => {
    const d = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
    for (let j = 1; j <= y.length; j++) d[0]![j] = j;
    for (let i = 1; i <= x.length; i++) {
      for (let j = 1; j <= y.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[x.length]![y.length]!;
  };
  return COMMANDS.find((c) => distance(word.toLowerCase(), c) <= 2);
}

/**
 * `probe`: plan only (BuildOptions.probe); `needsBuild` is told of each document that has an output to
 * build, which is not reported (src/cli/up-to-date.ts decides what to do then).
 */
export interface Probe {
  needsBuild(input: string): void;
}

export async function run(argv: readonly string[], io: Io, probe?: Probe): Promise<number> {
  if (argv[0] === 'extract') return runExtract(argv.slice(1), io);
  if (argv[0] === 'import') return (await import('./import.js')).runImport(argv.slice(1), io);
  if (argv[0] === '__batch-worker') {
    buildsOnce();
    return (await import('./batch.js')).batchWorker();
  }
  const debug = argv.includes('--debug');
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: BUILD_OPTIONS,
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
  if (command !== 'build' && command !== 'watch') {
    const near = nearest(command);
    return report(new DocError('USAGE', `unknown command "${command}"; the commands are ${COMMANDS.map((c) => `"${c}"`).join(', ')}`, {
      hint: near ? `did you mean "${near}"? run with --help for the usage` : 'run with --help for the usage',
    }), io, debug);
  }

  const formats = values.format === undefined ? [...FORMATS] : values.format.split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (values.out === '') return report(usageError('--out needs a folder name'), io, debug);
  const pdfa = values.pdfa;
  if (pdfa !== undefined && !isPdfa(pdfa)) return report(usageError(`--pdfa must be one of ${PDFA_LEVELS.join(', ')}, not "${pdfa}"`), io, debug);
  for (const k of ['data', 'templates'] as const) if (values[k] === '') return report(usageError(`--${k} needs a folder name`), io, debug);
  const jobs = jobsFrom(values.jobs);
  if (jobs instanceof DocError) return report(jobs, io, debug);
  const options: BuildOptions = {
    formats,
    ...(pdfa !== undefined ? { pdfa } : {}),
    ...(values.out !== undefined ? { outDir: values.out } : {}),
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
    ...(values.templates !== undefined ? { templatesDir: resolve(values.templates) } : {}),
    ...(values.force ? { force: true } : {}),
    ...(probe ? { probe: true } : {}),
  };
  if (command === 'watch') {
    const { watch } = await import('./watch.js');
    return watch(files, options, io, (e) => report(e, io, debug));
  }

  // This process builds once and exits (watch does not come here): nothing is kept for a next build.
  buildsOnce();
  return build(files, options, io, debug, jobs, probe);
}

/** `build`: every document, one line each, then the skipped files and the summary. */
async function build(files: readonly string[], options: BuildOptions, io: Io, debug: boolean, jobs: number, probe?: Probe): Promise<number> {
  // Many documents to build: spread over the cores (src/cli/batch.ts); else all of them here.
  try {
    const batch = !probe && mayBatch(files, options.dataDir, jobs) ? await (await import('./batch.js')).buildBatch(files, options, jobs, io, debug) : undefined;
    if (batch) {
      for (const s of batch.skipped) io.out(`${s.file}: skipped, ${s.reason}`);
      io.out(summaryLine(batch.built, batch.upToDate, batch.failed, batch.skipped.length));
      return batch.status;
    }
  } catch (e) {
    return report(e, io, debug);
  }
  let failed: 1 | 2 | 0 = 0;
  const onResult = (r: BuildResult | BuildFailure): void => {
    if ('error' in r && r.error instanceof NeedsBuild && probe) {
      probe.needsBuild(r.input);
      return;
    }
    if ('error' in r) {
      const code = report(r.error, io, debug);
      failed = failed === 2 ? 2 : code;
      return;
    }
    printResult(r, io);
  };
  try {
    const all = await buildAll(files, options, onResult);
    for (const s of all.skipped) io.out(`${s.file}: skipped, ${s.reason}`);
    if (all.results.length + all.failures.length > 1 || all.skipped.length) io.out(summary(all));
  } catch (e) {
    return report(e, io, debug);
  }
  return failed;
}
