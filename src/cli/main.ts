#!/usr/bin/env node
/**
 * Entry point of `node dist/cli.js` (bundled by scripts/bundle.mjs): the
 * single-file bundle with its code cache when it is there (src/cli/single-file.ts),
 * else the ordinary bundle, with the code cache of its CommonJS packages.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSingleFile } from './single-file.js';

if (!runSingleFile(dirname(fileURLToPath(import.meta.url)))) {
  const [{ installCodeCache }, { projectRoot }, { run }] = await Promise.all([import('./code-cache.js'), import('../paths.js'), import('./run.js')]);
  installCodeCache(projectRoot());
  process.exitCode = await run(process.argv.slice(2), {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  });
}
