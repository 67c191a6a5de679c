/**
 * Resolved document → pdfmake content. Every paragraph is laid out by the
 * text engine (src/text) into lines of shaped glyph runs in visual order;
 * each line becomes one pdfmake line whose inlines carry those runs (see
 * glyph-runs.ts). pdfmake then only stacks lines into pages and draws them.
 * Styles, directions, labels and isolates come decided from src/resolve.
 */
import type { SourceRef } from '../../model/index.js';
import { FOOTNOTE_NUMBER, type RBlock, type RFootnote, type RInline, type RParagraph, type RTable, formatNumber } from '../../resolve/index.js';
import { type MarkerSpan, noteMarkerLines, raiseLabel, raiseMarkers, separatorNode } from './footnotes.js';
import { type InlineItem, type LaidOutLine, type LaidOutParagraph, type TextEngine, type TextStyle } from '../../text/index.js';
import type { Diagnostic } from '../types.js';
import { prepareLine } from './extraction.js';
import { keepTogether, markOutline } from './keep.js';
import { noteMissing, noteNotdef, withoutNotdef } from './missing.js';
import { type EmbeddedFontInfo, type LineTag, registerRun } from './glyph-runs.js';
import { imageNode } from './images.js';
import { noteReadingOrder, noteRepeatTwins } from './reading-order.js';
import { type TextLink, cutAtLinks, linkSpans, logicalStartIn } from './links.js';
import { type StructNode, tableStructure } from './structure.js';

/** pdfmake document-definition nodes (pdfmake has no types of its own). */
export type PdfNode = Record<string, unknown>;

export interface FieldValues {
  readonly page?: number;
  readonly pageCount?: number;
}

interface ItemsCtx {
  readonly fields: FieldValues;
  readonly items: InlineItem[];
  readonly sources: { start: number; end: number; source: SourceRef }[];
  /** Web and e-mail addresses (links.ts). */
  readonly links: TextLink[];
  /** Footnote markers (footnotes.ts). */
  readonly markers: MarkerSpan[];
  /** UTF-16 offset in the paragraph's flattened text. */
  offset: number;
}

interface BlockCtx {
  /** Width of the box the block is laid out in (points). */
  readonly width: number;
  readonly fields: FieldValues;
  /** In a table's header row, which pdfmake draws again on each page (the copies are artifacts: reading-order.ts). */
  readonly repeated?: boolean;
  /** The table cell the block is in (its structure element: structure.ts). */
  readonly container?: StructNode;
  /** A footnote, laid out again on each layout attempt (note-area.ts): the observer hears of it once. */
  readonly note?: number;
  /** A footnote's number, set as a label in a hanging indent (noteArea). */
  readonly noteLabel?: { readonly text: string; readonly width: number };
}

/** Told of every laid-out paragraph (tests read the line dump through it). */
export type ParagraphObserver = (entry: {
  readonly label: string;
  readonly paragraph: LaidOutParagraph;
  readonly running: boolean;
  /** Footnote numbers in the paragraph's text (UTF-16 ranges): not the data's text. */
  readonly markers: readonly { readonly start: number; readonly end: number }[];
}) => void;

export class PdfFlow {
  /** Run keys registered while building (released after rendering). */
  readonly keys: string[] = [];
  /** pdfmake font families: one per (font file, paragraph direction). */
  readonly fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> = {};
  readonly diagnostics: Diagnostic[] = [];
  /** Embedded fonts that drew our runs, by pdfkit id. */
  readonly usedFonts = new Map<string, EmbeddedFontInfo>();
  private readonly noteFont = (f: EmbeddedFontInfo): void => {
    this.usedFonts.set(f.id, f);
  };
  private readonly familyKeys = new Map<string, string>();
  /** Height of the page's text area (points), when known: rows are kept whole only when they surely fit. */
  pageBodyHeight: number | undefined;
  /** Where the layout set each footnote: number → 1-based page (note-area.ts). */
  notePages: ReadonlyMap<number, number> = new Map();
  /** How many layouts of the body that took (1: the first fitted). */
  noteAttempts = 0;
  /** Footnote numbers of each line holding markers, by the run key of its first inline (note-area.ts). */
  readonly noteLines = new Map<string, readonly number[]>();
  /** A generous estimate of each laid-out block's height (points). */
  private readonly heights = new WeakMap<PdfNode, number>();

  constructor(
    private readonly engine: TextEngine,
    /** The family of a style that names none: the font configuration's first. */
    private readonly defaultFamily: string,
    private readonly observe?: ParagraphObserver,
  ) {}

