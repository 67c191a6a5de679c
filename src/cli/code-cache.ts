/**
 * A V8 code cache for the CommonJS modules the CLI loads (pdfmake, pdfkit,
 * fontkit, Handlebars…): each module's compiled code is kept in
 * `dist/.code-cache/<node>-<arch>-<v8>/` and given back to V8 on the next run,
 * which then skips parsing and compiling it. ES modules (our bundle, docx,
 * harfbuzzjs) are compiled as usual: Node 20 has no cache for them.
 *
 * Safe by construction:
 * - an entry is named by the SHA-1 of the module's path and source text, so a
 *   changed file (an update, `npm ci`) never meets an old entry, and the
 *   folder by the Node version, architecture and V8 version, so another Node
 *   binary never reads it; V8 checks the data again and rejects what does not
 *   fit (the module is then compiled as usual and its entry rewritten);
 * - it holds compiled code only: fonts, templates and data are read from disk
 *   on every run (and fingerprinted, src/incremental.ts), never cached here;
 * - any failure (no cache yet after `npm ci`, a read-only folder, a bad
 *   entry) falls back to compiling; `OIC_CODE_CACHE=0` turns it off
 *   (`OIC_CODE_CACHE=<folder>` puts it elsewhere).
 * Entries are written at exit, through a temp file and a rename, for the
 * modules that had none (compiled after they ran, so the functions they
 * used are in it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
type Compile = (this: CjsModule, content: string, filename: string) => unknown;
interface ModuleStatics {
  prototype: { _compile: Compile };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

let installed = false;

/** Installs the cache (once) for modules compiled from now on. */
export function installCodeCache(root: string, env: NodeJS.ProcessEnv = process.env): void {
  const setting = env['OIC_CODE_CACHE'];
  if (installed || setting === '0') return;
  installed = true;
  const M = Module as unknown as ModuleStatics;
  const dir = join(setting || join(root, 'dist', '.code-cache'), `${process.version}-${process.arch}-${process.versions.v8}`);
  const original = M.prototype._compile;
  const toWrite: { file: string; script: Script }[] = [];

  M.prototype._compile = function compile(this: CjsModule, content: string, filename: string): unknown {
    let script: Script;
    let file: string;
    try {
      file = join(dir, createHash('sha1').update(filename).update('\0').update(content).digest('hex'));
      let cachedData: Buffer | undefined;
      try {
        cachedData = readFileSync(file);
      } catch {
        cachedData = undefined;
      }
      script = new Script(M.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
      if (!cachedData || script.cachedDataRejected) toWrite.push({ file, script });
    } catch {
      return original.call(this, content, filename); // e.g. a syntax error: Node's own message
    }
    const mod = this;
    // The `require` Node gives a module (lib/internal/modules/helpers.js, makeRequireFunction).
    const resolve = Object.assign((request: string, options?: unknown): string => M._resolveFilename(request, mod, false, options), {
      paths: (request: string): string[] | null => M._resolveLookupPaths(request, mod),
    });
    const require = Object.assign((id: string): unknown => mod.require(id), {
      resolve, main: process.mainModule, extensions: M._extensions, cache: M._cache,
    });
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return fn.call(mod.exports, mod.exports, require, mod, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (toWrite.length === 0) return;
    try {
      mkdirSync(dir, { recursive: true });
      for (const { file, script } of toWrite) {
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, file);
      }
    } catch {
      // A cache that cannot be written costs only the compile next time.
    }
  });
}
