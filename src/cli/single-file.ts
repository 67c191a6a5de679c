/**
 * `node dist/cli.js` runs the single-file bundle (dist/snapshot.cjs, the one the
 * startup snapshot is made from: every module and package inlined) with a V8
 * code cache of the whole of it: V8 then neither parses nor compiles what an
 * earlier run compiled, our code, docx and harfbuzzjs included (the ordinary
 * ESM bundle cannot have a cache in Node 20). `node dist/cli.js` (and
 * `npm run build`) comes here; the startup snapshot made from the same file is
 * only measured (`npm run bench`, README "Start-up").
 *
 * The cache is `dist/.code-cache/<node>-<arch>-<v8>[-<flags>]/bundle-<size>-<mtime>`:
 * another Node never reads it, a new bundle (`npm ci`, `npm run prepare`,
 * which also empties the folder) never meets an old entry, and V8 checks the
 * data again (rejected: compiled as usual, the entry rewritten at exit, after
 * the run, so that the functions the build used are in it). It holds compiled
 * code only. `OIC_CODE_CACHE=0` or `OIC_SINGLE_FILE=0`: the ordinary bundle.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

declare global {
  /** The folder of the bundles (dist/), for the single-file bundle (src/cli/snapshot.ts). */
  var __oicDistDir: string | undefined;
}

/** Whether the single file may run (`OIC_CODE_CACHE=0` and `OIC_SINGLE_FILE=0` turn it off). */
export function singleFileEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['OIC_CODE_CACHE'] !== '0' && env['OIC_SINGLE_FILE'] !== '0';
}

/** Runs dist/snapshot.cjs with its code cache; false (nothing run) when there is none to run. */
export function runSingleFile(dist: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!singleFileEnabled(env)) return false;
  const file = join(dist, 'snapshot.cjs');
  let source: string;
  let key: string;
  try {
    const st = statSync(file);
    key = `bundle-${st.size}-${Math.round(st.mtimeMs)}`;
    // Read as bytes: an ASCII file (esbuild escapes non-ASCII text) is its own Latin-1 string, which V8 keeps
    // one byte per character; decoding it as UTF-8 took 30 ms of every build (a single non-ASCII character
    // had made the whole 3.6 MB source a two-byte string).
    const bytes = readFileSync(file);
    source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  } catch {
    return false;
  }
  // V8 rejects a cache made under other V8 flags: a batch's helpers (`--single-threaded`, src/cli/batch.ts) keep
  // their own, else each would overwrite the other's at exit.
  const flags = process.execArgv.length ? `-${createHash('sha1').update(process.execArgv.join('\0')).digest('hex').slice(0, 8)}` : '';
  const dir = join(env['OIC_CODE_CACHE'] || join(dist, '.code-cache'), `${process.version}-${process.arch}-${process.versions.v8}${flags}`);
  const cacheFile = join(dir, key);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // A cache that cannot be written costs only the compile next time.
      }
    });
  }
  globalThis.__oicDistDir = dist;
  const mod = { exports: {} };
  const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, dist);
  return true;
}
