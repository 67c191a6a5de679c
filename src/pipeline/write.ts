/**
 * Atomic writes: every file goes to a temp file in its own folder, then all
 * are renamed into place. If anything fails, the temp files are removed and
 * the files that were there stay as they were.
 */
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DocError } from '../errors.js';
import { systemProblem } from '../input/system.js';

export interface FileToWrite {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** OUTPUT_UNWRITABLE, the system's reason in words. */
export function unwritable(e: unknown, file: string, what = 'the output'): DocError {
  const { words, hint } = systemProblem(e, 'write');
  return new DocError('OUTPUT_UNWRITABLE', `cannot write ${what}: ${words}`, { file, hint, cause: e });
}

/** Writes every file atomically (see above). `dir` is the folder made first, named in errors. */
export async function writeAtomically(dir: string, files: readonly FileToWrite[], what?: string): Promise<void> {
  // Synchronous: a few files, each a trip through the thread pool otherwise (a warm rebuild waited on them).
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw unwritable(e, dir, what);
  }
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.file), `.${basename(f.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push(tmp);
      writeFileSync(tmp, f.bytes);
    }
    for (const [i, f] of files.entries()) renameSync(temps[i]!, f.file);
  } catch (e) {
    for (const t of temps) {
      try {
        unlinkSync(t);
      } catch {
        // not made
      }
    }
    throw unwritable(e, dir, what);
  }
}
