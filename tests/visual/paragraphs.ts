/**
 * The fixture documents (tests/fixtures/docs/*.json, template
 * tests/fixtures/templates/report) as the visual-order checks see them: every
 * body paragraph with its direction, style, and its content as an HTML
 * fragment that a browser lays out the way the bidi policy says.
 *
 * Bidi policy (issue 11): a data field is an isolate in the direction of the
 * paragraph it stands in (RLI in a right-to-left paragraph, LRI in a
 * left-to-right one, or an enclosing `<span dir>`'s); FSI only where the
 * template asks `<span dir="auto">`. In HTML: `<bdi dir="rtl|ltr|auto">`. The HTML is built from the document model, not
 * from what the engine laid out, so the expectation does not follow the engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Block, Dir, DocumentModel, Inline } from '../../src/model/index.js';
import { resolveStyle } from '../../src/model/index.js';
import { loadDocument } from '../../src/pipeline.js';
import { leftToRightSpans } from '../../src/resolve/links.js';
import { atoms, type Atom } from './atoms.js';

// The project root (this file is also bundled into dist/ by scripts/chromium-order.mjs).
let ROOT = import.meta.dirname;
while (!existsSync(join(ROOT, 'package.json')) && dirname(ROOT) !== ROOT) ROOT = dirname(ROOT);
export const DOCS_DIR = join(ROOT, 'tests', 'fixtures', 'docs');
export const TEMPLATES_DIR = join(ROOT, 'tests', 'fixtures', 'templates');
export const DOC_NAMES = ['report-ar', 'report-en'] as const;
export type DocName = (typeof DOC_NAMES)[number];

/** Paragraphs that fit on one line (by their first data field's JSON pointer), per document. */
export const ONE_LINE: Readonly<Record<DocName, readonly string[]>> = JSON.parse(readFileSync(join(DOCS_DIR, 'one-line.json'), 'utf8')).paragraphs;

export const docFile = (name: DocName): string => join(DOCS_DIR, `${name}.json`);

export async function loadFixture(name: DocName): Promise<DocumentModel> {
  return (await loadDocument(docFile(name), { templatesDir: TEMPLATES_DIR })).model;
}

export interface VisualParagraph {
  readonly doc: DocName;
  /** JSON pointer of the paragraph's first data field. */
  readonly key: string;
  readonly dir: Dir;
  readonly lang: string;
  readonly size: number;
  readonly bold: boolean;
  readonly align: string;
  /** The content as HTML: data fields as <bdi>, bold as <b>, line breaks as <br>. */
  readonly html: string;
  /** The logical text with U+2069 at every field edge (atoms break there). */
  readonly marked: string;
  readonly atoms: readonly Atom[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `around`: the direction a field takes here (the paragraph's, or an enclosing
 * `<span dir>`'s; 'auto' inside `<span dir="auto">`).
 */
function walk(nodes: readonly Inline[], around: Dir, out: { html: string; marked: string }, inData = false): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        if (inData) ltrPieces(n.value, out);
        else {
          out.html += esc(n.value);
          out.marked += n.value;
        }
        break;
      case 'lineBreak': out.html += '<br>'; out.marked += '\u2028'; break;
      case 'field': break;
      case 'strong': out.html += '<b>'; walk(n.children, around, out); out.html += '</b>'; break;
      case 'emphasis': out.html += '<i>'; walk(n.children, around, out); out.html += '</i>'; break;
      case 'span': {
        const lang = n.lang !== undefined ? ` lang="${esc(n.lang)}"` : '';
        if (n.dir === undefined) {
          out.html += `<span${lang}>`;
          walk(n.children, around, out);
          out.html += '</span>';
        } else {
          out.html += `<bdi dir="${n.dir}"${lang}>`;
          out.marked += '\u2069';
          walk(n.children, n.dir, out);
          out.html += '</bdi>';
          out.marked += '\u2069';
        }
        break;
      }
      case 'data': {
        // The field's own dir when the model gives one, else the direction around it ('auto' = FSI).
        const d = n.dir ?? around;
        out.html += `<bdi dir="${d}">`;
        out.marked += '\u2069';
        walk(n.children, d, out, true);
        out.html += '</bdi>';
        out.marked += '\u2069';
        break;
      }
    }
  }
}

/**
 * Data text with its web and e-mail addresses and telephone numbers as
 * left-to-right isolates (the bidi policy: src/resolve/inlines.ts); which
 * characters are an address or a number is the project's own detection.
 */
function ltrPieces(text: string, out: { html: string; marked: string }): void {
  const spans = leftToRightSpans(text);
  let at = 0;
  for (const sp of spans) {
    out.html += esc(text.slice(at, sp.start)) + `<bdi dir="ltr">${esc(text.slice(sp.start, sp.end))}</bdi>`;
    out.marked += text.slice(at, sp.start) + '\u2069' + text.slice(sp.start, sp.end) + '\u2069';
    at = sp.end;
  }
  out.html += esc(text.slice(at));
  out.marked += text.slice(at);
}

function firstPointer(nodes: readonly Inline[]): string | undefined {
  for (const n of nodes) {
    if (n.type === 'data' && n.source?.pointer !== undefined) return n.source.pointer;
    if (n.type === 'strong' || n.type === 'emphasis' || n.type === 'data' || n.type === 'span') {
      const p = firstPointer(n.children);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/** Body paragraphs (not running headers and footers) in document order. */
export function visualParagraphs(model: DocumentModel, doc: DocName): VisualParagraph[] {
  const out: VisualParagraph[] = [];
  const add = (b: { style?: string; dir?: Dir; lang?: string; align?: string; children: readonly Inline[] }, heading: boolean): void => {
    const style = resolveStyle(model.styles, b.style);
    const dir = b.dir ?? style.dir ?? model.meta.dir;
    const acc = { html: '', marked: '' };
    walk(b.children, dir === 'auto' ? 'auto' : dir, acc);
    out.push({
      doc, key: firstPointer(b.children) ?? acc.marked, dir, lang: b.lang ?? style.lang ?? model.meta.lang,
      size: style.size ?? 12, bold: style.bold ?? heading, align: b.align ?? style.align ?? 'start',
      html: acc.html, marked: acc.marked, atoms: atoms(acc.marked),
    });
  };
  const block = (b: Block): void => {
    if (b.type === 'paragraph') add(b, false);
    else if (b.type === 'heading') add(b, true);
    else if (b.type === 'listItem') b.children.forEach((p) => add(p, false));
    else if (b.type === 'table') b.rows.forEach((r) => r.cells.forEach((c) => c.children.forEach(block)));
  };
  for (const s of model.sections) s.blocks.forEach(block);
  return out;
}
