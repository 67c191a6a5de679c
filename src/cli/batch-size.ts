/**
 * When a build is spread over helper processes (src/cli/batch.ts), decided
 * from the command line alone, before anything else is loaded: main.ts asks
 * it ahead of the single file, which a process that only hands out the
 * documents never needs.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** Documents to build per helper process, at least: fewer and its start-up costs more than it brings. */
export const PER_HELPER = 16;

/** The `--jobs` of a command line (a bad value: undefined, and the command reports it), else one per core. */
export function jobsOf(argv: readonly string[]): number | undefined {
  const values = parsed(argv)?.values;
  if (values?.jobs === undefined) return availableParallelism();
  const n = Number(values.jobs);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** How many helpers `count` documents to build would get: 0 when this process should build them itself. */
export function helpersFor(count: number, jobs: number): number {
  const helpers = Math.min(jobs, Math.floor(count / PER_HELPER));
  return helpers >= 2 ? helpers : 0;
}

/**
 * The documents a `build` command line names, or the .json files of its data folder (an upper bound: some may
 * not be documents); undefined when the line cannot be read (the command reports that).
 */
export function documentsNamed(argv: readonly string[]): number | undefined {
  const p = parsed(argv);
  if (!p) return undefined;
  const files = p.positionals.slice(1);
  if (files.length) return files.length;
  try {
    return readdirSync(p.values.data ?? 'data').filter((f) => f.endsWith('.json')).length;
  } catch {
    return undefined;
  }
}

function parsed(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        format: { type: 'string' }, out: { type: 'string' }, pdfa: { type: 'string' }, force: { type: 'boolean' }, data: { type: 'string' },
        templates: { type: 'string' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' },
      },
    });
  } catch {
    return undefined;
  }
}
