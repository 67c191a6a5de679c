/**
 * Input: a data file read (system errors in words), decoded (UTF-8 only),
 * parsed (syntax errors at the mistake), checked against its template and
 * rendered to the document model; every data message located (line, column,
 * "paragraph 5"). Also which files of a data folder are documents.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DocError, DocErrors } from '../errors.js';
import type { DocumentModel } from '../model/index.js';
import { defaultTemplatesDir, loadTemplate } from '../template/loader.js';
import { dataWarnings, validateData } from '../template/validate.js';
import { decodeText } from './encoding.js';
import { parseJson } from './json.js';
import { Locator } from './locate.js';
import { systemCode, systemProblem } from './system.js';

export interface LoadedDocument {
  readonly model: DocumentModel;
  /** The bytes of the data file (the PDF embeds them). */
  readonly bytes: Uint8Array;
  /** Warnings about the data (located): it was printed anyway. */
  readonly warnings: readonly DocError[];
  /** Locates messages found later by JSON pointer (e.g. the backends' findings). */
  readonly locator: Locator;
}

/** The bytes of a data file; a system error in words (and the file under data/ when it is there instead). */
export async function readDataFile(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (e) {
    const { words, hint } = systemProblem(e, 'read');
    const inData = join('data', basename(file));
    const there = systemCode(e) === 'ENOENT' && inData !== file && existsSync(inData);
    throw new DocError('INPUT_UNREADABLE', `cannot read the data file: ${words}`, {
      file, cause: e, hint: there ? `it is in the data folder: build ${inData}` : hint,
    });
  }
}

/** Reads a data file and builds its document model. Throws DocError / DocErrors (located). */
export async function loadDocument(file: string, options: { readonly templatesDir?: string } = {}): Promise<LoadedDocument> {
  const bytes = await readDataFile(file);
  const text = decodeText(bytes, file);
  const data = parseJson(text, file);
  const locator = new Locator(text, file);
  try {
    const { model, warnings } = checkAndRender(data, file, options);
    return { model, bytes, warnings: warnings.map((w) => locator.error(w)), locator };
  } catch (e) {
    throw locator.thrown(e);
  }
}

/** Validates parsed data and renders it to the model. Throws DocError / DocErrors. */
export function renderModel(data: unknown, file: string, options: { readonly templatesDir?: string } = {}): DocumentModel {
  return checkAndRender(data, file, options).model;
}

function checkAndRender(data: unknown, file: string, options: { readonly templatesDir?: string }): { model: DocumentModel; warnings: DocError[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DocError('SCHEMA', 'the data must be a JSON object', { file, pointer: '', hint: 'write { "template": …, … }' });
  }
  const name = (data as Record<string, unknown>)['template'];
  if (typeof name !== 'string') {
    throw new DocError('SCHEMA', name === undefined ? 'missing required field "template"' : 'expected a string', {
      file, pointer: '/template', hint: 'name the template to print with, e.g. "oic-annex"',
    });
  }
  let template;
  try {
    template = loadTemplate(name, options.templatesDir ?? defaultTemplatesDir());
  } catch (e) {
    if (e instanceof DocError && e.code === 'UNKNOWN_TEMPLATE') throw e.inFile(file);
    throw e;
  }
  const problems = validateData(template, data, file);
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new DocErrors(problems);
  return { model: template.render(data, file), warnings: dataWarnings(template, data, file) };
}

export { dataFiles, dataFolder, notADocument, type DataFolder } from './folder.js';
