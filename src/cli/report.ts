/**
 * How the commands (build, watch, extract) print: results one line each,
 * problems one line each (formatError; a stack trace only with --debug),
 * warnings, notes, and the closing summary line.
 */
import { errorsOf, formatError, type DocError } from '../errors.js';
import type { BuildAllResult, BuildResult } from '../pipeline/options.js';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Prints a thrown problem; returns the exit status it means (1 a user's mistake, 2 an internal error). */
export function report(e: unknown, io: Io, debug: boolean): 1 | 2 {
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

export function formatWarning(w: DocError): string {
  return `warning: ${formatError(w)} [${w.code}]`;
}

/** A document's result line (prefixed, e.g. with the clock in watch mode) and its warnings. */
export function printResult(r: BuildResult, io: Io, prefix = ''): void {
  io.out(`${prefix}${describeResult(r)}`);
  for (const w of r.warnings) io.err(formatWarning(w));
}

/** `3 built, 1 up to date, 1 failed` (and the skipped files), for a build of several documents. */
export function summary(all: BuildAllResult): string {
  const built = all.results.filter((r) => r.outputs.length > 0).length;
  return summaryLine(built, all.results.length - built, all.failures.length, all.skipped.length);
}

export function summaryLine(built: number, upToDate: number, failed: number, skipped: number): string {
  const parts = [`${built} built`, `${upToDate} up to date`, `${failed} failed`];
  if (skipped) parts.push(`${skipped} skipped (not documents)`);
  return parts.join(', ');
}
