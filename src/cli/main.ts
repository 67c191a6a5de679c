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
const building = argv[0] === 'build' && !argv.some((a) => a === '--help' || a === '-h');
const mayBeUpToDate = building && !argv.includes('--force');
let answered: number | undefined;
if (building && singleFileEnabled() && existsSync(join(dist, 'snapshot.cjs'))) {
  if (mayBeUpToDate) answered = await (await import('./up-to-date.js')).upToDateRun(argv, io);
  else {
    // A forced build of many documents, for helper processes (src/cli/batch.ts): handed out from here.
    const { documentsNamed, helpersFor, jobsOf } = await import('./batch-size.js');
    if (helpersFor(documentsNamed(argv) ?? 0, jobsOf(argv) ?? 1) > 0) answered = await (await import('./run.js')).run(argv, io);
  }
}
if (answered !== undefined) process.exitCode = answered;
else if (!runSingleFile(dist)) {
  const [{ installCodeCache }, { projectRoot }, { run }] = await Promise.all([import('./code-cache.js'), import('../paths.js'), import('./run.js')]);
  installCodeCache(projectRoot());
  process.exitCode = await run(argv, io);
}
