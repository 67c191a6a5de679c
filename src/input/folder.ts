/**
 * Which files of a data folder are documents (a JSON file with a "template"
 * field); the rest are skipped with a note. Light on purpose: the up-to-date
 * check of a whole folder needs only this, not the templates.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DocError } from '../errors.js';
import { displayPath } from '../template/place.js';
import { decodeText } from './encoding.js';
import { systemProblem } from './system.js';

export interface DataFolder {
  /** The documents: JSON files (any case of `.json`) with a `template` field, sorted. */
  readonly documents: readonly string[];
  /** JSON files that are not documents, with why (e.g. a list of delegates). */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

/**
 * The documents of a data folder. A JSON file that parses and has no
 * `template` field is not a document: skipped with a note. A file that
 * cannot be read or parsed may be a document with a mistake: it is kept, and
 * its build reports the mistake.
 */
export async function dataFolder(dir = 'data'): Promise<DataFolder> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    const { words } = systemProblem(e, 'read');
    throw new DocError('INPUT_UNREADABLE', `cannot read the data folder: ${words}`, {
      file: displayPath(dir), hint: 'run the command from the project folder (the one with data/ and templates/), or name the data files to build', cause: e,
    });
  }
  const documents: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const n of names.filter((x) => /\.json$/i.test(x) && !x.startsWith('.')).sort()) {
    const file = join(dir, n);
    const reason = await notADocument(file);
    if (reason) skipped.push({ file, reason });
    else documents.push(file);
  }
  return { documents, skipped };
}

/** Why a JSON file is not a document, or undefined when it is one (or may be one with a mistake). */
export async function notADocument(file: string): Promise<string | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(decodeText(await readFile(file), file));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a document: it is not a JSON object with a "template" field';
  if (!('template' in data)) return 'not a document: it has no "template" field (add "template": "<name>" to print it)';
  return undefined;
}

/** The documents of a data folder (see dataFolder). */
export async function dataFiles(dir = 'data'): Promise<string[]> {
  return [...(await dataFolder(dir)).documents];
}
