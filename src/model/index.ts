/**
 * The typed document model: one closed union of blocks and one of inlines.
 *
 * Text is always stored in logical (typed) order. Direction is never resolved
 * here: `dir` says what the author asked for ('auto' = from the content), and
 * alignment is expressed as start/end, which backends map to physical edges
 * only once the paragraph's direction is known.
 */

export type Dir = 'rtl' | 'ltr' | 'auto';
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
 * Text that came from the data. Always laid out as its own bidi isolate
 * (UAX #9 FSI..PDI, or the `dir` given), so a field's content can never
 * reorder the template text around it.
 */
export interface DataNode extends NodeBase {
  readonly type: 'data';
  readonly children: readonly Inline[];
}

export type Inline = TextNode | StrongNode | EmphasisNode | LineBreakNode | FieldNode | DataNode;
export type InlineType = Inline['type'];

// ----------------------------------------------------------------- blocks

interface BlockBase extends NodeBase {
  /** Name of a paragraph style defined by the template (see StyleSheet). */
  readonly style?: string;
  readonly align?: Align;
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
}

export interface TableNode extends BlockBase {
  readonly type: 'table';
  /** Relative column widths, in logical (start-to-end) order. */
  readonly columns: readonly number[];
  readonly rows: readonly TableRowNode[];
}

export type Block = ParagraphNode | HeadingNode | ListItemNode | PageBreakNode | TableNode;
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
}

export interface DocumentModel {
  readonly meta: DocumentMeta;
  readonly page: PageSetup;
  /** Named paragraph styles; `normal` is the base of all others. */
  readonly styles: Readonly<Record<string, ParagraphStyle>>;
  readonly sections: readonly Section[];
}

// ------------------------------------------------- exhaustive handler maps

/**
 * One handler per node type. Backends implement these maps, so adding a node
 * type to the union fails to compile until every backend handles it.
 */
export type BlockHandlers<R, C = void> = {
  readonly [K in BlockType]: (node: Extract<Block, { type: K }>, ctx: C) => R;
};
export type InlineHandlers<R, C = void> = {
  readonly [K in InlineType]: (node: Extract<Inline, { type: K }>, ctx: C) => R;
};

export function visitBlock<R, C>(handlers: BlockHandlers<R, C>, node: Block, ctx: C): R {
  return (handlers[node.type] as (n: Block, c: C) => R)(node, ctx);
}

export function visitInline<R, C>(handlers: InlineHandlers<R, C>, node: Inline, ctx: C): R {
  return (handlers[node.type] as (n: Inline, c: C) => R)(node, ctx);
}

/** Resolve a style through its `basedOn` chain (nearest definition wins). */
export function resolveStyle(styles: DocumentModel['styles'], name: string | undefined): ParagraphStyle {
  const chain: ParagraphStyle[] = [];
  const seen = new Set<string>();
  let current: string | undefined = name ?? 'normal';
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const s: ParagraphStyle | undefined = styles[current];
    if (!s) break;
    chain.unshift(s);
    current = s.basedOn ?? (current === 'normal' ? undefined : 'normal');
  }
  const out: Record<string, unknown> = {};
  for (const s of chain) {
    for (const [k, v] of Object.entries(s)) if (v !== undefined && k !== 'basedOn' && k !== 'displayName') out[k] = v;
  }
  return out as ParagraphStyle;
}

/** The plain logical text of some inlines (fields rendered as empty). */
export function inlineText(nodes: readonly Inline[]): string {
  let s = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text': s += n.value; break;
      case 'lineBreak': s += '\n'; break;
      case 'field': break;
      case 'strong': case 'emphasis': case 'data': s += inlineText(n.children); break;
    }
  }
  return s;
}