  // ------------------------------------------------------------- blocks

  blocks(blocks: readonly RBlock[], ctx: BlockCtx): PdfNode[] {
    return blocks.map((b) => this.block(b, ctx));
  }

  block(b: RBlock, ctx: BlockCtx): PdfNode {
    switch (b.kind) {
      case 'paragraph': return this.paragraph(b, ctx);
      case 'pageBreak': return { text: '', pageBreak: 'after' };
      case 'table': return this.table(b, ctx);
      case 'image': return imageNode(b, ctx.width, ctx.container);
    }
  }

  private readonly observedNotes = new Set<number>();
  /** Faces asked for (family and face name), to warn of those a family lacks (fonts.json). */
  readonly facesUsed = new Set<string>();

  private textStyle(p: RParagraph, format: { bold: boolean; italic: boolean; lang: string }): TextStyle {
    const s = p.style;
    const family = s.font ?? this.defaultFamily;
    if (format.bold || format.italic) this.facesUsed.add(`${family}\0${format.bold ? (format.italic ? 'bolditalics' : 'bold') : 'italics'}`);
    return { family, bold: format.bold, italic: format.italic, size: s.size ?? 12, lang: format.lang };
  }

  private paragraph(p: RParagraph, ctx: BlockCtx): PdfNode {
    const base = this.textStyle(p, { bold: p.style.bold ?? false, italic: p.style.italic ?? false, lang: p.lang });
    const ictx: ItemsCtx = { fields: ctx.fields, items: [], sources: [], links: [], markers: [], offset: 0 };
    this.items(p, p.inlines, ictx);
    const laid = this.engine.layoutParagraph({
      items: ictx.items,
      dir: p.dir,
      align: p.align,
      justify: p.style.justify ?? 'spaces',
      ...(p.style.kashidaShare !== undefined ? { kashidaShare: p.style.kashidaShare } : {}),
      width: ctx.width,
      indentStart: p.indentStart,
      indentEnd: p.indentEnd,
      ...(ctx.noteLabel
        ? { label: { text: ctx.noteLabel.text, style: { ...base, size: base.size * FOOTNOTE_NUMBER.scale }, width: ctx.noteLabel.width } }
        : p.label ? { label: { text: p.label.text, style: base, width: p.label.width } } : {}),
    });
    noteMissing(this.diagnostics, laid, ictx, p.source);
    noteNotdef(this.diagnostics, laid, ictx, p.source);
    if (ctx.note === undefined || !this.observedNotes.has(ctx.note)) {
      if (ctx.note !== undefined) this.observedNotes.add(ctx.note);
      this.observe?.({ label: `${p.role === 'heading' ? 'heading' : p.role === 'footnote' ? 'footnote' : 'paragraph'}(${p.styleName})`, paragraph: laid, running: p.running, markers: ictx.markers });
    }
    const rtl = laid.paragraphLevel % 2 === 1;
    const lineHeight = p.style.lineHeight ?? 1;
    // The structure element the lines belong to (tagged PDF), or an artifact for running heads.
    const role = p.role === 'heading' ? `H${p.level ?? 1}` : p.role === 'footnote' ? 'Note' : 'P';
    const tag: LineTag = p.running
      ? { artifact: true }
      : { role, element: {}, lang: p.lang, ...(ctx.container ? { container: ctx.container } : {}) };
    const rise = ctx.noteLabel ? base.size * FOOTNOTE_NUMBER.rise : 0;
    const lines = laid.lines.map((line, i) => this.line(raiseMarkers(i === 0 && rise > 0 ? raiseLabel(line, rise) : line, ictx.markers), rtl, lineHeight, base, tag, ictx.links, ctx.repeated === true));
    if (p.role !== 'footnote') noteMarkerLines(this.noteLines, laid.lines, lines, ictx.markers);
    const node: PdfNode = { stack: keepTogether(lines), margin: [0, p.style.spaceBefore ?? 0, 0, p.style.spaceAfter ?? 0] };
    if (p.outline) markOutline(node, p.outline.title);
    // Amiri's natural line height is about 1.6 em: 2 em per line is an overestimate, on purpose.
    this.heights.set(node, (p.style.spaceBefore ?? 0) + (p.style.spaceAfter ?? 0) + laid.lines.length * (p.style.size ?? 12) * lineHeight * 2);
    return node;
  }

