/**
 * The typed document model: one closed union of blocks and one of inlines.
 *
 * Text is always stored in logical (typed) order. Direction is never resolved
 * here: `dir` says what the author asked for ('auto' = from the content), and
 * alignment is expressed as start/end, which backends map to physical edges
 * only once the paragraph's direction is known.
 */

export type Dir = 'rtl' | 'ltr' | 'auto';
/** How a number is written: `decimal` 1 2 3, `arabic-indic` ١ ٢ ٣, `latin-lower` a b c, `abjad` أ ب ج. */
export type NumberStyle = 'decimal' | 'arabic-indic' | 'latin-lower' | 'abjad';
export type JustifyMode = 'spaces' | 'kashida';
export type Align = 'start' | 'end' | 'center' | 'justify';

/** Where a node came from, for diagnostics: the data file and a JSON pointer. */
export interface SourceRef {
  readonly file?: string;
  /** JSON pointer into the data file, e.g. `/paragraphs/3/text`. */
  readonly pointer?: string;
}

interface NodeBase {
  readonly lang?: string;
  readonly dir?: Dir;
  readonly source?: SourceRef;
}

// ---------------------------------------------------------------- inlines

export interface TextNode extends NodeBase {
  readonly type: 'text';
  readonly value: string;
}

export interface StrongNode extends NodeBase {
  readonly type: 'strong';
  readonly children: readonly Inline[];
}

export interface EmphasisNode extends NodeBase {
  readonly type: 'emphasis';
  readonly children: readonly Inline[];
}

export interface LineBreakNode extends NodeBase {
  readonly type: 'lineBreak';
}

/** A value computed at render time (page number, page count). */
export interface FieldNode extends NodeBase {
  readonly type: 'field';
  readonly name: 'page' | 'pageCount';
}

/**
 * Text that came from the data. Always laid out as its own bidi isolate, so a
 * field's content can never reorder the template text around it. The
 * isolate's direction is decided by the resolve stage (src/resolve): the
 * paragraph's direction, or the first strong letter (FSI) when the template
 * asks for `dir="auto"` (a `<span dir="auto">` around the field).
 */
export interface DataNode extends NodeBase {
  readonly type: 'data';
  readonly children: readonly Inline[];
  /** Computed from the data by a helper (a formatted date): shown, not edited. */
  readonly derived?: boolean;
}

/** A stretch of inlines with its own direction or language (`<span dir lang>`): a bidi isolate when `dir` is set. */
export interface SpanNode extends NodeBase {
  readonly type: 'span';
  readonly children: readonly Inline[];
}

/**
 * A footnote: its marker stands here in the text (logical order); `children`
 * is the note's own text, set at the foot of the page (PDF) or as a Word
 * footnote (DOCX). Numbered by the resolve stage, in document order.
 */
export interface FootnoteNode extends NodeBase {
  readonly type: 'footnote';
  readonly children: readonly Inline[];
}

export type Inline = TextNode | StrongNode | EmphasisNode | LineBreakNode | FieldNode | DataNode | SpanNode | FootnoteNode;
export type InlineType = Inline['type'];

// ----------------------------------------------------------------- blocks

interface BlockBase extends NodeBase {
  /** Name of a paragraph style defined by the template (see StyleSheet). */
  readonly style?: string;
  readonly align?: Align;
  /**
   * A bookmark (PDF outline, Word navigation) for this block at this level;
   * headings have one at their own level unless `outline` is 0.
   */
  readonly outline?: number;
  /** Where the block was written in the template, for diagnostics. */
  readonly origin?: { readonly file: string; readonly line: number };
}

export interface ParagraphNode extends BlockBase {
  readonly type: 'paragraph';
  readonly children: readonly Inline[];
}

export interface HeadingNode extends BlockBase {
  readonly type: 'heading';
  readonly level: 1 | 2 | 3 | 4 | 5 | 6;
  readonly children: readonly Inline[];
}

/**
 * One item of a numbered list. Its first paragraph carries the number; the
 * following paragraphs are continuation paragraphs, unnumbered and aligned
 * with the item's text (not with its number).
 */
export interface ListItemNode extends BlockBase {
  readonly type: 'listItem';
  /** The list this item belongs to (items of one list number consecutively). */
  readonly list: string;
  /** The item's number, derived by the template layer (1-based). */
  readonly number: number;
  readonly children: readonly ParagraphNode[];
}

export interface PageBreakNode extends NodeBase {
  readonly type: 'pageBreak';
}

export interface TableCellNode extends NodeBase {
  readonly type: 'tableCell';
  readonly children: readonly ParagraphNode[];
}

export interface TableRowNode extends NodeBase {
  readonly type: 'tableRow';
  readonly cells: readonly TableCellNode[];
  /** A header row: repeated at the top of each page the table runs onto (only the table's first rows can be). */
  readonly header?: boolean;
}

export interface TableNode extends BlockBase {
  readonly type: 'table';
  /** Relative column widths, in logical (start-to-end) order. */
  readonly columns: readonly number[];
  readonly rows: readonly TableRowNode[];
}

