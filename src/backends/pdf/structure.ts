/**
 * The structure tree of a tagged PDF, beyond one element per block: the
 * elements that hold blocks (a table's `Table`, `TR`, `TH`/`TD`) and the
 * `Link` elements of links inside a line.
 *
 * Elements are made when their first content is drawn (glyph-runs.ts draws
 * lines in reading order: reading-order.ts), under one `Document` root
 * (PDF/UA: the tree has a single root). A container is described by a
 * `StructNode` that flow.ts builds with the content; its element is made
 * with all its children (every row and cell of a table, empty cells too, so
 * the table stays regular for assistive technology).
 *
 * A link (PDF 1.7 §14.7.4.4, PDF/UA-1 §7.18.5): the linked glyphs of a line
 * are marked content of their own, an MCID of a `Link` element under the
 * paragraph's element, and the link annotation pdfkit makes over them is the
 * same element's object reference (`OBJR`), with `/StructParent` and its
 * entry in the ParentTree (pdfkit does both when the current structure
 * element is a `Link`) and `/Contents` saying where it goes.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A structure element that holds blocks (flow.ts builds one per table, row and cell). */
export interface StructNode {
  readonly role: 'Table' | 'TR' | 'TH' | 'TD';
  readonly parent?: StructNode;
  /** A header cell's /Scope attribute (PDF 1.7 §14.8.5.7). */
  readonly scope?: 'Column' | 'Row';
  /** Made with this element, in reading order (a table's rows, a row's cells). */
  readonly children?: readonly StructNode[];
}

/** A table's elements: rows of cells in logical (reading) order, header rows' cells `TH` with /Scope /Column. */
export function tableStructure(cellsPerRow: readonly number[], headerRows: number, parent: StructNode | undefined): { readonly table: StructNode; readonly rows: readonly { readonly children: readonly StructNode[] }[] } {
  const rows: { role: 'TR'; parent?: StructNode; children: StructNode[] }[] = [];
  const table: StructNode = { role: 'Table', ...(parent ? { parent } : {}), children: rows };
  cellsPerRow.forEach((n, ri) => {
    const row: { role: 'TR'; parent: StructNode; children: StructNode[] } = { role: 'TR', parent: table, children: [] };
    for (let ci = 0; ci < n; ci++) row.children.push(ri < headerRows ? { role: 'TH', parent: row, scope: 'Column' } : { role: 'TD', parent: row });
    rows.push(row);
  });
  return { table, rows };
}

export interface StructElem {
  add(child: unknown): void;
  end(): void;
  readonly dictionary: { data: Record<string, unknown> };
}

/** The part of pdfkit's document the tagging uses. */
export interface TaggingDoc {
  options?: { tagged?: boolean };
  struct(role: string, options?: { lang?: string; alt?: string }): StructElem;
  addStructure(e: StructElem): void;
  markStructureContent(role: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
  _currentStructureElement?: StructElem | undefined;
}

interface DocStructure {
  readonly root: StructElem;
  /** Elements already made, by the object that stands for them (a block's tag element, a StructNode). */
  readonly made: Map<object, StructElem>;
}
const structures = new WeakMap<object, DocStructure>();

/** The document's structure, its Document root made on first use. */
function structureOf(doc: TaggingDoc): DocStructure {
  let mine = structures.get(doc);
  if (!mine) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    structures.set(doc, (mine = { root, made: new Map() }));
  }
  return mine;
}

/** The Document root element of a tagged document being drawn. */
export function structureRoot(doc: object): StructElem {
  return structureOf(doc as TaggingDoc).root;
}

function make(doc: TaggingDoc, mine: DocStructure, node: StructNode, parent: StructElem): StructElem {
  const elem = doc.struct(node.role);
  if (node.scope) elem.dictionary.data['A'] = { O: 'Table', Scope: node.scope };
  parent.add(elem);
  mine.made.set(node, elem);
  for (const child of node.children ?? []) make(doc, mine, child, elem);
  return elem;
}

/** The element of a container (made with its ancestors and children when first asked for), or the root. */
export function containerElement(doc: object, node: StructNode | undefined): StructElem {
  const d = doc as TaggingDoc;
  const mine = structureOf(d);
  if (!node) return mine.root;
  const hit = mine.made.get(node);
  if (hit) return hit;
  const parent = containerElement(d, node.parent);
  return mine.made.get(node) ?? make(d, mine, node, parent);
}

