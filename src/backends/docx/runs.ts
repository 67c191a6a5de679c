/**
 * A resolved paragraph's inlines as Word runs, in logical order.
 *
 * Word and LibreOffice run the bidi algorithm themselves, so the DOCX must
 * give them what makes their visual order the PDF's:
 * - runs split where the resolved direction changes and at every data
 *   field's edge (a field is never merged into the text around it), each
 *   right-to-left run marked `w:rtl` (the text engine says which: odd
 *   levels, and numbers inside right-to-left text);
 * - where the paragraph's levels with the fields' isolates differ from
 *   those of the bare text (a field that would otherwise join the text
 *   around it, like `1/18-COMSTECH` after `رقم`), the isolate characters
 *   themselves (LRI/RLI/FSI … PDI, inside the field's runs): LibreOffice
 *   (ICU) honours them. Elsewhere the text stays free of invisible
 *   characters an editor would trip over.
 */
import { ExternalHyperlink, FootnoteReferenceRun, TextRun } from 'docx';
import type { IRunOptions, ParagraphChild } from 'docx';
import type { DataRef, RInline, RParagraph, RunFormat } from '../../resolve/index.js';
import { isolatesChangeOrder, rtlCodePoints } from '../../text/bidi.js';
import { fieldRunChildren } from './fields.js';
import type { FontUsage } from './fonts.js';
import { wordLanguage } from './units.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Wraps a data field's runs (content controls, bookmarks: see marking.ts). */
export type FieldWrapper = (data: DataRef, runs: ParagraphChild[]) => ParagraphChild[];

const OPEN = { rtl: '\u2067', ltr: '\u2066', auto: '\u2068' } as const;
const PDI = '\u2069';

/** The paragraph's logical text with isolate controls, as the text engine lays it out. */
function flatText(nodes: readonly RInline[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.kind === 'text') s += n.text;
    else if (n.kind === 'break' || n.kind === 'field' || n.kind === 'noteRef') s += ' ';
    else s += OPEN[n.dir] + flatText(n.children) + PDI;
  }
  return s;
}

interface EmitCtx {
  readonly p: RParagraph;
  readonly rtl: readonly boolean[];
  readonly withIsolates: boolean;
  readonly wrap: FieldWrapper;
  readonly fonts: FontUsage;
  /** Index into `rtl` (code points of the flat text). */
  at: number;
}

export function paragraphRuns(p: RParagraph, fonts: FontUsage, wrap: FieldWrapper = (_d, runs) => runs): ParagraphChild[] {
  const text = flatText(p.inlines);
  const ctx: EmitCtx = { p, rtl: rtlCodePoints(text, p.dir), withIsolates: isolatesChangeOrder(text, p.dir), wrap, fonts, at: 0 };
  return emit(p.inlines, ctx);
}

function emit(nodes: readonly RInline[], ctx: EmitCtx): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    switch (n.kind) {
      case 'text': {
        const runs = textRuns(n.text, n.format, ctx);
        // A web or e-mail address (src/resolve/links.ts): a w:hyperlink around its runs, the text unchanged.
        out.push(...(n.link !== undefined ? [new ExternalHyperlink({ link: n.link, children: runs })] : runs));
        break;
      }
      case 'break':
        out.push(new TextRun({ ...runOptions(n.format, ctx.p, ctx.rtl[ctx.at] ?? ctx.p.dir === 'rtl', ctx.fonts), break: 1 }));
        ctx.at++;
        break;
      case 'field':
        out.push(new TextRun({ ...runOptions(n.format, ctx.p, ctx.p.dir === 'rtl', ctx.fonts), children: fieldRunChildren(n.name, n.numberStyle) }));
        ctx.at++;
        break;
      case 'noteRef':
        // A real Word footnote (its text is in footnotes.xml, convert.ts); Word numbers it, in the
        // section's footnote number format (package.ts), in the same order as the resolve stage.
        out.push(new FootnoteReferenceRun(n.note.number));
        ctx.at++;
        break;
      case 'isolate': {
        const open = ctx.at++;
        const inner = emit(n.children, ctx);
        const close = ctx.at++;
        if (ctx.withIsolates) {
          const format = firstFormat(n.children) ?? { bold: false, italic: false, lang: ctx.p.lang };
          inner.unshift(new TextRun({ ...runOptions(format, ctx.p, ctx.rtl[open]!, ctx.fonts), text: OPEN[n.dir] }));
          inner.push(new TextRun({ ...runOptions(format, ctx.p, ctx.rtl[close]!, ctx.fonts), text: PDI }));
        }
        out.push(...(n.data ? ctx.wrap(n.data, inner) : inner));
        break;
      }
    }
  }
  return out;
}

function firstFormat(nodes: readonly RInline[]): RunFormat | undefined {
  for (const n of nodes) {
    if (n.kind === 'text') return n.format;
    if (n.kind === 'isolate') {
      const f = firstFormat(n.children);
      if (f) return f;
    }
  }
  return undefined;
}

/** One text node as runs split where its direction changes. */
function textRuns(text: string, format: RunFormat, ctx: EmitCtx): TextRun[] {
  const chars = [...text];
  const out: TextRun[] = [];
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i === chars.length || ctx.rtl[ctx.at + i] !== ctx.rtl[ctx.at + start]) {
      out.push(new TextRun({ ...runOptions(format, ctx.p, ctx.rtl[ctx.at + start]!, ctx.fonts), text: chars.slice(start, i).join('') }));
      start = i;
    }
  }
  ctx.at += chars.length;
  return out;
}

/** What a run says of itself: only what its paragraph's style does not already say. */
function runOptions(format: RunFormat, p: RParagraph, rtl: boolean, fonts: FontUsage): Writable<IRunOptions> {
  const o: Writable<IRunOptions> = {};
  const family = p.style.font;
  if (family !== undefined) fonts.use(family, format.bold, format.italic);
  if (format.bold && p.style.bold !== true) {
    o.bold = true;
    o.boldComplexScript = true;
  }
  if (format.italic && p.style.italic !== true) {
    o.italics = true;
    o.italicsComplexScript = true;
  }
  if (rtl) o.rightToLeft = true;
  if (format.lang !== p.lang) o.language = wordLanguage(format.lang);
  return o;
}
