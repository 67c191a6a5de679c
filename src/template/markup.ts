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
 *              | <image src=… width? align? alt?/>  or  <image width? align? alt?>{{field}}</image>
 *                  a PNG or JPEG file of the template folder (nothing else is read),
 *                  named by src or by the data; width in points (default: 96
 *                  pixels per inch, never wider than its box); see image-node.ts
 *              | <table columns="2 1"? style? align? dir? lang?> <row header?> <cell dir? lang?> <p>…</p>* </cell>+ </row>+ </table>
 *                  header="true": a header row, repeated on each page (only the first rows)
 *   inline    := text | <b> inline* </b> | <i> inline* </i> | <br/>
 *              | <span dir? lang?> inline* </span>
 *                  a stretch with its own direction (an isolate) or language;
 *                  `<span dir="auto">{{field}}</span>` lets a field take the
 *                  direction of its first strong letter (by default a field
 *                  takes the direction of the text it stands in)
 *              | <field name="page|pageCount"/>
 *              | <note> (<after>{{field}}</after>)? inline* </note>
 *                  a footnote: its marker goes right after the first occurrence
 *                  of the <after> words in the paragraph's text before it (else
 *                  where the note stands); its inlines are the note's text
 *              | <data ref=…/>   (printed by `{{…}}` only; see isolate.ts)
 *
 * Whitespace of the template (indentation, newlines) is collapsed: runs of
 * XML whitespace become one space, and spaces at the start and end of a
 * paragraph or around a line break are dropped. Text from the data is never
 * touched.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DocError } from '../errors.js';
import type { DocumentMeta, DocumentModel, PageSetup, ParagraphStyle } from '../model/index.js';
import type { DataValue } from './data-helper.js';
import { stripMarkers, type SourceMark } from './markers.js';
import { ELEMENTS, type Frame, INLINE_CONTAINERS, META_FIELDS, type ParseState } from './markup-elements.js';
import { isXmlSpace } from './markup-inlines.js';

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
  /** The template's folder: `<image>` files are read from it, and from nowhere else. */
  readonly templateDir?: string;
}

/** The state of one parse: where the output came from, and what is built. */
function parseState(input: MarkupInput, marks: readonly SourceMark[]): ParseState {
  const locate = (offset: number): { file?: string; line?: number } => {
    const m = findMark(marks, offset);
    if (!m) return {};
    const file = input.files[m.fileIndex];
    return file === undefined ? {} : { file, line: m.line };
  };
  return {
    dataFile: input.dataFile, templateDir: input.templateDir, values: input.values, sections: [], meta: {}, listCounters: new Map(), sectionParts: new WeakMap(), metaSeen: false,
    locate,
    fail: (message, offset, hint) => {
      throw new DocError('MARKUP', message, { ...locate(offset), ...(hint ? { hint } : {}) });
    },
  };
}

/** The checks every opening tag passes: a known element, in its place, with its attributes. */
function checkOpen(tag: SaxesTagPlain, parent: Frame | undefined, at: number, st: ParseState, input: MarkupInput): void {
  const parentName = parent?.name ?? '';
  const spec = ELEMENTS[tag.name];
  if (!spec) st.fail(`unknown element <${tag.name}>`, at, `the elements are: ${Object.keys(ELEMENTS).join(', ')}`);
  if (!spec.parents.includes(parentName)) {
    st.fail(`<${tag.name}> is not allowed ${parent ? `inside <${parentName}>` : 'at the top (the root is <document>)'}`, at,
      `<${tag.name}> goes inside ${spec.parents.filter(Boolean).map((p) => `<${p}>`).join(', ') || 'nothing'}`);
  }
  for (const a of Object.keys(tag.attributes)) {
    if (!spec.attrs.includes(a)) st.fail(`<${tag.name}> has no attribute "${a}"`, at, spec.attrs.length ? `its attributes are: ${spec.attrs.join(', ')}` : 'it takes no attributes');
  }
  for (const a of spec.required ?? []) if (tag.attributes[a] === undefined) st.fail(`<${tag.name}> needs the attribute "${a}"`, at);
  const style = (tag.attributes as Record<string, string>)['style'];
  if (style !== undefined && !Object.prototype.hasOwnProperty.call(input.styles, style)) {
    st.fail(`unknown style "${style}"`, at, `the styles of styles.json are: ${Object.keys(input.styles).join(', ')}`);
  }
}

/** Where an element may open, beyond its parents: one document, one meta before the sections, running parts first. */
function checkOrder(name: string, parent: Frame | undefined, at: number, st: ParseState, seen: { document: boolean }): void {
  if (name === 'document') {
    if (seen.document) st.fail('a second <document>', at);
    seen.document = true;
  }
  if (name === 'meta') {
    if (st.metaSeen) st.fail('a second <meta>', at);
    if (st.sections.length) st.fail('<meta> must come before the first <section>', at);
    st.metaSeen = true;
  }
  if ((name === 'header' || name === 'footer') && parent!.blocks.length) st.fail(`<${name}> must come before the section's first block`, at);
}

export function parseMarkup(input: MarkupInput): DocumentModel {
  const { text, marks } = stripMarkers(input.output);
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const st = parseState(input, marks);
  const stack: Frame[] = [];
  const seen = { document: false };

  parser.on('error', (e: Error) => {
    const message = e.message.replace(/^[^:]*:\d+:\d+: /, '');
    st.fail(`the template output is not well-formed XML: ${message}`, Math.max(0, parser.position - 1),
      'check the tags around this line: each element must be closed, and & < > written as &amp; &lt; &gt;');
  });
  parser.on('doctype', () => st.fail('DOCTYPE is not allowed in template markup', parser.position));
  parser.on('processinginstruction', (pi) => st.fail(`processing instruction <?${pi.target}?> is not allowed`, parser.position));
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top && INLINE_CONTAINERS.has(top.name)) {
      top.inlines.push({ kind: 'text', value: t });
      return;
    }
    for (let k = 0; k < t.length; k++) {
      if (isXmlSpace(t[k]!)) continue;
      // The text ends where the parser is now (before the next "<").
      const start = Math.max(0, parser.position - 1 - t.length + k);
      st.fail(`text "${t.trim().slice(0, 40)}" directly inside ${top ? `<${top.name}>` : 'the document'}`, start, 'put text inside a <p>, <h> or a meta field');
    }
  };
  parser.on('cdata', onText);
  parser.on('text', onText);
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const at = parser.position;
    const parent = stack[stack.length - 1];
    checkOpen(tag, parent, at, st, input);
    checkOrder(tag.name, parent, at, st, seen);
    stack.push({ name: tag.name, attrs: tag.attributes as Record<string, string>, inlines: [], blocks: [], rows: [], cells: [], offset: at });
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const frame = stack.pop()!;
    ELEMENTS[tag.name]!.close(frame, stack[stack.length - 1], st);
  });

  parser.write(text).close();
  if (!seen.document) throw new DocError('MARKUP', 'the template output has no <document> element', { ...st.locate(0) });

  const first = (k: string): string | undefined => st.meta[k]?.[0];
  const m: { -readonly [K in keyof DocumentMeta]: DocumentMeta[K] } = {
    title: first('title')!, date: first('date')!, lang: first('lang')!, dir: first('dir') as 'rtl' | 'ltr',
  };
  if (first('subject') !== undefined) m.subject = first('subject')!;
  if (first('author') !== undefined) m.author = first('author')!;
  if (st.meta['keyword']?.length) m.keywords = st.meta['keyword'];
  return { meta: m, page: input.page, styles: input.styles, sections: st.sections };
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

export { META_FIELDS };
