/** Drafts to import, and edits of their XML that reproduce what Word and LibreOffice write. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readZip, writeZip } from '../../src/backends/docx/zip.js';
import { importDraft, type ImportOptions, type ImportResult } from '../../src/import/index.js';
import { ANNEX, tempDir } from '../pipeline/util.js';
import { markedDraft } from './draft.js';

export { ANNEX };
export const DATA_NAME = basename(ANNEX);

export interface Setup {
  readonly dir: string;
  /** The data file (a copy of the annex, named as the draft records it). */
  readonly data: string;
  readonly draft: string;
}

let cached: Uint8Array | undefined;
/** The annex's draft, made once per test file. */
export async function annexDraft(): Promise<Uint8Array> {
  cached ??= await markedDraft(ANNEX);
  return cached;
}

/** A folder with a copy of the data file and the draft, changed by `edit` (document.xml as text). */
export async function setup(edit?: (xml: string) => string, more?: (files: Map<string, Uint8Array>) => void): Promise<Setup> {
  const dir = tempDir('oic-import-');
  const data = join(dir, DATA_NAME);
  copyFileSync(ANNEX, data);
  const draft = join(dir, 'draft.docx');
  writeFileSync(draft, editDocx(await annexDraft(), edit, more));
  return { dir, data, draft };
}

export function editDocx(bytes: Uint8Array, edit?: (xml: string) => string, more?: (files: Map<string, Uint8Array>) => void): Uint8Array {
  const files = new Map(readZip(bytes).map((e) => [e.name, e.data]));
  if (edit) files.set('word/document.xml', new TextEncoder().encode(edit(new TextDecoder().decode(files.get('word/document.xml')!))));
  more?.(files);
  return writeZip([...files].map(([name, data]) => ({ name, data })), new Date(Date.UTC(2018, 8, 24)));
}

export function documentXml(bytes: Uint8Array): string {
  return new TextDecoder().decode(readZip(bytes).find((e) => e.name === 'word/document.xml')!.data);
}

export const run = (s: Setup, options: ImportOptions = {}): Promise<ImportResult> => importDraft(s.draft, { data: s.data, ...options });
export const json = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));
export const original = (): any => JSON.parse(readFileSync(ANNEX, 'utf8'));

/** Replaces the one occurrence of `from` (throws when it is not exactly once: the edit must hit). */
export function once(xml: string, from: string | RegExp, to: string | ((m: string) => string)): string {
  const matches = typeof from === 'string' ? xml.split(from).length - 1 : [...xml.matchAll(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`))].length;
  if (matches !== 1) throw new Error(`expected one match of ${String(from)}, found ${matches}`);
  return typeof to === 'string' ? xml.replace(from, () => to) : xml.replace(from, to);
}

/** The XML of one field's content control, found by its tag. */
export function controlOf(xml: string, tag: string): string {
  const at = xml.indexOf(`<w:tag w:val="${tag}"/>`);
  if (at < 0) throw new Error(`no control ${tag}`);
  const start = xml.lastIndexOf('<w:sdt>', at);
  const end = xml.indexOf('</w:sdt>', at) + '</w:sdt>'.length;
  return xml.slice(start, end);
}

/** The lines of `b` that are not in `a` (a line diff of small JSON files). */
export function changedLines(a: string, b: string): string[] {
  const al = a.split('\n');
  return b.split('\n').filter((l, i) => al[i] !== l);
}
