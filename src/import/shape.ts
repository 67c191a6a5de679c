/**
 * A paragraph's shape: template text (literals) between field occurrences.
 * `literals.length === fields.length + 1`. Content a field cannot hold is
 * kept in the literal as U+FFFC (outside fields) or listed with the field.
 */
import { parseTag } from '../backends/docx/marking.js';
import type { Segment, WordParagraph } from './paragraphs.js';
import { stripEdgeMarks, stripMarks } from './paragraphs.js';

export const OBJECT_MARK = '\uFFFC';
/** Where a paragraph was split (Enter) inside the text of a shape. */
export const PARAGRAPH_BREAK = '\u2029';

export interface FieldPiece {
  readonly tag: string;
  /** How the field was found: its control's tag, or its bookmark. */
  readonly by: 'tag' | 'bookmark';
  text: string;
  readonly objects: string[];
  readonly comments: string[];
  changed: boolean;
}

export interface Shape {
  readonly literals: string[];
  readonly fields: FieldPiece[];
  /** Objects outside fields, in order (each is a U+FFFC in the literals). */
  readonly objects: string[];
  /** Comments anchored outside fields. */
  readonly comments: string[];
  /** Tracked changes outside any field. */
  changedOutside: boolean;
}

export type Resolver = (seg: Segment) => { tag: string; by: 'tag' | 'bookmark' } | undefined;

/** Resolves a segment's field: a known tag first, else the innermost known bookmark. */
export function resolver(tags: ReadonlySet<string>, bookmarks: ReadonlyMap<string, string>): Resolver {
  return (seg) => {
    if (seg.tag !== undefined && parseTag(seg.tag) && tags.has(seg.tag)) return { tag: seg.tag, by: 'tag' };
    for (let i = seg.bookmarks.length - 1; i >= 0; i--) {
      const t = bookmarks.get(seg.bookmarks[i]!);
      if (t !== undefined) return { tag: t, by: 'bookmark' };
    }
    return undefined;
  };
}

/**
 * Segments as they read after the revisions are applied: deleted text gone
 * (accept) — or, for reading the base, there are none. A tracked insertion
 * right at a field's edge but outside it (LibreOffice puts some there) is
 * given to that field.
 */
function attributed(segments: readonly Segment[], resolve: Resolver): ({ seg: Segment; key: ReturnType<Resolver> })[] {
  const keyed = segments.map((seg) => ({ seg, key: resolve(seg) }));
  const live = keyed.filter((k) => k.seg.change !== 'del' && k.seg.kind !== 'comment');
  for (let i = 0; i < live.length; i++) {
    const k = live[i]!;
    if (k.key !== undefined || k.seg.change !== 'ins' || k.seg.kind !== 'text') continue;
    const prev = live.slice(0, i).reverse().find((x) => x.key !== undefined || x.seg.change !== 'ins');
    const next = live.slice(i + 1).find((x) => x.key !== undefined || x.seg.change !== 'ins');
    k.key = prev?.key ?? next?.key;
  }
  return keyed;
}

/** The shape of a paragraph (or several, joined by PARAGRAPH_BREAK, when one was split). */
export function shapeOf(paragraphs: readonly WordParagraph[], resolve: Resolver): Shape {
  const shape: Shape = { literals: [''], fields: [], objects: [], comments: [], changedOutside: false };
  let open: FieldPiece | undefined;
  paragraphs.forEach((p, pi) => {
    if (pi > 0) {
      if (open) open.text += PARAGRAPH_BREAK;
      else shape.literals[shape.literals.length - 1] += PARAGRAPH_BREAK;
    }
    for (const { seg, key } of attributed(p.segments, resolve)) {
      if (key === undefined) {
        if (seg.change !== undefined) shape.changedOutside = true;
        if (seg.kind === 'comment') { shape.comments.push(seg.id); continue; }
        if (seg.change === 'del') continue;
        open = undefined;
        const add = seg.kind === 'text' ? stripMarks(seg.text) : OBJECT_MARK;
        if (seg.kind === 'object') shape.objects.push(seg.what);
        shape.literals[shape.literals.length - 1] += add;
        continue;
      }
      if (!open || open.tag !== key.tag) {
        open = { tag: key.tag, by: key.by, text: '', objects: [], comments: [], changed: false };
        shape.fields.push(open);
        shape.literals.push('');
      }
      if (seg.change !== undefined) open.changed = true;
      if (seg.kind === 'comment') open.comments.push(seg.id);
      else if (seg.change === 'del') continue;
      else if (seg.kind === 'object') open.objects.push(seg.what);
      else open.text += seg.text;
    }
  });
  for (const f of shape.fields) f.text = f.text.split(PARAGRAPH_BREAK).map(stripEdgeMarks).join(PARAGRAPH_BREAK);
  return shape;
}
