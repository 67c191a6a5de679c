/**
 * `import`: the edits of a Word draft back into its data file.
 *
 *   draft (.docx) ─ merge base (customXml, base.ts) ─┐
 *                 └ fields by tag / bookmark / position (read.ts) ─ theirs
 *   data file now ──────────────────────────────────── ours
 *   three-way merge per JSON pointer (merge.ts) → edits of string literals
 *   in place (jsonedit.ts) → validated like any data file → written atomically.
 *
 * Nothing is written when there is a conflict, a refused tracked change, or
 * the result is not valid; edits that cannot be imported are reported and the
 * others go in. A draft with nothing changed leaves the data file untouched.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readZip } from '../backends/docx/zip.js';
import { errorsOf, formatError } from '../errors.js';
import { templateFingerprint } from '../incremental.js';
import { parseJson, renderModel } from '../pipeline.js';
import { defaultTemplatesDir } from '../template/place.js';
import { readDraftBase } from './base.js';
import type { DraftBase } from './base.js';
import { editJson } from './jsonedit.js';
import { mergeChanges, theirChanges } from './merge.js';
import type { DraftChange, Take } from './merge.js';
import type { ImportMessage } from './messages.js';
import { quote } from './messages.js';
import { readDraft } from './read.js';
import type { Revisions } from './read.js';

export interface ImportOptions {
  /** The data file to merge into (default: data/<the name recorded in the draft>). */
  readonly data?: string;
  readonly revisions?: Revisions;
  readonly take?: Take;
  readonly templatesDir?: string;
  /** Work out everything, write nothing. */
  readonly dryRun?: boolean;
}

export interface ImportResult {
  readonly dataFile: string | undefined;
  readonly messages: readonly ImportMessage[];
  readonly changed: readonly DraftChange[];
  /** Whether the data file was written. */
  readonly written: boolean;
  /** The new text of the data file (also when not written because of dryRun). */
  readonly text?: string;
}

const fail = (dataFile: string | undefined, messages: ImportMessage[]): ImportResult => ({ dataFile, messages, changed: [], written: false });

function openDraft(bytes: Uint8Array, draft: string): { files: Map<string, Uint8Array>; base: DraftBase } | ImportMessage {
  let files: Map<string, Uint8Array>;
  try {
    files = new Map(readZip(bytes).map((e) => [e.name, e.data]));
  } catch (e) {
    return { severity: 'error', code: 'DRAFT_UNREADABLE', file: draft, message: `this is not a Word document (.docx): ${(e as Error).message}`, hint: 'in Word, save the draft as "Word Document (.docx)" and import that file' };
  }
  if (!files.has('word/document.xml')) {
    return { severity: 'error', code: 'DRAFT_UNREADABLE', file: draft, message: 'this file has no Word document inside', hint: 'in Word, save the draft as "Word Document (.docx)" and import that file' };
  }
  let base: DraftBase | undefined;
  try {
    base = readDraftBase(files);
  } catch (e) {
    return { severity: 'error', code: 'NO_MERGE_BASE', file: draft, message: `the record of the data this draft was made from is damaged: ${(e as Error).message}`, hint: 'import a copy of the draft as it was sent out, or retype the edits' };
  }
  if (!base) {
    return { severity: 'error', code: 'NO_MERGE_BASE', file: draft, message: 'this draft does not record the data it was made from (it was not made by `npm run build`, or the record was removed)', hint: 'import a draft made by `npm run build`; for others, retype the edits in the data file' };
  }
  return { files, base };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

interface Inputs {
  readonly files: Map<string, Uint8Array>;
  readonly base: DraftBase;
  readonly dataFile: string;
  readonly oursText: string;
  readonly ours: unknown;
  readonly baseData: unknown;
  readonly messages: ImportMessage[];
}

function parsed(text: string, file: string): { value: unknown } | ImportMessage {
  try {
    return { value: parseJson(text.replace(/^\uFEFF/, ''), file) };
  } catch (e) {
    const errs = errorsOf(e);
    return { severity: 'error', code: 'DATA_UNREADABLE', file, message: errs ? formatError(errs[0]!) : String(e), hint: 'fix the data file, then import again' };
  }
}

/** The draft, its merge base and the data file as it is now; or the result of failing to read them. */
async function inputs(draftFile: string, options: ImportOptions, templatesDir: string): Promise<Inputs | ImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(draftFile);
  } catch (e) {
    return fail(undefined, [{ severity: 'error', code: 'DRAFT_UNREADABLE', file: draftFile, message: `cannot read the draft: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint: 'check the file name' }]);
  }
  const opened = openDraft(bytes, draftFile);
  if (!('files' in opened)) return fail(undefined, [opened]);
  const { files, base } = opened;
  const dataFile = options.data ?? join('data', base.sourceName);
  const messages: ImportMessage[] = [];
  if (options.data !== undefined && basename(options.data) !== base.sourceName) {
    messages.push({ severity: 'warning', code: 'OTHER_DATA_FILE', file: dataFile, message: `the draft was made from ${base.sourceName}, not from this file`, hint: 'check that --data names the right file' });
  }
  const tplHash = base.template.name === '' ? undefined : await templateFingerprint(join(templatesDir, base.template.name));
  if (tplHash !== undefined && base.template.sha256 !== '' && tplHash !== base.template.sha256) {
    messages.push({ severity: 'warning', code: 'TEMPLATE_CHANGED', file: draftFile, message: `the template "${base.template.name}" has changed since this draft was made`, hint: 'the edits are imported into the data; check the next build' });
  }
  let oursText: string;
  try {
    oursText = new TextDecoder().decode(await readFile(dataFile));
  } catch (e) {
    return fail(dataFile, [...messages, { severity: 'error', code: 'DATA_UNREADABLE', file: dataFile, message: `cannot read the data file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint: 'name the data file the draft was made from with --data FILE' }]);
  }
  const ours = parsed(oursText, dataFile);
  if (!('value' in ours)) return fail(dataFile, [...messages, ours]);
  const baseData = parsed(new TextDecoder().decode(base.sourceData), draftFile);
  if (!('value' in baseData)) return fail(dataFile, [...messages, baseData]);
  return { files, base, dataFile, oursText, ours: ours.value, baseData: baseData.value, messages };
}

