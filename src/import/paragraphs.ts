/**
 * A Word part (document, header, footer) read as paragraphs of segments:
 * text, or content a data field cannot hold (images, tables' own structure
 * aside, page breaks, Word fields), or a comment anchor; a footnote's number is skipped. Each
 * segment knows the markers around it: the tag of the innermost tagged
 * content control, whether it sits in a content control whose tag was lost,
 * and the hidden `_F…` bookmarks open at that point (bookmarks are tracked
 * across paragraphs, since a paragraph split inside a field leaves its
 * bookmark spanning two). Tracked insertions and deletions are kept as such.
 *
 * Used twice: when the draft is built (to record the merge base) and when it
 * comes back (to read the edits), so both sides are read the same way.
 */
import type { XElement } from './xml.js';

export type Change = 'ins' | 'del' | undefined;

interface SegmentBase {
  readonly change: Change;
  /** The tag of the innermost content control with a tag. */
  readonly tag: string | undefined;
  /** Inside a content control that has no tag (LibreOffice drops them). */
  readonly inControl: boolean;
  /** Names of our hidden bookmarks open here, outermost first. */
  readonly bookmarks: readonly string[];
}

export type Segment =
  | (SegmentBase & { readonly kind: 'text'; readonly text: string })
  | (SegmentBase & { readonly kind: 'object'; readonly what: string })
  | (SegmentBase & { readonly kind: 'comment'; readonly id: string });

export interface WordParagraph {
  readonly part: string;
  /** 0-based, in the part's document order (table cells included). */
  readonly index: number;
  readonly inTable: boolean;
  /** A tracked change of the paragraph mark itself (Enter inserted, or paragraphs joined). */
  readonly markChange: Change;
  readonly segments: Segment[];
}

/** Our bookmarks (see marking.ts): hidden, `_F` and 12 hex digits. */
export const OUR_BOOKMARK = /^_F[0-9a-f]{12}$/;

interface State {
  readonly part: string;
  readonly out: WordParagraph[];
  readonly bookmarks: Map<string, string>;
  current: WordParagraph | undefined;
  tables: number;
  /** Depth of complex Word fields (w:fldChar begin … end); their result text is not content. */
  fieldDepth: number;
  inResult: boolean;
}

interface Ctx {
  readonly placeholder?: boolean;
  readonly change: Change;
  readonly tag: string | undefined;
  readonly inControl: boolean;
}

const OBJECTS: Readonly<Record<string, string>> = {
  'w:drawing': 'an image or drawing', 'w:pict': 'an image or drawing', 'w:object': 'an embedded object',
  'mc:AlternateContent': 'an image or drawing', 'w:endnoteReference': 'an endnote',
  'w:sym': 'a symbol character', 'w:fldSimple': 'a Word field', 'w:ptab': 'a tab', 'w:ruby': 'ruby text',
};

function push(st: State, ctx: Ctx, seg: { kind: 'text'; text: string } | { kind: 'object'; what: string } | { kind: 'comment'; id: string }): void {
  const p = st.current;
  if (!p) return;
  const full = { ...(ctx.placeholder && seg.kind === 'text' ? { ...seg, text: '' } : seg), change: ctx.change, tag: ctx.tag, inControl: ctx.inControl, bookmarks: [...st.bookmarks.values()] } as Segment;
  const last = p.segments[p.segments.length - 1];
  if (full.kind === 'text' && last?.kind === 'text' && last.change === full.change && last.tag === full.tag &&
      last.inControl === full.inControl && last.bookmarks.join() === full.bookmarks.join()) {
    p.segments[p.segments.length - 1] = { ...last, text: last.text + full.text };
  } else p.segments.push(full);
}

function runContent(el: XElement, st: State, ctx: Ctx): void {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    switch (c.name) {
      case 'w:t':
      case 'w:delText':
        if (!st.inResult) push(st, ctx, { kind: 'text', text: c.children.filter((x) => typeof x === 'string').join('') });
        break;
      case 'w:tab': if (!st.inResult) push(st, ctx, { kind: 'text', text: '\t' }); break;
      case 'w:noBreakHyphen': push(st, ctx, { kind: 'text', text: '\u2011' }); break;
      case 'w:softHyphen': push(st, ctx, { kind: 'text', text: '\u00AD' }); break;
      case 'w:br': case 'w:cr': {
        const type = c.attrs.get('w:type');
        if (type === 'page' || type === 'column') push(st, ctx, { kind: 'object', what: type === 'page' ? 'a page break' : 'a column break' });
        else push(st, ctx, { kind: 'text', text: '\n' });
        break;
      }
      case 'w:fldChar': {
        const type = c.attrs.get('w:fldCharType');
        if (type === 'begin') {
          if (st.fieldDepth === 0) push(st, ctx, { kind: 'object', what: 'a Word field' });
          st.fieldDepth++;
        } else if (type === 'separate') st.inResult = true;
        else if (type === 'end') {
          st.fieldDepth = Math.max(0, st.fieldDepth - 1);
          if (st.fieldDepth === 0) st.inResult = false;
        }
        break;
      }
      // A footnote's number is not text of the field it stands in: the note's own text is read
      // from footnotes.xml, where its fields are marked like the body's, paragraph by paragraph
      // (a footnote an editor adds or deletes is a paragraph added to or missing from that part).
      case 'w:footnoteReference': break;
      case 'w:commentReference': push(st, ctx, { kind: 'comment', id: c.attrs.get('w:id') ?? '' }); break;
      default: {
        const what = OBJECTS[c.name];
        if (what !== undefined) push(st, ctx, { kind: 'object', what });
      }
    }
  }
}

