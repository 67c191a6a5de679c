/**
 * From the draft's readings to edits of the data file: what the draft says
 * per JSON pointer ("theirs"), then the three-way merge against the base
 * embedded in the draft and the data file as it is now ("ours").
 */
import { isDeepStrictEqual } from 'node:util';
import { at } from '../template/validate.js';
import type { BaseMarker } from './base.js';
import { newlines } from './base.js';
import type { JsonEdit } from './jsonedit.js';
import type { ImportMessage } from './messages.js';
import { quote } from './messages.js';
import type { DraftReading } from './read.js';
import { PARAGRAPH_BREAK } from './shape.js';
import { continuationOf } from './align.js';

/** A change the draft makes to one value of the data. */
export interface DraftChange {
  readonly pointer: string;
  readonly label: string;
  /** The value the draft was made from, and the value the draft now gives. */
  readonly base: unknown;
  readonly theirs: unknown;
}

type Say = (m: Omit<ImportMessage, 'file' | 'pointer'>) => void;

/** The draft's texts for one pointer, over its printings; messages for printings that cannot be imported. */
function collect(pointer: string, ms: readonly BaseMarker[], reading: DraftReading, say: Say): { values: Set<string>; extra: string[]; seen: boolean; blocked: boolean } {
  const label = ms[0]!.label;
  const values = new Set<string>();
  const extra: string[] = [];
  let seen = false;
  const missing: BaseMarker[] = [];
  let blocked = false;
  for (const m of ms) {
    const occ = reading.occurrences.get(m.tag) ?? [];
    const after = reading.addedAfter.get(m.tag) ?? [];
    if (occ.length > 0) seen = true;
    else if (!m.derived) missing.push(m);
    for (const o of occ) {
      const [first, ...rest] = o.text.split(PARAGRAPH_BREAK);
      if (o.objects.length > 0) {
        say({ severity: 'skipped', code: 'UNSUPPORTED_CONTENT', message: `"${label}" holds ${[...new Set(o.objects)].join(', ')}, which the data cannot hold; this field is not imported`, hint: 'remove it from the field in the draft (the data holds text only) and import again' });
        blocked = true;
      } else if (m.derived || !m.exact) {
        if (o.text !== m.text) say({ severity: 'skipped', code: 'DERIVED_EDITED', message: `"${label}" is printed here from the data (${m.derived ? 'derived text, e.g. a formatted date or a running header' : 'not as the data holds it'}); the edit ${quote(o.text)} is not imported`, hint: `change ${pointer} in the data file, or where the draft shows it as plain editable text` });
      } else {
        values.add(first!);
        extra.push(...rest, ...after);
      }
    }
  }
  if (missing.length > 0) {
    const which = ms.length > 1 ? ` (its printing ${missing.map((m) => m.occurrence + 1).join(', ')} of ${ms.length})` : '';
    // A note's text (…/notes/N/text) missing from footnotes.xml: the footnote was deleted in Word.
    const note = /^(.*\/notes)\/(\d+)\/text$/.exec(pointer);
    if (note && missing.every((m) => m.part === 'word/footnotes.xml')) {
      say({ severity: 'skipped', code: 'FIELD_MISSING', message: `"${label}" is not in the draft any more (the footnote was deleted in Word); the data keeps the note, and the next build prints it again`, hint: `if the footnote should go, delete it from the data file: item ${note[2]} (counting from 0) of ${note[1]}` });
    } else {
      say({ severity: 'skipped', code: 'FIELD_MISSING', message: `"${label}"${which} is not in the draft any more (its frame was deleted); the data keeps its text`, hint: 'if the text should go, delete it in the data file' });
    }
  }
  return { values, extra, seen, blocked };
}