/**
 * Imports a draft. Never throws for a user's mistake: every problem is a
 * message. (One function from reading to writing, so the order of the
 * checks that stop it — tracked changes, conflicts, validity — reads top down.)
 */
export async function importDraft(draftFile: string, options: ImportOptions = {}): Promise<ImportResult> {
  const templatesDir = options.templatesDir ?? defaultTemplatesDir();
  const got = await inputs(draftFile, options, templatesDir);
  if ('written' in got) return got;
  const { files, base, dataFile, oursText, messages } = got;
  let reading;
  try {
    reading = readDraft(files, base, options.revisions ?? 'refuse', draftFile);
  } catch (e) {
    if (!(e instanceof Error && /^\d+:\d+: /.test(e.message))) throw e;
    return fail(dataFile, [...messages, { severity: 'error', code: 'DRAFT_UNREADABLE', file: draftFile, message: `the draft's XML is damaged (${e.message})`, hint: 'open the draft in Word, save it again as .docx, and import that file' }]);
  }
  if ((options.revisions ?? 'refuse') === 'refuse' && (reading.tracked.tags.size > 0 || reading.tracked.places.length > 0)) {
    const byTag = new Map(base.markers.map((m) => [m.tag, m]));
    const names = [...new Set([...reading.tracked.tags].map((t) => `"${byTag.get(t)?.label ?? t}" (${byTag.get(t)?.pointer ?? t})`)), ...reading.tracked.places];
    return fail(dataFile, [...messages, { severity: 'error', code: 'TRACKED_CHANGES', file: draftFile, message: `the draft has tracked changes not yet accepted or rejected, in ${names.join(', ')}`, hint: 'accept or reject them in Word (Review › Accept / Reject) and save, or run again with --revisions accept to take them as accepted' }]);
  }
  const theirs = theirChanges(base.markers, reading, got.baseData, dataFile);
  const merged = mergeChanges(theirs.changes, got.ours, options.take, dataFile);
  const all = [...messages, ...reading.messages, ...theirs.messages, ...merged.messages];
  if (all.some((m) => m.severity === 'error')) return fail(dataFile, all);
  if (merged.edits.length === 0) {
    all.push({ severity: 'note', code: 'UNCHANGED', file: dataFile, message: 'nothing to import: the data file is left as it was' });
    return { dataFile, messages: all, changed: [], written: false };
  }
  const text = editJson(oursText, merged.edits);
  try {
    renderModel(JSON.parse(text.replace(/^\uFEFF/, '')), dataFile, { templatesDir });
  } catch (e) {
    const errs = errorsOf(e);
    if (!errs) throw e;
    return fail(dataFile, [...all, ...errs.map((x): ImportMessage => ({
      severity: 'error', code: 'INVALID_RESULT', file: dataFile, ...(x.pointer !== undefined ? { pointer: x.pointer } : {}),
      message: `with the draft's edits the data would not be valid: ${x.message}`, hint: `${x.hint ?? 'fix it'} — in the draft, then import again; nothing was written`,
    }))]);
  }
  for (const c of merged.applied) {
    all.push({ severity: 'note', code: 'CHANGED', file: dataFile, pointer: c.pointer, message: `"${c.label}" changed: ${typeof c.theirs === 'string' ? quote(c.theirs) : `${(c.theirs as unknown[]).length} paragraph(s)`}` });
  }
  if (!options.dryRun) {
    try {
      await writeAtomically(dataFile, text);
    } catch (e) {
      return fail(dataFile, [...all.filter((m) => m.code !== 'CHANGED'), { severity: 'error', code: 'DATA_UNWRITABLE', file: dataFile, message: `cannot write the data file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; it is left as it was`, hint: 'check that the file and its folder may be written (close it in other programs), then import again' }]);
    }
  }
  return { dataFile, messages: all, changed: merged.applied, written: !options.dryRun, text };
}
