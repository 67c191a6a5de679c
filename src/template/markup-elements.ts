/**
 * The markup's elements as a table: for each, its attributes, the
 * attributes it needs, where it may stand, and what closing it builds. The
 * parser (markup.ts) checks the first three for every element and calls
 * `close`; adding an element is adding a row.
 */
import type { Align, Block, Dir, ParagraphNode, Section, TableCellNode, TableRowNode } from '../model/index.js';
import { inlineText } from '../model/index.js';
import { isRealDate } from './helpers.js';
import { imageNode } from './image-node.js';
import type { DataValue } from './data-helper.js';
import { DocError } from '../errors.js';
import { type MInline, freezeInlines, normalize, placeNotes } from './markup-inlines.js';

export interface Frame {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Inline content (p, h, b, i, span, meta children). */
  readonly inlines: MInline[];
  /** Block content (section, header, footer, item, cell). */
  readonly blocks: Block[];
  /** Rows (table) or cells (row). */
  readonly rows: TableRowNode[];
  readonly cells: TableCellNode[];
  readonly offset: number;
}

/** What closing an element may read and change. */
export interface ParseState {
  readonly dataFile: string;
  /** The template's folder: `<image>` files are read from it, and from nowhere else. */
  readonly templateDir: string | undefined;
  readonly values: readonly DataValue[];
  readonly sections: Section[];
  readonly meta: Record<string, string[]>;
  readonly listCounters: Map<string, number>;
  readonly sectionParts: WeakMap<Frame, { header?: Block[]; footer?: Block[] }>;
  metaSeen: boolean;
  fail(message: string, offset: number, hint?: string): never;
  /** The template file and line of an offset in the output. */
  locate(offset: number): { file?: string; line?: number };
}

type Close = (frame: Frame, parent: Frame | undefined, st: ParseState) => void;

export interface ElementSpec {
  readonly attrs: readonly string[];
  readonly required?: readonly string[];
  /** Where the element may stand ('' = at the top). */
  readonly parents: readonly string[];
  readonly close: Close;
}

const BLOCK_ATTRS = ['style', 'align', 'dir', 'lang'];
const INLINE_PARENTS = ['p', 'h', 'b', 'i', 'span', 'note'];
export const META_FIELDS = ['title', 'subject', 'author', 'keyword', 'date', 'lang', 'dir'];

function dirOf(v: string, at: number, st: ParseState): Dir {
  if (v !== 'rtl' && v !== 'ltr' && v !== 'auto') st.fail(`dir="${v}": use rtl, ltr or auto`, at);
  return v as Dir;
}

/** A block with the attributes every block shares, and where the template wrote it. */
function block<T extends Block>(node: T, a: Readonly<Record<string, string>>, at: number, st: ParseState): T {
  const out: Record<string, unknown> = { type: node.type };
  if (a['style'] !== undefined) out['style'] = a['style'];
  if (a['align'] !== undefined) {
    if (!['start', 'end', 'center', 'justify'].includes(a['align'])) st.fail(`align="${a['align']}": use start, end, center or justify`, at);
    out['align'] = a['align'] as Align;
  }
  if (a['dir'] !== undefined) out['dir'] = dirOf(a['dir'], at, st);
  if (a['lang'] !== undefined) out['lang'] = a['lang'];
  if (a['outline'] !== undefined) {
    const level = Number(a['outline']);
    if (!(Number.isInteger(level) && level >= 0 && level <= 9)) st.fail(`outline="${a['outline']}": give the bookmark's level, 1 to 9 (0: no bookmark)`, at);
    out['outline'] = level;
  }
  const origin = st.locate(at);
  if (origin.file !== undefined && origin.line !== undefined) out['origin'] = { file: origin.file, line: origin.line };
  return { ...out, ...node } as T;
}



/** A paragraph's or heading's inlines, footnote markers placed (markup-inlines.ts), frozen for the model. */
function paragraphInlines(f: Frame, st: ParseState): ReturnType<typeof freezeInlines> {
  const inlines = normalize(f.inlines);
  const [missing] = placeNotes(inlines);
  if (missing?.after) {
    const words = missing.after.text;
    const where = missing.after.pointer !== undefined ? { file: st.dataFile, pointer: missing.after.pointer } : st.locate(f.offset);
    throw new DocError('FOOTNOTE', `the footnote's marker should follow "${words}", but the paragraph's text before the note has no such words`, {
      ...where,
      hint: 'copy the words exactly as the paragraph writes them: the marker goes right after them; or leave "after" out to put the marker at the end of the paragraph',
    });
  }
  return freezeInlines(inlines, st.dataFile);
}

const note: Close = (f, parent, st) => {
  if (parent!.name === 'note') st.fail('a <note> inside a <note>', f.offset, 'a footnote cannot have a footnote');
  const after = f.inlines.filter((n) => n.kind === 'after');
  if (after.length > 1) st.fail('a <note> with two <after>', f.offset, 'give the words its marker follows once');
  const children = f.inlines.filter((n) => n.kind !== 'after');
  const a = after[0];
  parent!.inlines.push({ kind: 'note', children, ...(a?.kind === 'after' ? { after: a.value } : {}) });
};