/**
 * A picture (an emblem, a signature): a PNG or JPEG file of the template
 * folder, read when the markup was parsed (backends never read files).
 */
export interface ImageNode extends BlockBase {
  readonly type: 'image';
  /** The file name as the template or the data gave it (for messages). */
  readonly src: string;
  readonly format: 'png' | 'jpeg';
  readonly bytes: Uint8Array;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Points; by default the image's size at 96 pixels per inch. Never wider than its box. */
  readonly width?: number;
  /** Text for readers who cannot see the image (PDF `/Alt`, Word's alt text). */
  readonly alt?: string;
}

export type Block = ParagraphNode | HeadingNode | ListItemNode | PageBreakNode | TableNode | ImageNode;
export type BlockType = Block['type'];

// ------------------------------------------------------ sections, styles

/** A run of pages with its own running header and footer (like a Word section). */
export interface Section {
  readonly name: string;
  readonly blocks: readonly Block[];
  readonly header?: readonly Block[];
  readonly footer?: readonly Block[];
}

export interface ParagraphStyle {
  /** Style this one inherits from. */
  readonly basedOn?: string;
  /** Human name shown in Word's style gallery. */
  readonly displayName?: string;
  readonly font?: string;
  /** Points. */
  readonly size?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly align?: Align;
  /** Points before / after the paragraph. */
  readonly spaceBefore?: number;
  readonly spaceAfter?: number;
  /** Line height as a multiple of the font's natural line height. */
  readonly lineHeight?: number;
  /** Points of indent at the start (right edge in RTL) / end. */
  readonly indentStart?: number;
  readonly indentEnd?: number;
  /** For list items: points reserved at the start edge for the number. */
  readonly numberWidth?: number;
  /** For list items: the label format, `%1` standing for the number (e.g. `%1-`). */
  readonly numberFormat?: string;
  /** For list items and page numbers: the digits or letters of the number. */
  readonly numberStyle?: NumberStyle;
  /** How justified lines are filled: inter-word space only (default), or kashida then space. */
  readonly justify?: JustifyMode;
  /** With `justify: kashida`: the share (0-1) of the stretch beyond comfortable spaces that goes to tatweels (default 1). */
  readonly kashidaShare?: number;
  readonly dir?: Dir;
  readonly lang?: string;
}

export interface PageSetup {
  /** Points. */
  readonly width: number;
  readonly height: number;
  /** Points: top, end, bottom, start — in the document's direction. */
  readonly margins: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly headerDistance?: number;
  readonly footerDistance?: number;
}

export interface DocumentMeta {
  readonly title: string;
  readonly subject?: string;
  readonly author?: string;
  readonly keywords?: readonly string[];
  /** ISO date, `YYYY-MM-DD`: the document's own date, used for every timestamp in the outputs. */
  readonly date: string;
  readonly lang: string;
  readonly dir: 'rtl' | 'ltr';
  /**
   * The data fields' names in the document's language, by JSON key (from the
   * template's language table): the titles editors see on the Word draft's
   * fields. A key without a name is shown as it is.
   */
  readonly fieldNames?: Readonly<Record<string, string>>;
}

export interface DocumentModel {
  readonly meta: DocumentMeta;
  readonly page: PageSetup;
  /** Named paragraph styles; `normal` is the base of all others. */
  readonly styles: Readonly<Record<string, ParagraphStyle>>;
  readonly sections: readonly Section[];
}

/**
 * The chain of style definitions a style name stands for, nearest first:
 * the style, what it is `basedOn`, …, then `normal` (the base of every style).
 * Unknown names end the chain.
 */
export function styleChain(styles: DocumentModel['styles'], name: string | undefined): ParagraphStyle[] {
  const out: ParagraphStyle[] = [];
  const seen = new Set<string>();
  let current: string | undefined = name ?? 'normal';
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const s: ParagraphStyle | undefined = styles[current];
    if (!s) break;
    out.push(s);
    current = s.basedOn ?? (current === 'normal' ? undefined : 'normal');
  }
  return out;
}

/** Resolve a style through its `basedOn` chain (nearest definition wins). */
export function resolveStyle(styles: DocumentModel['styles'], name: string | undefined): ParagraphStyle {
  const out: Record<string, unknown> = {};
  for (const s of styleChain(styles, name).reverse()) {
    for (const [k, v] of Object.entries(s)) if (v !== undefined && k !== 'basedOn' && k !== 'displayName') out[k] = v;
  }
  return out as ParagraphStyle;
}

/** The plain logical text of some inlines (fields and footnotes rendered as empty: a note is not the paragraph's text). */
export function inlineText(nodes: readonly Inline[]): string {
  let s = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text': s += n.value; break;
      case 'lineBreak': s += '\n'; break;
      case 'field': case 'footnote': break;
      case 'strong': case 'emphasis': case 'data': case 'span': s += inlineText(n.children); break;
    }
  }
  return s;
}