  private table(t: RTable, ctx: BlockCtx): PdfNode {
    const rtl = t.dir === 'rtl';
    const total = t.columns.reduce((a, b) => a + b, 0) || 1;
    const padding = 4;
    const widths = t.columns.map((c) => (c / total) * ctx.width - 2 * padding - 1);
    let tallest = 0;
    const structure = tableStructure(t.rows.map((r) => Math.max(r.length, t.columns.length)), t.headerRows, ctx.container);
    const body = t.rows.map((row, ri) => {
      const repeated = ri < t.headerRows;
      const cells: PdfNode[] = row.map((cell, ci) => {
        const container = structure.rows[ri]!.children[ci]!;
        const stack = this.blocks(cell.blocks, { width: Math.max(10, widths[ci] ?? 10), fields: ctx.fields, repeated, container });
        tallest = Math.max(tallest, stack.reduce((h, n) => h + (this.heights.get(n) ?? Infinity), 2 * padding));
        return { stack };
      });
      while (cells.length < t.columns.length) cells.push({ stack: [] });
      return rtl ? cells.reverse() : cells;
    });
    // pdfmake drops what does not fit on one page of an unbreakable row: rows are kept whole only when each surely fits.
    const dontBreakRows = this.pageBodyHeight !== undefined && tallest <= this.pageBodyHeight / 2;
    return {
      table: { widths: rtl ? [...widths].reverse() : widths, body, ...(t.headerRows > 0 ? { headerRows: t.headerRows, ...(dontBreakRows ? { keepWithHeaderRows: 1 } : {}) } : {}), dontBreakRows },
      layout: { paddingLeft: () => padding, paddingRight: () => padding },
      margin: [0, t.style.spaceBefore ?? 0, 0, t.style.spaceAfter ?? 0],
    };
  }

  /**
   * The notes' area of a page: the separator, then each note as a `Note`
   * paragraph with its number (smaller and raised, as in the text) hanging
   * at the start side (right in Arabic, left in English) and the note's lines
   * aligned after it, as Word's and LaTeX's footnotes. The number's box is as
   * wide as the document's widest note number and a gap, on every page.
   * `margin`: the page's left and right margins (the area spans the page).
   */
  noteArea(notes: readonly RFootnote[], width: number, margin: { left: number; right: number }, rtl: boolean, all: readonly RFootnote[] = notes): PdfNode {
    const nodes = notes.map((note) => {
      const p = note.paragraph;
      const noteLabel = { text: note.label, width: this.noteLabelWidth(all) };
      return this.paragraph(p, { width, fields: {}, note: note.number, noteLabel });
    });
    return { stack: [separatorNode(width, rtl), ...nodes], margin: [margin.left, 0, margin.right, 0] };
  }

  private labelWidth: number | undefined;
  /** The hanging indent of the notes: the widest number (in its notes' size, scaled) and a gap of 0.4 of the notes' size. */
  private noteLabelWidth(all: readonly RFootnote[]): number {
    if (this.labelWidth !== undefined) return this.labelWidth;
    let widest = 0;
    let size = 0;
    for (const note of all) {
      const p = note.paragraph;
      const base = this.textStyle(p, { bold: p.style.bold ?? false, italic: p.style.italic ?? false, lang: p.lang });
      const laid = this.engine.layoutParagraph({ items: [{ kind: 'text', text: note.label, style: { ...base, size: base.size * FOOTNOTE_NUMBER.scale } }], dir: p.dir, align: 'start', width: 1e6 });
      const line = laid.lines[0];
      if (line) widest = Math.max(widest, line.right - line.left);
      size = Math.max(size, base.size);
    }
    this.labelWidth = widest + FOOTNOTE_NUMBER.gap * size;
    return this.labelWidth;
  }

  // ------------------------------------------------------------ inlines

