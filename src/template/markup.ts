/**
 * The template markup → DocumentModel.
 *
 * Grammar (every element and attribute; anything else is a MARKUP error):
 *
 *   document  := <document> meta section* </document>
 *   meta      := <meta> title subject? author? keyword* date lang dir </meta>
 *                (each child holds text; date is YYYY-MM-DD, dir is rtl|ltr)
 *   section   := <section name=…> header? footer? block* </section>
 *   header    := <header> block* </header>      running header of the section's pages
 *   footer    := <footer> block* </footer>
 *   block     := <p  style? align? dir? lang? outline?> inline* </p>
 *              | <h  level=1..6 style? align? dir? lang? outline?> inline* </h>
 *                  outline="N": a bookmark at level N (headings have one at
 *                  their level; outline="0" removes it)
 *              | <item list=… style? align? dir? lang? start?> <p>…</p>+ </item>
 *                  numbered from 1 (or `start`) in document order per list; a <p>
 *                  without style takes the item's style (the first paragraph
 *                  carries the number, the others are continuations)
 *              | <pagebreak/>
 *              | <table columns="2 1"? style? align? dir? lang?> <row> <cell dir? lang?> <p>…</p>* </cell>+ </row>+ </table>
 *   inline    := text | <b> inline* </b> | <i> inline* </i> | <br/>
 *              | <span dir? lang?> inline* </span>
 *                  a stretch with its own direction (an isolate) or language;
 *                  `<span dir="auto">{{field}}</span>` lets a field take the
 *                  direction of its first strong letter (by default a field
 *                  takes the direction of the text it stands in)
 *              | <field name="page|pageCount"/>
 *              | <data ref=…/>   (printed by `{{…}}` only; see isolate.ts)
 *
 * Whitespace of the template (indentation, newlines) is collapsed: runs of
 * XML whitespace become one space, and spaces at the start and end of a
 * paragraph or around a line break are dropped. Text from the data is never
 * touched.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DocError } from '../errors.js';
import type {
  Align, Block, DataNode, Dir, DocumentMeta, DocumentModel, Inline, PageSetup, ParagraphNode,
  ParagraphStyle, Section, TableCellNode, TableRowNode,
} from '../model/index.js';
import { inlineText } from '../model/index.js';
import { stripMarkers, type DataValue, type SourceMark } from './isolate.js';
import { isRealDate } from './helpers.js';

export interface MarkupInput {
  /** Rendered template output, with location markers. */
  readonly output: string;
  /** Template files, by the index the markers use. */
  readonly files: readonly string[];
  /** The data values printed by `{{…}}`, by ref. */
  readonly values: readonly DataValue[];
  /** The data file, for DataNode sources. */
  readonly dataFile: string;
  readonly page: PageSetup;
  readonly styles: Readonly<Record<string, ParagraphStyle>>;
}

// ------------------------------------------------------ mutable tree

type MInline =
  | { kind: 'text'; value: string }
  | { kind: 'data'; value: DataValue }
  | { kind: 'strong' | 'emphasis'; children: MInline[] }
  | { kind: 'span'; children: MInline[]; dir?: Dir; lang?: string }
  | { kind: 'br' }
  | { kind: 'field'; name: 'page' | 'pageCount' };

interface Frame {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Inline content (p, h, b, i, meta children). */
  readonly inlines: MInline[];
  /** Block content (section, header, footer, item, cell). */
  readonly blocks: Block[];
  /** Rows (table) or cells (row). */
  readonly rows: TableRowNode[];
  readonly cells: TableCellNode[];
  readonly offset: number;
}