/** What the draft says, per pointer: changed values, new continuation paragraphs; messages for the rest. */
export function theirChanges(markers: readonly BaseMarker[], reading: DraftReading, baseData: unknown, file: string): { changes: DraftChange[]; messages: ImportMessage[] } {
  const messages: ImportMessage[] = [];
  const byPointer = new Map<string, BaseMarker[]>();
  for (const m of markers) byPointer.set(m.pointer, [...(byPointer.get(m.pointer) ?? []), m]);
  const lists = new Map<string, { item: string; inserts: { index: number; texts: string[] }[]; label: string }>();
  const changes: DraftChange[] = [];
  for (const [pointer, ms] of byPointer) {
    const label = ms[0]!.label;
    const say = (m: Omit<ImportMessage, 'file' | 'pointer'>): void => void messages.push({ file, pointer, ...m });
    const { values, extra, seen, blocked } = collect(pointer, ms, reading, say);
    if (!seen || blocked) continue;
    const base = at(baseData, pointer);
    // Line breaks come back as "\n": a value that differs from the base only by "\r\n" is unchanged, and a changed one keeps the file's "\r\n".
    const crlf = typeof base === 'string' && base.includes('\r\n');
    const changed = [...values].filter((v) => typeof base !== 'string' || v !== newlines(base)).map((v) => (crlf ? v.replace(/\n/g, '\r\n') : v));
    if (changed.length > 1) {
      say({ severity: 'error', code: 'DRAFT_DISAGREES', message: `the draft prints "${label}" in several places and they now differ: ${[...values].map((v) => quote(v)).join(' / ')}`, hint: 'make every place in the draft the same, then import again' });
      continue;
    }
    if (changed.length === 1) changes.push({ pointer, label, base, theirs: changed[0]! });
    const texts = extra.filter((t) => t.trim() !== '');
    if (texts.length === 0) continue;
    const where = continuationOf(pointer);
    if (!where) {
      say({ severity: 'skipped', code: 'BREAK_IN_FIELD', message: `"${label}" holds one paragraph, but Enter was pressed in it; the text after the break, ${texts.map((t) => quote(t)).join(', ')}, is not imported`, hint: 'join the paragraphs in the draft (delete the paragraph break), then import again' });
    }
    if (!where) continue;
    const entry = lists.get(where.list) ?? { item: where.item, inserts: [], label };
    entry.inserts.push({ index: where.index, texts });
    lists.set(where.list, entry);
  }
  for (const [list, e] of lists) {
    const before = at(baseData, list);
    const arr = Array.isArray(before) ? [...(before as unknown[])] : [];
    // Edits of the list's own items go into the new list (by their index in the base), not on their own.
    for (let k = changes.length - 1; k >= 0; k--) {
      const m = new RegExp(`^${list.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\d+)$`).exec(changes[k]!.pointer);
      if (m && Number(m[1]) < arr.length) {
        arr[Number(m[1])] = changes[k]!.theirs;
        changes.splice(k, 1);
      }
    }
    for (const ins of [...e.inserts].sort((a, b) => b.index - a.index)) arr.splice(Math.min(ins.index, arr.length), 0, ...ins.texts);
    changes.push({ pointer: list, label: `${e.label}: new paragraph(s)`, base: before, theirs: arr });
    messages.push({ file, pointer: list, severity: 'warning', code: 'CONTINUATION_ADDED', message: `${arr.length - (Array.isArray(before) ? before.length : 0)} paragraph(s) added in the draft become continuation paragraphs of ${e.item}`, hint: 'check that they belong to that numbered paragraph; a new numbered paragraph is added in the data file' });
  }
  return { changes, messages };
}

export type Take = 'ours' | 'theirs' | undefined;

/** The three-way merge: edits for the data file, and conflicts (messages). */
export function mergeChanges(changes: readonly DraftChange[], ours: unknown, take: Take, dataFile: string): { edits: JsonEdit[]; applied: DraftChange[]; messages: ImportMessage[] } {
  const edits: JsonEdit[] = [];
  const applied: DraftChange[] = [];
  const messages: ImportMessage[] = [];
  for (const c of changes) {
    const now = at(ours, c.pointer);
    if (isDeepStrictEqual(now, c.theirs)) continue; // both sides made the same change
    if (!isDeepStrictEqual(now, c.base)) {
      const show = (v: unknown): string => (v === undefined ? '(absent)' : typeof v === 'string' ? quote(v) : quote(JSON.stringify(v)));
      if (take === undefined) {
        messages.push({ file: dataFile, pointer: c.pointer, severity: 'error', code: 'CONFLICT',
          message: `"${c.label}" was changed both in the data file and in the draft: base ${show(c.base)}, data file (ours) ${show(now)}, draft (theirs) ${show(c.theirs)}`,
          hint: 'run again with --take ours to keep the data file, or --take theirs to take the draft, or make the two agree by hand' });
        continue;
      }
      if (take === 'ours') continue;
    }
    const slash = c.pointer.lastIndexOf('/');
    const parent = c.pointer.slice(0, slash);
    if (now === undefined) {
      const holder = at(ours, parent);
      if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) {
        messages.push({ file: dataFile, pointer: c.pointer, severity: 'error', code: 'CONFLICT', message: `"${c.label}" belongs to ${parent}, which the data file no longer has`, hint: 'the data file was restructured since the draft was made: copy the text from the draft by hand' });
        continue;
      }
      edits.push({ op: 'add', pointer: parent, key: c.pointer.slice(slash + 1).replace(/~1/g, '/').replace(/~0/g, '~'), value: c.theirs });
    } else edits.push({ op: 'replace', pointer: c.pointer, value: c.theirs });
    applied.push(c);
  }
  return { edits, applied, messages };
}
