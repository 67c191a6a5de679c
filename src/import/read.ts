/**
 * Reading an edited draft: every field occurrence's text (by tag, else by
 * bookmark, else by position), paragraphs added, text outside fields,
 * content a field cannot hold, tracked changes and comments.
 */
import type { BaseMarker, BaseParagraph, DraftBase } from './base.js';
import { contentParts } from './base.js';
import { addedFootnotes } from './added-notes.js';
import { align, continuationOf, splitByPosition } from './align.js';
import type { ImportMessage } from './messages.js';
import { quote } from './messages.js';
import { readParagraphs } from './paragraphs.js';
import type { WordParagraph } from './paragraphs.js';
import { OBJECT_MARK, PARAGRAPH_BREAK, resolver, shapeOf } from './shape.js';
import type { Shape } from './shape.js';
import { elements, parseXml, textOf } from './xml.js';

export interface Occurrence {
  readonly tag: string;
  /** The text, with PARAGRAPH_BREAK where Enter was pressed inside the field. */
  readonly text: string;
  readonly objects: readonly string[];
}

export interface DraftReading {
  readonly occurrences: Map<string, Occurrence[]>;
  /** Paragraphs typed after a field's paragraph, outside any field (by the field's tag). */
  readonly addedAfter: Map<string, string[]>;
  /** Fields (tags) with tracked changes, and places outside fields that have some. */
  readonly tracked: { tags: Set<string>; places: string[] };
  readonly messages: ImportMessage[];
}

export type Revisions = 'accept' | 'refuse';

/** "paragraph 12 («first words…»)", as the editor finds it in the draft. */
function place(part: string, index: number, text: string): string {
  const where = part === 'word/document.xml' ? '' : ` of the ${/header/.test(part) ? 'header' : /footnotes/.test(part) ? 'footnotes' : 'footer'} (${part})`;
  return `paragraph ${index + 1}${where}${text.trim() === '' ? '' : ` (${quote(text.trim(), 40)})`}`;
}

function showObjects(s: string, objects: readonly string[]): string {
  let k = 0;
  return s.replace(new RegExp(OBJECT_MARK, 'g'), () => `[${objects[k++] ?? 'object'}]`);
}

/** Paragraphs whose mark was deleted (tracked, accepted) are joined with the next one. */
function joinDeletedMarks(ps: readonly WordParagraph[]): WordParagraph[] {
  const out: WordParagraph[] = [];
  let carry: WordParagraph | undefined;
  for (const p of ps) {
    const merged: WordParagraph = carry ? { ...carry, segments: [...carry.segments, ...p.segments], markChange: p.markChange } : p;
    if (p.markChange === 'del') carry = merged;
    else {
      out.push(merged);
      carry = undefined;
    }
  }
  if (carry) out.push(carry);
  return out;
}

interface PartCtx {
  readonly part: string;
  readonly file: string;
  readonly base: readonly BaseParagraph[];
  readonly byTag: ReadonlyMap<string, BaseMarker>;
  readonly reading: DraftReading;
  /** Paragraphs reported already (a footnote added in Word: added-notes.ts). */
  readonly reported?: ReadonlySet<number>;
}

function record(ctx: PartCtx, tag: string, text: string, objects: readonly string[]): void {
  const list = ctx.reading.occurrences.get(tag) ?? [];
  list.push({ tag, text, objects });
  ctx.reading.occurrences.set(tag, list);
}

/** Compares the template text of one base paragraph with its draft paragraph(s); records the fields. */
function readGroup(ctx: PartCtx, b: BaseParagraph, shape: Shape): void {
  const fileMsg = (m: Omit<ImportMessage, 'file'>): void => void ctx.reading.messages.push({ file: ctx.file, ...m });
  let literals = shape.literals;
  if (shape.fields.length === 0 && b.tags.length > 0) {
    const baseTexts = b.tags.map((t) => ctx.byTag.get(t)?.text ?? '');
    const split = splitByPosition(shape.literals[0]!, b.literals, baseTexts);
    if (split) {
      b.tags.forEach((t, k) => {
        record(ctx, t, split[k]!, []);
        const m = ctx.byTag.get(t);
        fileMsg({ severity: 'warning', code: 'FOUND_BY_POSITION', pointer: m?.pointer ?? t,
          message: `"${m?.label ?? t}" has lost its marker in ${place(b.part, b.index, shape.literals[0]!)}; it was found by its position in the paragraph`,
          hint: 'check that the change shown in the summary is the one made in the draft' });
      });
      return;
    }
  }
  for (const f of shape.fields) record(ctx, f.tag, f.text, f.objects);
  const same = shape.fields.length === b.tags.length && shape.fields.every((f, k) => f.tag === b.tags[k]);
  const pairs: [string, string][] = same ? b.literals.map((l, k) => [l, literals[k]!]) : [[b.literals.join(''), literals.join('')]];
  for (const [was, now] of pairs) {
    if (was === now) continue;
    fileMsg({ severity: 'skipped', code: 'OUTSIDE_FIELD',
      message: `text outside any field was changed in ${place(b.part, b.index, b.literals.join('') || now)}: the template prints ${quote(was)}, the draft has ${quote(showObjects(now, shape.objects))}`,
      hint: 'make text changes inside the fields (the framed text in Word); template text changes go to the template' });
  }
}