const afterWords: Close = (f, parent, st) => {
  const data = f.inlines.filter((n) => n.kind !== 'text' || n.value.trim() !== '');
  const only = data[0];
  if (data.length !== 1 || only?.kind !== 'data') return st.fail('<after> holds one printed value: <after>{{after}}</after>', f.offset, 'the words the marker follows come from the data');
  parent!.inlines.push({ kind: 'after', value: only.value });
};

const metaField: Close = (frame, _parent, st) => {
  const name = frame.name;
  const value = inlineText(freezeInlines(normalize(frame.inlines), st.dataFile));
  if (name !== 'keyword' && st.meta[name]?.length) st.fail(`a second <${name}> in <meta>`, frame.offset);
  if (name === 'date' && !isRealDate(value)) st.fail(`<date> "${value}" is not a date`, frame.offset, 'print the ISO date (YYYY-MM-DD) of the data here');
  if (name === 'dir' && value !== 'rtl' && value !== 'ltr') st.fail(`<dir> must be rtl or ltr, not "${value}"`, frame.offset);
  (st.meta[name] ??= []).push(value);
};

const runningPart: Close = (frame, parent, st) => {
  const name = frame.name as 'header' | 'footer';
  const parts = st.sectionParts.get(parent!) ?? {};
  if (parts[name]) st.fail(`a second <${name}> in this section`, frame.offset);
  parts[name] = frame.blocks;
  st.sectionParts.set(parent!, parts);
};

const item: Close = (frame, parent, st) => {
  const a = frame.attrs;
  const at = frame.offset;
  if (!frame.blocks.length) st.fail('<item> has no <p>', at, 'an item holds its paragraph and any continuation paragraphs');
  const list = a['list']!;
  let number: number;
  if (a['start'] !== undefined) {
    number = Number(a['start']);
    if (!Number.isInteger(number) || number < 0) st.fail(`<item start="${a['start']}">: start must be a whole number`, at);
  } else number = (st.listCounters.get(list) ?? 0) + 1;
  st.listCounters.set(list, number);
  parent!.blocks.push(block({ type: 'listItem', list, number, children: frame.blocks as ParagraphNode[] }, a, at, st));
};

const table: Close = (frame, parent, st) => {
  const a = frame.attrs;
  const at = frame.offset;
  if (!frame.rows.length) st.fail('<table> has no <row>', at);
  let columns: number[];
  if (a['columns'] !== undefined) {
    columns = a['columns'].split(' ').filter((x) => x !== '').map(Number);
    if (!columns.length || columns.some((c) => !(c > 0))) st.fail(`<table columns="${a['columns']}">: give positive relative widths, e.g. "2 1"`, at);
  } else columns = Array<number>(frame.rows[0]!.cells.length).fill(1);
  frame.rows.forEach((r, i) => {
    if (r.cells.length !== columns.length) st.fail(`row ${i + 1} of the table has ${r.cells.length} cells, the table has ${columns.length} columns`, at);
  });
  parent!.blocks.push(block({ type: 'table', columns, rows: frame.rows }, a, at, st));
};

