/**
 * What the resolve stage hands to every backend: the document with each
 * decision that backends must agree on already taken, once. Text stays in
 * logical order; nothing here knows fonts, glyphs or pages.
 */
import type { Align, DocumentMeta, NumberStyle, PageSetup, ParagraphStyle, SourceRef } from '../model/index.js';

/** A base direction once `auto` is resolved. */
export type Direction = 'rtl' | 'ltr';

/** What one inline run looks like, as far as every backend must agree. */
export interface RunFormat {
  readonly bold: boolean;
  readonly italic: boolean;
  /** BCP 47 language of the run (the paragraph's unless an inline says otherwise). */
  readonly lang: string;
}

/** A data field's occurrence: where its text comes from. */
export interface DataRef {
  readonly source: SourceRef;
  /** Computed by a helper (a formatted date) or repeated in a running head: shown, not edited. */
  readonly derived: boolean;
  /** 0 for the first printing of this JSON pointer in the document, 1 for the second… */
  readonly occurrence: number;
}

/**
 * Resolved inlines, in logical order. An isolate is a bidi isolate (UAX #9
 * LRI/RLI/FSI … PDI): a data field (with `data`) or an inline with its own
 * direction. `dir: 'auto'` is an FSI (first strong letter), only where the
 * template asked for it.
 */
export type RInline =
  /** `link`: the text is a web or e-mail address (`https:`, `http:` or `mailto:` target; see links.ts). */
  | { readonly kind: 'text'; readonly text: string; readonly format: RunFormat; readonly link?: string }
  | { readonly kind: 'break'; readonly format: RunFormat }
  | { readonly kind: 'field'; readonly name: 'page' | 'pageCount'; readonly format: RunFormat; readonly numberStyle: NumberStyle }
  | { readonly kind: 'isolate'; readonly dir: Direction | 'auto'; readonly data?: DataRef; readonly children: readonly RInline[] }
  /** A footnote's marker: its number as printed, an isolate of `dir` (the text around), in `format`'s language. */
  | { readonly kind: 'noteRef'; readonly note: RFootnote; readonly dir: Direction; readonly format: RunFormat };

/**
 * A footnote number's geometry, the same in every backend: its size as a share
 * of the text's (Word's superscript is about two thirds), how far its baseline
 * is raised as a share of the text's size (Word: a third), and the gap after a
 * note's hanging number as a share of the note's size.
 */
export const FOOTNOTE_NUMBER = { scale: 0.65, rise: 0.33, gap: 0.4 } as const;

/** A footnote, numbered once for every backend (1, 2, 3… in document order). */
export interface RFootnote {
  readonly number: number;
  /** The number as printed, in the digits of the template's `footnote` style (`numberStyle`): `3`, `٣`. */
  readonly label: string;
  readonly numberStyle: NumberStyle;
  /** The note's text: a paragraph of style `footnote` (else `normal`), role `footnote`. */
  readonly paragraph: RParagraph;
}

/** A list number, decided once: its text and the list it continues. */
export interface ListLabel {
  /** The label as printed, e.g. `1-`, `٣-`, `(ب)`. */
  readonly text: string;
  readonly number: number;
  readonly list: string;
  /** The style's format (`%1-`) and number style, for backends that number natively (Word). */
  readonly format: string;
  readonly numberStyle: NumberStyle;
  /** Points reserved at the start edge for the label. */
  readonly width: number;
}

export type ParagraphRole = 'paragraph' | 'heading' | 'listItem' | 'continuation' | 'footnote';

export interface RParagraph {
  readonly kind: 'paragraph';
  readonly role: ParagraphRole;
  /** For headings: 1–6. */
  readonly level?: 1 | 2 | 3 | 4 | 5 | 6;
  /** The style the paragraph really has (unknown names already reported and replaced by `normal`). */
  readonly styleName: string;
  /** That style with its `basedOn` chain applied. */
  readonly style: ParagraphStyle;
  readonly dir: Direction;
  readonly align: Align;
  readonly lang: string;
  /** Points at the start and end edges (the label's box is inside indentStart … indentStart + label.width). */
  readonly indentStart: number;
  readonly indentEnd: number;
  readonly label?: ListLabel;
  /** A continuation paragraph: the list item it follows (its text is aligned with that item's text). */
  readonly continues?: ListLabel;
  /** A bookmark: level and title. */
  readonly outline?: { readonly level: number; readonly title: string };
  /** In a running header or footer (an artifact, laid out again on every page). */
  readonly running: boolean;
  readonly inlines: readonly RInline[];
  readonly source?: SourceRef;
  readonly origin?: { readonly file: string; readonly line: number };
}

export interface RTableCell {
  readonly dir: Direction;
  readonly blocks: readonly RParagraph[];
}

export interface RTable {
  readonly kind: 'table';
  readonly styleName: string;
  readonly style: ParagraphStyle;
  /** Column order: start to end (right to left in a right-to-left table). */
  readonly dir: Direction;
  /** Relative widths, logical order. */
  readonly columns: readonly number[];
  readonly rows: readonly (readonly RTableCell[])[];
  /** How many of the first rows are header rows (repeated at the top of each page). */
  readonly headerRows: number;
  readonly running: boolean;
}

export interface RPageBreak {
  readonly kind: 'pageBreak';
}

/** A picture, its size and place decided (a backend only narrows it to its box). */
export interface RImage {
  readonly kind: 'image';
  readonly format: 'png' | 'jpeg';
  readonly bytes: Uint8Array;
  /** Points, before narrowing to the box. */
  readonly width: number;
  readonly height: number;
  /** Start, end or center of the box, in the direction `dir`. */
  readonly align: 'start' | 'end' | 'center';
  readonly dir: Direction;
  readonly alt?: string;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  readonly running: boolean;
  readonly origin?: { readonly file: string; readonly line: number };
}

export type RBlock = RParagraph | RTable | RPageBreak | RImage;

export interface RSection {
  readonly name: string;
  readonly blocks: readonly RBlock[];
  readonly header?: readonly RBlock[];
  readonly footer?: readonly RBlock[];
}

export interface ResolvedDocument {
  readonly meta: DocumentMeta;
  readonly page: PageSetup;
  /** The template's styles as written (backends that keep named styles, like Word, need them). */
  readonly styles: Readonly<Record<string, ParagraphStyle>>;
  readonly sections: readonly RSection[];
  /** Every footnote, in number order (each also stands, as a `noteRef`, where its marker is). */
  readonly notes: readonly RFootnote[];
  /** Problems found while resolving (unknown styles…), for the backends to report. */
  readonly diagnostics: readonly ResolveDiagnostic[];
}

export interface ResolveDiagnostic {
  readonly severity: 'warning' | 'error';
  readonly code: string;
  readonly message: string;
  readonly source?: SourceRef;
}