function readPart(ctx: PartCtx, paragraphs: readonly WordParagraph[], revisions: Revisions, resolve: ReturnType<typeof resolver>): void {
  const ps = revisions === 'accept' ? joinDeletedMarks(paragraphs) : [...paragraphs];
  const shapes = ps.map((p) => shapeOf([p], resolve));
  shapes.forEach((s, i) => {
    for (const f of s.fields) if (f.changed) ctx.reading.tracked.tags.add(f.tag);
    if (s.changedOutside || (ps[i]!.markChange !== undefined && s.fields.length === 0)) {
      ctx.reading.tracked.places.push(place(ctx.part, ps[i]!.index, s.literals.join('')));
    }
    if (ps[i]!.markChange !== undefined) for (const f of s.fields) ctx.reading.tracked.tags.add(f.tag);
  });
  const anchors = shapes.map((s) => {
    const m = s.fields.map((f) => ctx.byTag.get(f.tag)).find((x) => x !== undefined && x.part === ctx.part);
    return m === undefined ? undefined : ctx.base.findIndex((b) => b.index === m.paragraph);
  }).map((x) => (x === undefined || x < 0 ? undefined : x));
  if (ctx.base.length === 0 && ctx.part !== 'word/document.xml') {
    // A header or footer the base does not know by this name (LibreOffice renumbers them): only its fields are read.
    for (const s of shapes) for (const f of s.fields) record(ctx, f.tag, f.text, f.objects);
    return;
  }
  const { groups, added } = align(ctx.base, shapes, anchors);
  for (const [bi, ds] of [...groups.entries()].sort((x, y) => x[0] - y[0])) {
    readGroup(ctx, ctx.base[bi]!, shapeOf(ds.map((d) => ps[d]!), resolve));
  }
  for (const d of added) {
    const s = shapes[d]!;
    const text = s.literals.join('');
    if (text.replace(/[\s\u2029]/g, '') === '' && s.objects.length === 0) continue;
    if (ctx.reported?.has(ps[d]!.index)) continue;
    // The field this paragraph follows: the last field of the nearest paragraph before it that has one.
    let prev: string | undefined;
    for (let k = d - 1; k >= 0 && prev === undefined; k--) {
      const fs = shapes[k]!.fields;
      if (fs.length > 0) prev = fs[fs.length - 1]!.tag;
      else if (!added.includes(k)) break;
    }
    const owner = prev === undefined ? undefined : ctx.byTag.get(prev);
    // Only a numbered item's paragraph takes new paragraphs after it (as continuation paragraphs).
    if (prev !== undefined && owner !== undefined && !owner.derived && owner.exact && continuationOf(owner.pointer) && s.objects.length === 0 && !ps[d]!.inTable) {
      const list = ctx.reading.addedAfter.get(prev) ?? [];
      list.push(text);
      ctx.reading.addedAfter.set(prev, list);
    } else {
      ctx.reading.messages.push({ file: ctx.file, severity: 'skipped', code: 'OUTSIDE_FIELD',
        message: `a paragraph outside any field was added: ${place(ctx.part, ps[d]!.index, '')}${ps[d]!.inTable ? ' (in a table)' : ''} reads ${quote(showObjects(text, s.objects))}`,
        hint: 'type new text inside a field (a new paragraph of a numbered item goes right after its text), or add it to the data file' });
    }
  }
}

/** Comments of the draft: author, the field they are on (or the paragraph), their text. */
function readComments(files: ReadonlyMap<string, Uint8Array>, parts: Map<string, WordParagraph[]>, resolve: ReturnType<typeof resolver>, byTag: ReadonlyMap<string, BaseMarker>, file: string): ImportMessage[] {
  const xml = files.get('word/comments.xml');
  if (!xml) return [];
  const anchors = new Map<string, string>();
  for (const [part, ps] of parts) {
    for (const p of ps) {
      const shape = shapeOf([p], resolve);
      for (const f of shape.fields) for (const id of f.comments) if (!anchors.has(id)) anchors.set(id, `on "${byTag.get(f.tag)?.label ?? f.tag}" (${byTag.get(f.tag)?.pointer ?? f.tag})`);
      for (const id of shape.comments) if (!anchors.has(id)) anchors.set(id, `on ${place(part, p.index, shape.literals.join(''))}`);
    }
  }
  return elements(parseXml(new TextDecoder().decode(xml)), 'w:comment').map((c) => {
    const id = c.attrs.get('w:id') ?? '';
    const author = c.attrs.get('w:author') ?? 'someone';
    const text = elements(c, 'w:p').map(textOf).join('\n');
    return { severity: 'note', code: 'COMMENT', file, message: `comment by ${author} ${anchors.get(id) ?? '(its place is lost)'}: ${quote(text, 400)}` } as const;
  });
}

export function readDraft(files: ReadonlyMap<string, Uint8Array>, base: DraftBase, revisions: Revisions, draftFile: string): DraftReading {
  const byTag = new Map(base.markers.map((m) => [m.tag, m]));
  const resolve = resolver(new Set(byTag.keys()), new Map(base.markers.filter((m) => m.bookmark !== '').map((m) => [m.bookmark, m.tag])));
  const reading: DraftReading = { occurrences: new Map(), addedAfter: new Map(), tracked: { tags: new Set(), places: [] }, messages: [] };
  const parts = new Map<string, WordParagraph[]>();
  for (const part of contentParts(files.keys())) {
    parts.set(part, readParagraphs(parseXml(new TextDecoder().decode(files.get(part)!)), part));
  }
  const added = addedFootnotes(files, parts.get('word/footnotes.xml'), resolve, byTag, draftFile);
  reading.messages.push(...added.messages);
  for (const [part, ps] of parts) {
    const ctx: PartCtx = { part, file: draftFile, base: base.paragraphs.filter((b) => b.part === part), byTag, reading, ...(part === 'word/footnotes.xml' ? { reported: added.paragraphs } : {}) };
    readPart(ctx, ps, revisions, resolve);
  }
  reading.messages.push(...readComments(files, parts, resolve, byTag, draftFile));
  return reading;
}

export { PARAGRAPH_BREAK };
