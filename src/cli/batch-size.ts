/**
 * When a build is spread over helper processes (src/cli/batch.ts), decided
 * from the command line alone, before anything else is loaded: main.ts asks
 * it ahead of the single file, which a process that only hands out the
 * documents never needs.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DocError } from '../errors.js';

/** Documents to build per helper process, at least: fewer and its start-up costs more than it brings. */
export const PER_HELPER = 16;

/** The options of `build` and `watch` (run.ts parses with them too). */
export const BUILD_OPTIONS = {
  format: { type: 'string' }, out: { type: 'string' }, pdfa: { type: 'string' }, force: { type: 'boolean' }, data: { type: 'string' },
  templates: { type: 'string' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' },
} as const;

/** A `--jobs` value (undefined: one per core); undefined when it is not a whole number of 1 or more. */
function jobsValue(value: string | undefined): number | undefined {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The `--jobs` of a command line (a bad value: undefined, and the command reports it), else one per core. */
export function jobsOf(argv: readonly string[]): number | undefined {
  return jobsValue(parsed(argv)?.values.jobs);
}

/** How many helpers `count` documents to build would get: 0 when this process should build them itself. */
export function helpersFor(count: number, jobs: number): number {
  const helpers = Math.min(jobs, Math.floor(count / PER_HELPER));
  return helpers >= 2 ? helpers : 0;
}

/** The processes a build may use (`--jobs N`, else one per core), or the usage error of a bad value. */
export function jobsFrom(value: string | undefined): number | DocError {
  const n = jobsValue(value);
  if (n === undefined) {
    return new DocError('USAGE', `--jobs must be a whole number of processes, 1 or more, not "${value}"`, { hint: 'for example --jobs 4; --jobs 1 builds everything in this process' });
  }
  return n;
}

/** Whether the documents named (or the .json files of the data folder) are enough for helpers. */
export function mayBatch(files: readonly string[], dataDir: string | undefined, jobs: number): boolean {
  return helpersFor(files.length || jsonFiles(dataDir ?? 'data'), jobs) > 0;
}

function jsonFiles(dir: string): number {
  try {
    return readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.json')).length;
  } catch {
    return 0;
  }
}

/**
 * The documents a `build` command line names, or the .json files of its data folder (an upper bound: some may
 * not be documents); undefined when the line cannot be read (the command reports that).
 */
export function documentsNamed(argv: readonly string[]): number | undefined {
  const p = parsed(argv);
  if (!p) return undefined;
  const files = p.positionals.slice(1);
  return files.length || jsonFiles(p.values.data ?? 'data');
}

function parsed(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: BUILD_OPTIONS });
  } catch {
    return undefined;
  }
}