function paragraphMarkChange(p: XElement): Change {
  for (const pPr of p.children) {
    if (typeof pPr === 'string' || pPr.name !== 'w:pPr') continue;
    for (const rPr of pPr.children) {
      if (typeof rPr === 'string' || rPr.name !== 'w:rPr') continue;
      for (const x of rPr.children) {
        if (typeof x === 'string') continue;
        if (x.name === 'w:ins' || x.name === 'w:moveTo') return 'ins';
        if (x.name === 'w:del' || x.name === 'w:moveFrom') return 'del';
      }
    }
  }
  return undefined;
}

function sdtProperty(sdt: XElement, name: string): XElement | undefined {
  for (const pr of sdt.children) {
    if (typeof pr === 'string' || pr.name !== 'w:sdtPr') continue;
    for (const t of pr.children) if (typeof t !== 'string' && t.name === name) return t;
  }
  return undefined;
}

/** Walks block and inline content alike: paragraphs open where `w:p` is met. */
function walk(el: XElement, st: State, ctx: Ctx): void {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    switch (c.name) {
      case 'w:p': {
        const outer = st.current;
        const p: WordParagraph = { part: st.part, index: st.out.length, inTable: st.tables > 0, markChange: paragraphMarkChange(c), segments: [] };
        st.out.push(p);
        st.current = p;
        walk(c, st, ctx);
        st.current = outer;
        break;
      }
      case 'w:tbl':
        st.tables++;
        push(st, ctx, { kind: 'object', what: 'a table' });
        walk(c, st, ctx);
        st.tables--;
        break;
      case 'w:pPr': case 'w:rPr': case 'w:sectPr': case 'w:sdtPr': case 'w:tblPr': case 'w:trPr': case 'w:tcPr': case 'w:tblGrid':
        break;
      case 'w:sdt': {
        const tag = sdtProperty(c, 'w:tag')?.attrs.get('w:val');
        const inner: Ctx = tag !== undefined && tag !== '' ? { ...ctx, tag, inControl: true } : { ...ctx, inControl: true };
        // A control emptied in Word shows its placeholder ("Click or tap here to enter text."): that is no text.
        const placeholder = sdtProperty(c, 'w:showingPlcHdr') !== undefined;
        // An empty text at its start: a control emptied in the draft still reads, as "".
        push(st, inner, { kind: 'text', text: '' });
        walk(c, st, placeholder ? { ...inner, placeholder: true } : inner);
        break;
      }
      // Inserted, then deleted: deleted.
      case 'w:ins': case 'w:moveTo': walk(c, st, { ...ctx, change: ctx.change === 'del' ? 'del' : 'ins' }); break;
      case 'w:del': case 'w:moveFrom': walk(c, st, { ...ctx, change: 'del' }); break;
      case 'w:bookmarkStart': {
        const name = c.attrs.get('w:name') ?? '';
        if (OUR_BOOKMARK.test(name)) {
          st.bookmarks.set(c.attrs.get('w:id') ?? name, name);
          push(st, ctx, { kind: 'text', text: '' });
        }
        break;
      }
      case 'w:bookmarkEnd': st.bookmarks.delete(c.attrs.get('w:id') ?? ''); break;
      case 'w:commentRangeStart': push(st, ctx, { kind: 'comment', id: c.attrs.get('w:id') ?? '' }); break;
      case 'w:r': runContent(c, st, ctx); break;
      default:
        if (OBJECTS[c.name] !== undefined) push(st, ctx, { kind: 'object', what: OBJECTS[c.name]! });
        else walk(c, st, ctx); // hyperlinks, smart tags, sdtContent, table rows and cells, w:body …
    }
  }
}

/** The paragraphs of one part (`word/document.xml`, a header or a footer). */
export function readParagraphs(root: XElement, part: string): WordParagraph[] {
  const st: State = { part, out: [], bookmarks: new Map(), current: undefined, tables: 0, fieldDepth: 0, inResult: false };
  walk(root, st, { change: undefined, tag: undefined, inControl: false });
  return st.out;
}

/**
 * Invisible direction marks a converter may put at a field's edges: LRM, RLM
 * and ALM at the edges; the isolates (U+2066–U+2069) anywhere, since an edit
 * next to the edge can leave them inside and the data may not hold them.
 */
const EDGE_MARKS = /^[\u200E\u200F\u061C]+|[\u200E\u200F\u061C]+$/g;
export function stripEdgeMarks(s: string): string {
  return s.replace(/[\u2066-\u2069]/g, '').replace(EDGE_MARKS, '');
}
/** The same marks anywhere (for text outside fields, which is compared, never imported). */
export function stripMarks(s: string): string {
  return s.replace(/[\u2066-\u2069\u200E\u200F\u061C]/g, '');
}
