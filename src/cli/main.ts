#!/usr/bin/env node
/**
 * Entry point of `node dist/cli.js` (bundled by scripts/bundle.mjs): the
 * single-file bundle with its code cache when it is there (src/cli/single-file.ts),
 * else the ordinary bundle, with the code cache of its CommonJS packages.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSingleFile, singleFileEnabled } from './single-file.js';

const dist = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const io = { out: (line: string) => process.stdout.write(line + '\n'), err: (line: string) => process.stderr.write(line + '\n') };

// Nothing to build: answered without loading the single file (src/cli/up-to-date.ts). Only a `build` that is
// not forced may find nothing to do.
const mayBeUpToDate = argv[0] === 'build' && !argv.some((a) => a === '--force' || a === '--help' || a === '-h');
let answered: number | undefined;
if (mayBeUpToDate && singleFileEnabled() && existsSync(join(dist, 'snapshot.cjs'))) {
  answered = await (await import('./up-to-date.js')).upToDateRun(argv, io);
}
if (answered !== undefined) process.exitCode = answered;
else if (!runSingleFile(dist)) {
  const [{ installCodeCache }, { projectRoot }, { run }] = await Promise.all([import('./code-cache.js'), import('../paths.js'), import('./run.js')]);
  installCodeCache(projectRoot());
  process.exitCode = await run(argv, io);
}