const BLOCK_ATTRS = ['style', 'align', 'dir', 'lang'];
const INLINE_PARENTS = ['p', 'h', 'b', 'i', 'span'];
const ALLOWED: Readonly<Record<string, { attrs: readonly string[]; required?: readonly string[]; parents: readonly string[] }>> = {
  document: { attrs: [], parents: [''] },
  meta: { attrs: [], parents: ['document'] },
  title: { attrs: [], parents: ['meta'] },
  subject: { attrs: [], parents: ['meta'] },
  author: { attrs: [], parents: ['meta'] },
  keyword: { attrs: [], parents: ['meta'] },
  date: { attrs: [], parents: ['meta'] },
  lang: { attrs: [], parents: ['meta'] },
  dir: { attrs: [], parents: ['meta'] },
  section: { attrs: ['name'], required: ['name'], parents: ['document'] },
  header: { attrs: [], parents: ['section'] },
  footer: { attrs: [], parents: ['section'] },
  p: { attrs: [...BLOCK_ATTRS, 'outline'], parents: ['section', 'header', 'footer', 'item', 'cell'] },
  h: { attrs: [...BLOCK_ATTRS, 'level', 'outline'], required: ['level'], parents: ['section', 'header', 'footer', 'cell'] },
  item: { attrs: [...BLOCK_ATTRS, 'list', 'start'], required: ['list'], parents: ['section'] },
  pagebreak: { attrs: [], parents: ['section'] },
  table: { attrs: [...BLOCK_ATTRS, 'columns'], parents: ['section', 'header', 'footer'] },
  row: { attrs: [], parents: ['table'] },
  cell: { attrs: ['dir', 'lang'], parents: ['row'] },
  b: { attrs: [], parents: INLINE_PARENTS },
  i: { attrs: [], parents: INLINE_PARENTS },
  span: { attrs: ['dir', 'lang'], parents: INLINE_PARENTS },
  br: { attrs: [], parents: INLINE_PARENTS },
  field: { attrs: ['name'], required: ['name'], parents: INLINE_PARENTS },
  data: { attrs: ['ref'], required: ['ref'], parents: [...INLINE_PARENTS, 'title', 'subject', 'author', 'keyword', 'date', 'lang', 'dir'] },
};
const INLINE_CONTAINERS = new Set([...INLINE_PARENTS, 'title', 'subject', 'author', 'keyword', 'date', 'lang', 'dir']);
const META_FIELDS = ['title', 'subject', 'author', 'keyword', 'date', 'lang', 'dir'];

function isXmlSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function collapse(s: string): string {
  let out = '';
  let space = false;
  for (const ch of s) {
    if (isXmlSpace(ch)) space = true;
    else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  if (space) out += ' ';
  return out;
}

/** Normalizes template whitespace in a paragraph's inlines (data untouched). */
function normalize(inlines: MInline[]): MInline[] {
  // Leaves in reading order; template text collapsed.
  const leaves: MInline[] = [];
  const collect = (list: MInline[]): void => {
    for (const n of list) {
      if (n.kind === 'text') n.value = collapse(n.value);
      if (n.kind === 'strong' || n.kind === 'emphasis' || n.kind === 'span') collect(n.children);
      else if (n.kind !== 'data' || n.value.text !== '') leaves.push(n); // an empty value prints nothing
    }
  };
  collect(inlines);
  // Drop a space at the paragraph start, after a line break, or after another space.
  let prevSpace = true; // start of paragraph counts as a break
  for (const n of leaves) {
    if (n.kind === 'text') {
      if (prevSpace && n.value.startsWith(' ')) n.value = n.value.slice(1);
      if (n.value !== '') prevSpace = n.value.endsWith(' ');
    } else prevSpace = n.kind === 'br';
  }
  // Drop a space at the paragraph end or before a line break.
  let nextBreak = true;
  for (let i = leaves.length - 1; i >= 0; i--) {
    const n = leaves[i]!;
    if (n.kind === 'text') {
      if (nextBreak && n.value.endsWith(' ')) n.value = n.value.slice(0, -1);
      if (n.value !== '') nextBreak = false;
    } else nextBreak = n.kind === 'br';
  }
  return inlines;
}

export function parseMarkup(input: MarkupInput): DocumentModel {
  const { text, marks } = stripMarkers(input.output);
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const sections: Section[] = [];
  const meta: Record<string, string[]> = {};
  const listCounters = new Map<string, number>();
  let metaSeen = false;
  let documentSeen = false;

  const locate = (offset: number): { file?: string; line?: number } => {
    const m = findMark(marks, offset);
    if (!m) return {};
    const file = input.files[m.fileIndex];
    return file === undefined ? {} : { file, line: m.line };
  };
  const fail = (message: string, offset: number, hint?: string): never => {
    throw new DocError('MARKUP', message, { ...locate(offset), ...(hint ? { hint } : {}) });
  };

  parser.on('error', (e: Error) => {
    const message = e.message.replace(/^[^:]*:\d+:\d+: /, '');
    fail(`the template output is not well-formed XML: ${message}`, Math.max(0, parser.position - 1),
      'check the tags around this line: each element must be closed, and & < > written as &amp; &lt; &gt;');
  });
  parser.on('doctype', () => fail('DOCTYPE is not allowed in template markup', parser.position));
  parser.on('processinginstruction', (pi) => fail(`processing instruction <?${pi.target}?> is not allowed`, parser.position));
  parser.on('cdata', (t) => onText(t));
  parser.on('text', (t) => onText(t));

  function onText(t: string): void {
    const top = stack[stack.length - 1];
    if (top && INLINE_CONTAINERS.has(top.name)) {
      top.inlines.push({ kind: 'text', value: t });
      return;
    }
    for (let k = 0; k < t.length; k++) {
      if (!isXmlSpace(t[k]!)) {
        const what = top ? `<${top.name}>` : 'the document';
        // The text ends where the parser is now (before the next "<").
        const start = Math.max(0, parser.position - 1 - t.length + k);
        fail(`text "${t.trim().slice(0, 40)}" directly inside ${what}`, start, 'put text inside a <p>, <h> or a meta field');
      }
    }
  }

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const at = parser.position;
    const parent = stack[stack.length - 1];
    const parentName = parent?.name ?? '';
    const spec = ALLOWED[tag.name];
    if (!spec) {
      fail(`unknown element <${tag.name}>`, at, `the elements are: ${Object.keys(ALLOWED).join(', ')}`);
      return;
    }
    if (!spec.parents.includes(parentName)) {
      fail(`<${tag.name}> is not allowed ${parent ? `inside <${parentName}>` : 'at the top (the root is <document>)'}`, at,
        `<${tag.name}> goes inside ${spec.parents.filter(Boolean).map((p) => `<${p}>`).join(', ') || 'nothing'}`);
    }
    for (const a of Object.keys(tag.attributes)) {
      if (!spec.attrs.includes(a)) {
        fail(`<${tag.name}> has no attribute "${a}"`, at, spec.attrs.length ? `its attributes are: ${spec.attrs.join(', ')}` : 'it takes no attributes');
      }
    }
    for (const a of spec.required ?? []) {
      if (tag.attributes[a] === undefined) fail(`<${tag.name}> needs the attribute "${a}"`, at);
    }
    const attrs = tag.attributes as Record<string, string>;
    if (attrs['style'] !== undefined && !Object.prototype.hasOwnProperty.call(input.styles, attrs['style'])) {
      fail(`unknown style "${attrs['style']}"`, at, `the styles of styles.json are: ${Object.keys(input.styles).join(', ')}`);
    }
    if (tag.name === 'document') {
      if (documentSeen) fail('a second <document>', at);
      documentSeen = true;
    }
    if (tag.name === 'meta') {
      if (metaSeen) fail('a second <meta>', at);
      if (sections.length) fail('<meta> must come before the first <section>', at);
      metaSeen = true;
    }
    if (tag.name === 'header' || tag.name === 'footer') {
      const section = parent!;
      if (section.blocks.length) fail(`<${tag.name}> must come before the section's first block`, at);
    }
    stack.push({ name: tag.name, attrs, inlines: [], blocks: [], rows: [], cells: [], offset: at });
  });

  const sectionParts = new WeakMap<Frame, { header?: Block[]; footer?: Block[] }>();

  parser.on('closetag', (tag: SaxesTagPlain) => {
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    const at = frame.offset;
    const a = frame.attrs;
    switch (tag.name) {
      case 'document':
        if (!metaSeen) fail('the document has no <meta>', at, 'add <meta> with title, date, lang and dir');
        return;
      case 'meta':
        for (const f of ['title', 'date', 'lang', 'dir']) {
          if (!meta[f]?.length) fail(`<meta> has no <${f}>`, at);
        }
        return;
      case 'title': case 'subject': case 'author': case 'keyword': case 'date': case 'lang': case 'dir': {
        const value = inlineText(freezeInlines(normalize(frame.inlines), input.dataFile));
        if (tag.name !== 'keyword' && meta[tag.name]?.length) fail(`a second <${tag.name}> in <meta>`, at);
        if (tag.name === 'date' && !isRealDate(value)) fail(`<date> "${value}" is not a date`, at, 'print the ISO date (YYYY-MM-DD) of the data here');
        if (tag.name === 'dir' && value !== 'rtl' && value !== 'ltr') fail(`<dir> must be rtl or ltr, not "${value}"`, at);
        (meta[tag.name] ??= []).push(value);
        return;
      }
      case 'section': {
        const parts = sectionParts.get(frame) ?? {};
        const section: { name: string; blocks: Block[]; header?: Block[]; footer?: Block[] } = { name: a['name']!, blocks: frame.blocks };
        if (parts.header) section.header = parts.header;
        if (parts.footer) section.footer = parts.footer;
        sections.push(section);
        return;
      }
      case 'header': case 'footer': {
        const parts = sectionParts.get(parent!) ?? {};
        if (parts[tag.name]) fail(`a second <${tag.name}> in this section`, at);
        parts[tag.name] = frame.blocks;
        sectionParts.set(parent!, parts);
        return;
      }
      case 'p': {
        // A paragraph of an item without its own style takes the item's.
        const inherited = parent!.name === 'item' && a['style'] === undefined && parent!.attrs['style'] !== undefined
          ? { ...a, style: parent!.attrs['style'] } : a;
        parent!.blocks.push(block<ParagraphNode>({ type: 'paragraph', children: freezeInlines(normalize(frame.inlines), input.dataFile) }, inherited, at));
        return;
      }
      case 'h': {
        const level = Number(a['level']);
        if (!(Number.isInteger(level) && level >= 1 && level <= 6)) fail(`<h level="${a['level']}">: level must be 1 to 6`, at);
        parent!.blocks.push(block({ type: 'heading', level: level as 1 | 2 | 3 | 4 | 5 | 6, children: freezeInlines(normalize(frame.inlines), input.dataFile) }, a, at));
        return;
      }
      case 'item': {
        if (!frame.blocks.length) fail('<item> has no <p>', at, 'an item holds its paragraph and any continuation paragraphs');
        const list = a['list']!;
        let number: number;
        if (a['start'] !== undefined) {
          number = Number(a['start']);
          if (!Number.isInteger(number) || number < 0) fail(`<item start="${a['start']}">: start must be a whole number`, at);
        } else number = (listCounters.get(list) ?? 0) + 1;
        listCounters.set(list, number);
        parent!.blocks.push(block({ type: 'listItem', list, number, children: frame.blocks as ParagraphNode[] }, a, at));
        return;
      }
      case 'pagebreak':
        parent!.blocks.push({ type: 'pageBreak' });
        return;
      case 'table': {
        if (!frame.rows.length) fail('<table> has no <row>', at);
        const width = frame.rows[0]!.cells.length;
        let columns: number[];
        if (a['columns'] !== undefined) {
          columns = a['columns'].split(' ').filter((x) => x !== '').map(Number);
          if (!columns.length || columns.some((c) => !(c > 0))) fail(`<table columns="${a['columns']}">: give positive relative widths, e.g. "2 1"`, at);
        } else columns = Array<number>(width).fill(1);
        frame.rows.forEach((r, i) => {
          if (r.cells.length !== columns.length) fail(`row ${i + 1} of the table has ${r.cells.length} cells, the table has ${columns.length} columns`, at);
        });
        parent!.blocks.push(block({ type: 'table', columns, rows: frame.rows }, a, at));
        return;
      }
      case 'row':
        if (!frame.cells.length) fail('<row> has no <cell>', at);
        parent!.rows.push({ type: 'tableRow', cells: frame.cells });
        return;
      case 'cell': {
        const cell: { type: 'tableCell'; children: ParagraphNode[]; dir?: Dir; lang?: string } = { type: 'tableCell', children: frame.blocks as ParagraphNode[] };
        if (a['dir'] !== undefined) cell.dir = dirOf(a['dir'], at);
        if (a['lang'] !== undefined) cell.lang = a['lang'];
        parent!.cells.push(cell);
        return;
      }
      case 'b': case 'i':
        parent!.inlines.push({ kind: tag.name === 'b' ? 'strong' : 'emphasis', children: frame.inlines });
        return;
      case 'span': {
        const span: MInline = { kind: 'span', children: frame.inlines };
        if (a['dir'] !== undefined) span.dir = dirOf(a['dir'], at);
        if (a['lang'] !== undefined) span.lang = a['lang'];
        parent!.inlines.push(span);
        return;
      }
      case 'br':
        parent!.inlines.push({ kind: 'br' });
        return;
      case 'field': {
        const name = a['name'];
        if (name !== 'page' && name !== 'pageCount') fail(`unknown field "${name}"`, at, 'the fields are: page, pageCount');
        parent!.inlines.push({ kind: 'field', name: name as 'page' | 'pageCount' });
        return;
      }
      case 'data': {
        const ref = a['ref']!;
        const value = /^\d+$/.test(ref) ? input.values[Number(ref)] : undefined;
        if (!value) fail(`<data ref="${ref}"> does not name a printed value`, at, 'print data with {{…}}; do not write <data> by hand');
        parent!.inlines.push({ kind: 'data', value: value! });
        return;
      }
    }
  });

  function dirOf(v: string, at: number): Dir {
    if (v !== 'rtl' && v !== 'ltr' && v !== 'auto') fail(`dir="${v}": use rtl, ltr or auto`, at);
    return v as Dir;
  }

  function block<T extends Block>(node: T, a: Readonly<Record<string, string>>, at: number): T {
    const out: Record<string, unknown> = { type: node.type };
    if (a['style'] !== undefined) out['style'] = a['style'];
    if (a['align'] !== undefined) {
      if (!['start', 'end', 'center', 'justify'].includes(a['align'])) fail(`align="${a['align']}": use start, end, center or justify`, at);
      out['align'] = a['align'] as Align;
    }
    if (a['dir'] !== undefined) out['dir'] = dirOf(a['dir'], at);
    if (a['lang'] !== undefined) out['lang'] = a['lang'];
    if (a['outline'] !== undefined) {
      const level = Number(a['outline']);
      if (!(Number.isInteger(level) && level >= 0 && level <= 9)) fail(`outline="${a['outline']}": give the bookmark's level, 1 to 9 (0: no bookmark)`, at);
      out['outline'] = level;
    }
    const origin = locate(at);
    if (origin.file !== undefined && origin.line !== undefined) out['origin'] = { file: origin.file, line: origin.line };
    return { ...out, ...node } as T;
  }

  parser.write(text).close();
  if (!documentSeen) throw new DocError('MARKUP', 'the template output has no <document> element', { ...locate(0) });

  const first = (k: string): string | undefined => meta[k]?.[0];
  const m: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = {
    title: first('title')!, date: first('date')!, lang: first('lang')!, dir: first('dir') as 'rtl' | 'ltr',
  };
  if (first('subject') !== undefined) m.subject = first('subject')!;
  if (first('author') !== undefined) m.author = first('author')!;
  if (meta['keyword']?.length) m.keywords = meta['keyword'];
  return { meta: m, page: input.page, styles: input.styles, sections };
}

