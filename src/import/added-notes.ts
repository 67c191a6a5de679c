/**
 * Footnotes an editor adds in Word (References › Insert Footnote): a
 * `w:footnoteReference` in the text and a `w:footnote` in footnotes.xml
 * whose paragraphs hold no field (the notes the build wrote hold their
 * note's `text` field, marked like the body's). Footnotes come from the
 * data's "notes" only: an added one is reported, with where its number is
 * (the field and the words before it) and its text, and what to add to the
 * data; its paragraphs are not read as text added outside the fields, and
 * nothing else changes (the number in the text is no text of its field).
 */
import type { BaseMarker } from './base.js';
import type { ImportMessage } from './messages.js';
import { quote } from './messages.js';
import type { WordParagraph } from './paragraphs.js';
import { OUR_BOOKMARK } from './paragraphs.js';
import type { Resolver } from './shape.js';
import { shapeOf } from './shape.js';
import type { XElement } from './xml.js';
import { descendants, elements, parseXml } from './xml.js';

export interface AddedNotes {
  /** Indices of the added notes' paragraphs in footnotes.xml (as readParagraphs numbers them). */
  readonly paragraphs: ReadonlySet<number>;
  readonly messages: ImportMessage[];
}

/** Where a footnote's number is in the text: the field last opened before it, and the text before it in its paragraph. */
interface RefPlace { tag: string | undefined; before: string; paragraph: number }

/** The place of each footnote number (by footnote id) in document.xml. */
function referencePlaces(doc: XElement, bookmarkTags: ReadonlyMap<string, string>): Map<string, RefPlace> {
  const out = new Map<string, RefPlace>();
  descendants(doc, 'w:p').forEach((p, paragraph) => {
    let tag: string | undefined;
    let before = '';
    const walk = (el: XElement): void => {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'w:sdt') {
          const t = descendants(c, 'w:tag')[0]?.attrs.get('w:val');
          if (t) tag = t;
        } else if (c.name === 'w:bookmarkStart' && OUR_BOOKMARK.test(c.attrs.get('w:name') ?? '')) {
          tag = bookmarkTags.get(c.attrs.get('w:name')!) ?? tag;
        } else if (c.name === 'w:t') before += c.children.filter((x) => typeof x === 'string').join('');
        else if (c.name === 'w:footnoteReference') out.set(c.attrs.get('w:id') ?? '', { tag, before, paragraph });
        if (c.name !== 'w:sdtPr' && c.name !== 'w:rPr' && c.name !== 'w:pPr') walk(c);
      }
    };
    walk(p);
  });
  return out;
}

/** The last words before the number (up to five), as the note's "after" would name them. */
function lastWords(text: string): string {
  return text.trim().split(/\s+/).slice(-5).join(' ');
}

function message(id: string, text: string, place: RefPlace | undefined, byTag: ReadonlyMap<string, BaseMarker>, file: string): ImportMessage {
  const field = place?.tag === undefined ? undefined : byTag.get(place.tag);
  const after = place ? lastWords(place.before) : '';
  const where = field
    ? `in "${field.label}" (${field.pointer}), after ${quote(after, 60)}`
    : place ? `in paragraph ${place.paragraph + 1} of the text, after ${quote(after, 60)}` : `(footnote ${id}; its number is not in the text)`;
  const owner = field ? field.pointer.replace(/\/[^/]*$/, '') : undefined;
  const entry = `{"after": ${JSON.stringify(after)}, "text": ${JSON.stringify(text)}}`;
  return {
    severity: 'skipped', code: 'FOOTNOTE_ADDED', file, ...(field ? { pointer: field.pointer } : {}),
    message: `a footnote was added in Word ${where}: ${quote(text, 120)}; footnotes are not imported from a draft, the data has no such note`,
    hint: `to keep it, add it to the data file${owner !== undefined ? ` in the "notes" of ${owner}` : ` in the "notes" of its paragraph`}, ${entry} ("after": words of the paragraph the number follows; README, "Footnotes"), and build again; the rest of the draft is imported as usual`,
  };
}

/** The footnotes of the draft that the build did not write (see the top of the file). */
export function addedFootnotes(files: ReadonlyMap<string, Uint8Array>, notes: readonly WordParagraph[] | undefined, resolve: Resolver, byTag: ReadonlyMap<string, BaseMarker>, file: string): AddedNotes {
  const out = { paragraphs: new Set<number>(), messages: [] as ImportMessage[] };
  const xml = files.get('word/footnotes.xml');
  const docXml = files.get('word/document.xml');
  if (!xml || !docXml || !notes) return out;
  const bookmarkTags = new Map([...byTag.values()].filter((m) => m.bookmark !== '').map((m) => [m.bookmark, m.tag]));
  let places: Map<string, RefPlace> | undefined;
  let index = 0;
  for (const fn of elements(parseXml(new TextDecoder().decode(xml)), 'w:footnote')) {
    const count = descendants(fn, 'w:p').length;
    const mine = notes.slice(index, index + count);
    index += count;
    const type = fn.attrs.get('w:type');
    if (type !== undefined && type !== 'normal') continue; // separators
    const shape = shapeOf(mine, resolve);
    const text = shape.literals.join('').replace(/[\s\u2029]+/g, ' ').trim();
    if (shape.fields.length > 0 || text === '') continue;
    for (const p of mine) out.paragraphs.add(p.index);
    places ??= referencePlaces(parseXml(new TextDecoder().decode(docXml)), bookmarkTags);
    const id = fn.attrs.get('w:id') ?? '';
    out.messages.push(message(id, text, places.get(id), byTag, file));
  }
  return out;
}