/** The element of a block (`key`: one object per laid-out block), made on its first line under its container. */
export function blockElement(doc: object, key: object, role: string, lang: string | undefined, container: StructNode | undefined): StructElem {
  const d = doc as TaggingDoc;
  const mine = structureOf(d);
  let elem = mine.made.get(key);
  if (!elem) {
    elem = d.struct(role, lang ? { lang } : {});
    containerElement(d, container).add(elem);
    mine.made.set(key, elem);
  }
  return elem;
}

interface InlineOptions { link?: unknown; features?: unknown }
type TextFn = (this: TaggingDoc, text: string, x?: number, y?: number, options?: InlineOptions & Record<string, unknown>) => unknown;

/** How a line is tagged: its block's element and role, whether it has links, and each inline's rank in reading order (by its pdfkit `features`). */
export interface TaggedLine {
  readonly elem: StructElem;
  readonly role: string;
  readonly hasLinks: boolean;
  readonly order: (features: unknown) => number;
}

/** A stretch of consecutive inlines drawn as one marked-content sequence: of the block's element, or of a Link element. */
interface Unit { readonly target: unknown; readonly link?: StructElem; readonly content: unknown; rank: number }

/**
 * Draws one line of a block's element (`draw` is pdfmake's renderLine).
 * A line without links is one marked-content sequence of `elem`. On a line
 * with links, each inline is drawn by one call of pdfkit's `text`, wrapped
 * for the line: consecutive inlines of the same link (or of none) are one
 * marked-content sequence, a linked one the content of a `Link` element
 * that also holds the annotation pdfkit makes. The sequences join `elem` in
 * reading order (the line is drawn left to right, a right-to-left line read
 * from its right end), each Link ended there, so that its OBJR is written
 * with this page.
 */
export function drawTaggedLine(doc: object, line: TaggedLine, draw: () => void): void {
  const d = doc as TaggingDoc;
  const { elem, role } = line;
  if (!line.hasLinks) {
    const content = d.markStructureContent(role);
    draw();
    d.endMarkedContent();
    elem.add(content);
    return;
  }
  const own = d as unknown as { text: TextFn };
  const text = own.text;
  const ownProperty = Object.prototype.hasOwnProperty.call(own, 'text');
  const units: Unit[] = [];
  let open: Unit | undefined;
  own.text = function (this: TaggingDoc, str, x, y, options) {
    const target = options?.link ?? undefined;
    if (!open || open.target !== target) {
      if (open) d.endMarkedContent();
      const link = target === undefined ? undefined : d.struct('Link');
      open = { target, ...(link ? { link } : {}), content: d.markStructureContent(link ? 'Link' : role), rank: Infinity };
      units.push(open);
    }
    open.rank = Math.min(open.rank, line.order(options?.features));
    const previous = d._currentStructureElement;
    // pdfkit makes the annotation of a link drawn inside a Link element that element's OBJR.
    if (open.link) d._currentStructureElement = open.link;
    try {
      return text.call(this, str, x, y, options);
    } finally {
      d._currentStructureElement = previous;
    }
  };
  try {
    draw();
  } finally {
    if (ownProperty) own.text = text;
    else delete (own as { text?: TextFn }).text;
    if (open) d.endMarkedContent();
  }
  const ranked = units.map((u, i) => ({ u, i })).sort((a, b) => a.u.rank - b.u.rank || a.i - b.i);
  for (const { u } of ranked) {
    if (!u.link) {
      elem.add(u.content);
      continue;
    }
    u.link.add(u.content);
    elem.add(u.link);
    u.link.end();
  }
}

let installed = false;

/**
 * pdfkit gives a link annotation made inside a `Link` element an empty
 * `/Contents`; PDF/UA wants a text alternative there: the target, as read
 * (an e-mail address without `mailto:`).
 */
export function installLinkContents(): void {
  if (installed) return;
  installed = true;
  const PDFDocument = (require('pdfmake/js/PDFDocument') as { default: { prototype: Record<string, unknown> } }).default;
  type LinkFn = (this: unknown, x: number, y: number, w: number, h: number, url: unknown, options?: Record<string, unknown>) => unknown;
  const link = PDFDocument.prototype['link'] as LinkFn;
  PDFDocument.prototype['link'] = function (this: unknown, x: number, y: number, w: number, h: number, url: unknown, options: Record<string, unknown> = {}) {
    const described = options['structParent'] !== undefined && options['Contents'] === undefined && typeof url === 'string';
    return link.call(this, x, y, w, h, url, described ? { ...options, Contents: new String(url.replace(/^mailto:/, '')) } : options);
  };
}