function findMark(marks: readonly SourceMark[], offset: number): SourceMark | undefined {
  let lo = 0;
  let hi = marks.length - 1;
  let found: SourceMark | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.offset <= offset) {
      found = marks[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function freezeInlines(list: readonly MInline[], dataFile: string): Inline[] {
  const out: Inline[] = [];
  for (const n of list) {
    switch (n.kind) {
      case 'text': {
        if (n.value === '') break;
        const prev = out[out.length - 1];
        if (prev?.type === 'text') out[out.length - 1] = { type: 'text', value: prev.value + n.value };
        else out.push({ type: 'text', value: n.value });
        break;
      }
      case 'data': {
        if (n.value.text === '') break;
        const node: DataNode = {
          type: 'data',
          children: dataText(n.value.text),
          source: n.value.pointer === undefined ? { file: dataFile } : { file: dataFile, pointer: n.value.pointer },
          ...(n.value.derived ? { derived: true } : {}),
        };
        out.push(node);
        break;
      }
      case 'span': {
        const children = freezeInlines(n.children, dataFile);
        if (children.length) out.push({ type: 'span', children, ...(n.dir !== undefined ? { dir: n.dir } : {}), ...(n.lang !== undefined ? { lang: n.lang } : {}) });
        break;
      }
      case 'strong': case 'emphasis': {
        const children = freezeInlines(n.children, dataFile);
        if (children.length) out.push({ type: n.kind, children });
        break;
      }
      case 'br':
        out.push({ type: 'lineBreak' });
        break;
      case 'field':
        out.push({ type: 'field', name: n.name });
        break;
    }
  }
  return out;
}

/**
 * A data value's text as inlines: a newline typed in the data (a JSON
 * editor stores one for a pasted multi-line text; `\r\n` from Windows
 * counts as one) is a line break inside the paragraph, in every output.
 */
function dataText(text: string): Inline[] {
  const out: Inline[] = [];
  text.split(/\r?\n/).forEach((part, i) => {
    if (i > 0) out.push({ type: 'lineBreak' });
    if (part !== '') out.push({ type: 'text', value: part });
  });
  return out;
}

export { META_FIELDS };