  /** Resolved inlines → the engine's items: text with its style, isolates, breaks. */
  private items(p: RParagraph, nodes: readonly RInline[], c: ItemsCtx): void {
    for (const n of nodes) {
      switch (n.kind) {
        case 'text':
          if (n.link !== undefined) c.links.push({ start: c.offset, end: c.offset + n.text.length, target: n.link });
          this.push(c, n.text, this.textStyle(p, n.format));
          break;
        case 'break':
          c.items.push({ kind: 'break' });
          c.offset++;
          break;
        case 'field': {
          const v = n.name === 'page' ? c.fields.page : c.fields.pageCount;
          if (v !== undefined) this.push(c, formatNumber(v, n.numberStyle), this.textStyle(p, n.format));
          else this.warnFieldInBody(p);
          break;
        }
        case 'noteRef': {
          // The number, smaller and raised (footnotes.ts), an isolate in the direction of the text
          // around: after Latin words in Arabic it comes next in reading order, left of them, where
          // LibreOffice puts a Word footnote's number too (a neutral object to its bidi).
          const style = this.textStyle(p, n.format);
          c.items.push({ kind: 'isolate', dir: n.dir });
          c.offset++;
          const start = c.offset;
          this.push(c, n.note.label, { ...style, size: style.size * FOOTNOTE_NUMBER.scale });
          c.markers.push({ start, end: c.offset, number: n.note.number, rise: style.size * FOOTNOTE_NUMBER.rise });
          c.items.push({ kind: 'endIsolate' });
          c.offset++;
          break;
        }
        case 'isolate': {
          const start = c.offset;
          c.items.push({ kind: 'isolate', dir: n.dir });
          c.offset++;
          this.items(p, n.children, c);
          c.items.push({ kind: 'endIsolate' });
          c.offset++;
          if (n.data) c.sources.push({ start, end: c.offset, source: n.data.source });
          break;
        }
      }
    }
  }

  private fieldWarned = false;
  /** Page fields are known only in running heads: elsewhere the PDF prints nothing for them (the DOCX does). */
  private warnFieldInBody(p: RParagraph): void {
    if (this.fieldWarned) return;
    this.fieldWarned = true;
    this.diagnostics.push({
      severity: 'warning',
      code: 'PAGE_FIELD_IN_BODY',
      message: `a page number field outside a <header> or <footer>${p.origin ? ` (${p.origin.file}:${p.origin.line})` : ''} prints nothing in the PDF`,
    });
  }

  private push(c: ItemsCtx, text: string, style: TextStyle): void {
    c.items.push({ kind: 'text', text, style });
    c.offset += text.length;
  }

  // -------------------------------------------------------------- lines

  /** The pdfmake family for a font file drawn in a paragraph of one direction. */
  family(fontPath: string, rtl: boolean): string {
    const id = `${fontPath}|${rtl ? 'rtl' : 'ltr'}`;
    let key = this.familyKeys.get(id);
    if (!key) {
      key = `F${this.familyKeys.size + 1}${rtl ? 'r' : 'l'}`;
      this.familyKeys.set(id, key);
      this.fonts[key] = { normal: fontPath, bold: fontPath, italics: fontPath, bolditalics: fontPath };
    }
    return key;
  }

  /**
   * One laid-out line as pdfmake inlines: consecutive runs in one font and
   * size become one inline; gaps (the start offset, the label's gap) are
   * drawn as a widened space so extractors see a word boundary.
   */
  private line(laidLine: LaidOutLine, rtl: boolean, lineHeight: number, base: TextStyle, tag: LineTag, links: readonly TextLink[], repeated: boolean): PdfNode {
    const line = withoutNotdef(laidLine);
    const pieces = cutAtLinks(prepareLine(line, () => this.engine.fontFor(base), base.size), links.length ? linkSpans(line, links) : []);
    // On a line with links, each piece's place in reading order (its marked content is a child of the block's element or of a Link).
    const logical = (from?: number, to?: number): { logicalStart?: number } => (from === undefined || to === undefined ? {} : { logicalStart: logicalStartIn(line, from, to) });
    const twins: string[] = [];
    const inlineKeys: string[] = [];
    const inlines: PdfNode[] = pieces.map(({ piece: p, link, from, to }, i) => {
      const key = registerRun({ ...p, tag, onUse: this.noteFont, ...logical(from, to) });
      this.keys.push(key[0]!);
      inlineKeys.push(key[0]!);
      if (i === 0 && !tag.artifact) noteReadingOrder(key[0]!);
      if (repeated && !tag.artifact) {
        const twin = registerRun({ ...p, tag: { artifact: true }, onUse: this.noteFont });
        this.keys.push(twin[0]!);
        twins.push(twin[0]!);
        if (i === pieces.length - 1) noteRepeatTwins(twins, inlineKeys[0]!);
      }
      return {
        ...(link !== undefined ? { link } : {}),
        text: p.text.replace(/\s/g, '_') || '_',
        font: this.family(p.fontPath, rtl),
        fontSize: p.size,
        fontFeatures: key,
        noWrap: true,
        lineHeight,
      };
    });
    return { text: inlines, lineHeight };
  }
}