export const ELEMENTS: Readonly<Record<string, ElementSpec>> = {
  document: { attrs: [], parents: [''], close: (f, _p, st) => { if (!st.metaSeen) st.fail('the document has no <meta>', f.offset, 'add <meta> with title, date, lang and dir'); } },
  meta: {
    attrs: [], parents: ['document'],
    close: (f, _p, st) => { for (const m of ['title', 'date', 'lang', 'dir']) if (!st.meta[m]?.length) st.fail(`<meta> has no <${m}>`, f.offset); },
  },
  ...Object.fromEntries(META_FIELDS.map((m) => [m, { attrs: [], parents: ['meta'], close: metaField }])),
  section: {
    attrs: ['name'], required: ['name'], parents: ['document'],
    close: (f, _p, st) => {
      const parts = st.sectionParts.get(f) ?? {};
      st.sections.push({ name: f.attrs['name']!, blocks: f.blocks, ...(parts.header ? { header: parts.header } : {}), ...(parts.footer ? { footer: parts.footer } : {}) });
    },
  },
  header: { attrs: [], parents: ['section'], close: runningPart },
  footer: { attrs: [], parents: ['section'], close: runningPart },
  p: {
    attrs: [...BLOCK_ATTRS, 'outline'], parents: ['section', 'header', 'footer', 'item', 'cell'],
    close: (f, parent, st) => {
      // A paragraph of an item without its own style takes the item's.
      const a = parent!.name === 'item' && f.attrs['style'] === undefined && parent!.attrs['style'] !== undefined ? { ...f.attrs, style: parent!.attrs['style'] } : f.attrs;
      parent!.blocks.push(block<ParagraphNode>({ type: 'paragraph', children: paragraphInlines(f, st) }, a, f.offset, st));
    },
  },
  h: {
    attrs: [...BLOCK_ATTRS, 'level', 'outline'], required: ['level'], parents: ['section', 'header', 'footer', 'cell'],
    close: (f, parent, st) => {
      const level = Number(f.attrs['level']);
      if (!(Number.isInteger(level) && level >= 1 && level <= 6)) st.fail(`<h level="${f.attrs['level']}">: level must be 1 to 6`, f.offset);
      parent!.blocks.push(block({ type: 'heading', level: level as 1 | 2 | 3 | 4 | 5 | 6, children: paragraphInlines(f, st) }, f.attrs, f.offset, st));
    },
  },
  item: { attrs: [...BLOCK_ATTRS, 'list', 'start'], required: ['list'], parents: ['section'], close: item },
  pagebreak: { attrs: [], parents: ['section'], close: (_f, parent) => { parent!.blocks.push({ type: 'pageBreak' }); } },
  image: {
    attrs: ['src', 'width', 'align', 'alt'], parents: ['section', 'header', 'footer', 'cell'],
    close: (f, parent, st) => {
      const content = f.inlines.flatMap((n) => (n.kind === 'text' ? [{ text: n.value }] : n.kind === 'data' ? [{ text: n.value.text, ...(n.value.pointer !== undefined ? { pointer: n.value.pointer } : {}) }] : []));
      const node = imageNode(f.attrs, content, { templateDir: st.templateDir, dataFile: st.dataFile, where: st.locate(f.offset), fail: (m, h) => st.fail(m, f.offset, h) });
      parent!.blocks.push(block(node, f.attrs['align'] !== undefined ? { align: f.attrs['align'] } : {}, f.offset, st));
    },
  },
  table: { attrs: [...BLOCK_ATTRS, 'columns'], parents: ['section', 'header', 'footer'], close: table },
  row: {
    attrs: ['header'], parents: ['table'],
    close: (f, parent, st) => {
      if (!f.cells.length) st.fail('<row> has no <cell>', f.offset);
      const header = f.attrs['header'];
      if (header !== undefined && header !== 'true' && header !== 'false') st.fail(`<row header="${header}">: use header="true"`, f.offset);
      if (header === 'true' && parent!.rows.some((r) => r.header !== true)) {
        st.fail('a header row after a body row', f.offset, 'header rows (repeated on each page) must be the first rows of the table');
      }
      parent!.rows.push({ type: 'tableRow', cells: f.cells, ...(header === 'true' ? { header: true } : {}) });
    },
  },
  cell: {
    attrs: ['dir', 'lang'], parents: ['row'],
    close: (f, parent, st) => {
      const cell: { type: 'tableCell'; children: ParagraphNode[]; dir?: Dir; lang?: string } = { type: 'tableCell', children: f.blocks as ParagraphNode[] };
      if (f.attrs['dir'] !== undefined) cell.dir = dirOf(f.attrs['dir'], f.offset, st);
      if (f.attrs['lang'] !== undefined) cell.lang = f.attrs['lang'];
      parent!.cells.push(cell);
    },
  },
  b: { attrs: [], parents: INLINE_PARENTS, close: (f, parent) => { parent!.inlines.push({ kind: 'strong', children: f.inlines }); } },
  i: { attrs: [], parents: INLINE_PARENTS, close: (f, parent) => { parent!.inlines.push({ kind: 'emphasis', children: f.inlines }); } },
  span: {
    attrs: ['dir', 'lang'], parents: INLINE_PARENTS,
    close: (f, parent, st) => {
      const span: MInline = { kind: 'span', children: f.inlines };
      if (f.attrs['dir'] !== undefined) span.dir = dirOf(f.attrs['dir'], f.offset, st);
      if (f.attrs['lang'] !== undefined) span.lang = f.attrs['lang'];
      parent!.inlines.push(span);
    },
  },
  note: { attrs: [], parents: INLINE_PARENTS, close: note },
  after: { attrs: [], parents: ['note'], close: afterWords },
  br: { attrs: [], parents: INLINE_PARENTS, close: (_f, parent) => { parent!.inlines.push({ kind: 'br' }); } },
  field: {
    attrs: ['name'], required: ['name'], parents: INLINE_PARENTS,
    close: (f, parent, st) => {
      const name = f.attrs['name'];
      if (name !== 'page' && name !== 'pageCount') st.fail(`unknown field "${name}"`, f.offset, 'the fields are: page, pageCount');
      parent!.inlines.push({ kind: 'field', name: name as 'page' | 'pageCount' });
    },
  },
  data: {
    attrs: ['ref'], required: ['ref'], parents: [...INLINE_PARENTS, ...META_FIELDS, 'image', 'after'],
    close: (f, parent, st) => {
      const ref = f.attrs['ref']!;
      const value = /^\d+$/.test(ref) ? st.values[Number(ref)] : undefined;
      if (!value) st.fail(`<data ref="${ref}"> does not name a printed value`, f.offset, 'print data with {{…}}; do not write <data> by hand');
      parent!.inlines.push({ kind: 'data', value: value! });
    },
  },
};

/** Elements whose content is inline text. */
export const INLINE_CONTAINERS: ReadonlySet<string> = new Set([...INLINE_PARENTS, ...META_FIELDS, 'image', 'after']);


