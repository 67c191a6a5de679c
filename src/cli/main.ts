#!/usr/bin/env node
/** Entry point of `node dist/cli.js` (bundled by scripts/bundle.mjs). */
import { installCodeCache } from './code-cache.js';
import { projectRoot } from '../paths.js';
import { run } from './run.js';

installCodeCache(projectRoot());
const code = await run(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
process.exitCode = code;
