/**
 * Model → pdfmake content. Every paragraph is laid out by the text engine
 * (src/text) into lines of shaped glyph runs in visual order; each line
 * becomes one pdfmake line whose inlines carry those runs (see glyph-runs.ts).
 * pdfmake then only stacks lines into pages and draws them.
 */
import {
  type Block,
  type BlockHandlers,
  type DocumentModel,
  type HeadingNode,
  type Inline,
  type InlineHandlers,
  type ListItemNode,
  type ParagraphNode,
  type ParagraphStyle,
  type SourceRef,
  type TableNode,
  inlineText,
  resolveStyle,
  visitBlock,
  visitInline,
} from '../../model/index.js';
import { type BaseDir, type InlineItem, type LaidOutLine, type LaidOutParagraph, type TextEngine, type TextStyle, firstStrongDir } from '../../text/index.js';
import type { Diagnostic } from '../types.js';
import { prepareLine } from './extraction.js';
import { type EmbeddedFontInfo, type LineTag, registerRun } from './glyph-runs.js';

/** pdfmake document-definition nodes (pdfmake has no types of its own). */
export type PdfNode = Record<string, unknown>;

export interface FieldValues {
  readonly page?: number;
  readonly pageCount?: number;
}

interface InlineCtx {
  readonly style: TextStyle;
  readonly fields: FieldValues;
  readonly items: InlineItem[];
  readonly sources: { start: number; end: number; source: SourceRef }[];
  /** UTF-16 offset in the paragraph's flattened text; shared by every child context. */
  readonly cursor: { offset: number };
}

interface BlockCtx {
  /** Width of the box the block is laid out in (points). */
  readonly width: number;
  readonly fields: FieldValues;
}

/** One laid-out paragraph, kept for the readable line dump. */
export interface DumpEntry {
  readonly label: string;
  readonly paragraph: LaidOutParagraph;
  /** Laid out for a running header or footer. */
  readonly running: boolean;
}

export class PdfFlow {
  /** Run keys registered while building (released after rendering). */
  readonly keys: string[] = [];
  /** pdfmake font families: one per (font file, paragraph direction). */
  readonly fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> = {};
  readonly diagnostics: Diagnostic[] = [];
  readonly dump: DumpEntry[] = [];
  /** Embedded fonts that drew our runs, by pdfkit id. */
  readonly usedFonts = new Map<string, EmbeddedFontInfo>();
  private readonly noteFont = (f: EmbeddedFontInfo): void => {
    this.usedFonts.set(f.id, f);
  };
  private readonly familyKeys = new Map<string, string>();

  constructor(
    private readonly doc: DocumentModel,
    private readonly engine: TextEngine,
    private readonly keepDump = false,
  ) {}

  // ------------------------------------------------------------- blocks

  private readonly blockHandlers: BlockHandlers<PdfNode[], BlockCtx> = {
    paragraph: (node, ctx) => [this.paragraph(node, ctx)],
    heading: (node, ctx) => [this.paragraph(node, ctx, 'heading')],
    listItem: (node, ctx) => this.listItem(node, ctx),
    pageBreak: () => [{ text: '', pageBreak: 'after' }],
    table: (node, ctx) => [this.table(node, ctx)],
  };

  blocks(blocks: readonly Block[], ctx: BlockCtx): PdfNode[] {
    const out: PdfNode[] = [];
    for (const b of blocks) out.push(...visitBlock(this.blockHandlers, b, ctx));
    return out;
  }

  private styleOf(node: { style?: string }, fallback: string): ParagraphStyle {
    return resolveStyle(this.doc.styles, node.style ?? fallback);
  }

  private textStyle(ps: ParagraphStyle, lang: string | undefined): TextStyle {
    const l = lang ?? ps.lang ?? this.doc.meta.lang;
    return { family: ps.font ?? 'Amiri', bold: ps.bold ?? false, italic: ps.italic ?? false, size: ps.size ?? 12, ...(l ? { lang: l } : {}) };
  }

  private paragraph(node: ParagraphNode | HeadingNode, ctx: BlockCtx, fallbackStyle = 'normal', extra: { label?: string; indentStart?: number } = {}): PdfNode {
    const ps = this.styleOf(node, fallbackStyle);
    const base = this.textStyle(ps, node.lang);
    const ictx: InlineCtx = { style: base, fields: ctx.fields, items: [], sources: [], cursor: { offset: 0 } };
    this.inlines(node.children, ictx);
    const dir: BaseDir = node.dir ?? ps.dir ?? this.doc.meta.dir;
    const laid = this.engine.layoutParagraph({
      items: ictx.items,
      dir,
      align: node.align ?? ps.align ?? 'start',
      width: ctx.width,
      indentStart: extra.indentStart ?? ps.indentStart ?? 0,
      indentEnd: ps.indentEnd ?? 0,
      ...(extra.label !== undefined ? { label: { text: extra.label, style: base, width: ps.numberWidth ?? 0 } } : {}),
    });
    this.noteMissing(laid, ictx, node.source);
    if (this.keepDump) this.dump.push({ label: `${node.type}${node.style ? `(${node.style})` : ''}`, paragraph: laid, running: ctx.fields.page !== undefined });
    const rtl = laid.paragraphLevel % 2 === 1;
    const lineHeight = ps.lineHeight ?? 1;
    // The structure element the lines belong to (tagged PDF), or an artifact for running heads.
    const lang = node.lang ?? ps.lang ?? this.doc.meta.lang;
    const tag: LineTag = ctx.fields.page !== undefined
      ? { artifact: true }
      : { role: node.type === 'heading' ? `H${node.level}` : 'P', element: {}, ...(lang ? { lang } : {}) };
    const lines = laid.lines.map((line) => this.line(line, rtl, lineHeight, base, tag));
    return { stack: keepTogether(lines), margin: [0, ps.spaceBefore ?? 0, 0, ps.spaceAfter ?? 0] };
  }

  private listItem(node: ListItemNode, ctx: BlockCtx): PdfNode[] {
    const ps = this.styleOf(node, 'numbered');
    const format = ps.numberFormat ?? '%1.';
    const label = format.replace('%1', String(node.number));
    const out: PdfNode[] = [];
    node.children.forEach((p, i) => {
      if (i === 0) {
        const styled = p.style === undefined && node.style !== undefined ? { ...p, style: node.style } : p;
        out.push(this.paragraph(styled, ctx, 'numbered', { label }));
      } else {
        // Continuation paragraphs: unnumbered, aligned with the item's text.
        const cs = this.styleOf(p, 'continuation');
        const indent = (cs.indentStart ?? 0) || (ps.indentStart ?? 0) + (ps.numberWidth ?? 0);
        out.push(this.paragraph(p, ctx, 'continuation', { indentStart: indent }));
      }
    });
    return out;
  }

  private table(node: TableNode, ctx: BlockCtx): PdfNode {
    const ps = this.styleOf(node, 'normal');
    const dir = node.dir ?? ps.dir ?? this.doc.meta.dir;
    const rtl = dir === 'rtl' || (dir === 'auto' && firstStrongDir(node.rows.flatMap((r) => r.cells.flatMap((c) => c.children.map((p) => inlineText(p.children)))).join(' ')) !== 'ltr');
    const total = node.columns.reduce((a, b) => a + b, 0) || 1;
    const padding = 4;
    const colWidths = node.columns.map((c) => (c / total) * ctx.width - 2 * padding - 1);
    const body = node.rows.map((row) => {
      const cells = row.cells.map((cell, ci) => ({ stack: this.blocks(cell.children, { width: Math.max(10, colWidths[ci] ?? 10), fields: ctx.fields }) }));
      while (cells.length < node.columns.length) cells.push({ stack: [] });
      return rtl ? cells.reverse() : cells;
    });
    const widths = node.columns.map((c) => (c / total) * ctx.width - 2 * padding - 1);
    return {
      table: { widths: rtl ? widths.reverse() : widths, body },
      layout: { paddingLeft: () => padding, paddingRight: () => padding },
      margin: [0, ps.spaceBefore ?? 0, 0, ps.spaceAfter ?? 0],
    };
  }

  // ------------------------------------------------------------ inlines

  private readonly inlineHandlers: InlineHandlers<void, InlineCtx> = {
    text: (n, c) => this.pushText(n.value, n.lang ? { ...c.style, lang: n.lang } : c.style, c, n.dir),
    strong: (n, c) => this.inlines(n.children, { ...c, style: { ...c.style, bold: true } }, n.dir),
    emphasis: (n, c) => this.inlines(n.children, { ...c, style: { ...c.style, italic: true } }, n.dir),
    lineBreak: (_n, c) => { c.items.push({ kind: 'break' }); c.cursor.offset++; },
    field: (n, c) => {
      const v = n.name === 'page' ? c.fields.page : c.fields.pageCount;
      if (v !== undefined) this.pushText(String(v), c.style, c, undefined);
    },
    data: (n, c) => {
      // Every data field is its own bidi isolate.
      const start = c.cursor.offset;
      const style = n.lang ? { ...c.style, lang: n.lang } : c.style;
      this.isolated(c, n.dir ?? 'auto', () => this.inlines(n.children, { ...c, style }));
      if (n.source) c.sources.push({ start, end: c.cursor.offset, source: n.source });
    },
  };

  /** Inlines in order; a node with its own `dir` is an isolate too. Children share the item list and offset. */
  private inlines(nodes: readonly Inline[], ctx: InlineCtx, dir?: 'rtl' | 'ltr' | 'auto'): void {
    this.isolated(ctx, dir, () => {
      for (const n of nodes) visitInline(this.inlineHandlers, n, ctx);
    });
  }

  private pushText(text: string, style: TextStyle, ctx: InlineCtx, dir: 'rtl' | 'ltr' | 'auto' | undefined): void {
    this.isolated(ctx, dir, () => {
      ctx.items.push({ kind: 'text', text, style });
      ctx.cursor.offset += text.length;
    });
  }

  /** Wraps what `body` adds in an isolate of direction `dir` (none when `dir` is undefined). */
  private isolated(ctx: InlineCtx, dir: 'rtl' | 'ltr' | 'auto' | undefined, body: () => void): void {
    if (dir) {
      ctx.items.push({ kind: 'isolate', dir });
      ctx.cursor.offset++;
    }
    body();
    if (dir) {
      ctx.items.push({ kind: 'endIsolate' });
      ctx.cursor.offset++;
    }
  }

  private noteMissing(laid: LaidOutParagraph, ctx: InlineCtx, source: SourceRef | undefined): void {
    if (laid.missing.length === 0) return;
    const bySource = new Map<string, { source: SourceRef | undefined; chars: string[] }>();
    for (const m of laid.missing) {
      const src = ctx.sources.find((s) => m.index >= s.start && m.index < s.end)?.source ?? source;
      const key = `${src?.file ?? ''}#${src?.pointer ?? ''}`;
      const entry = bySource.get(key) ?? { source: src, chars: [] };
      const desc = `"${m.char}" U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      if (!entry.chars.includes(desc)) entry.chars.push(desc);
      bySource.set(key, entry);
    }
    for (const { source: src, chars } of bySource.values()) {
      this.diagnostics.push({
        severity: 'error',
        code: 'MISSING_GLYPHS',
        message: `no configured font can draw ${chars.join(', ')}`,
        ...(src ? { source: src } : {}),
      });
    }
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
  private line(line: LaidOutLine, rtl: boolean, lineHeight: number, base: TextStyle, tag: LineTag): PdfNode {
    const inlines: PdfNode[] = prepareLine(line, () => this.engine.fontFor(base), base.size).map((p) => {
      const key = registerRun({ ...p, tag, onUse: this.noteFont });
      this.keys.push(key[0]!);
      return {
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

/**
 * Widows and orphans: a paragraph's first two lines stay together and so do
 * its last two (one of three or fewer lines is never split), so no page
 * starts with a paragraph's last line or ends with its first.
 */
export function keepTogether(lines: PdfNode[]): PdfNode[] {
  if (lines.length <= 3) return lines.length > 1 ? [{ stack: lines, unbreakable: true }] : lines;
  return [
    { stack: lines.slice(0, 2), unbreakable: true },
    ...lines.slice(2, -2),
    { stack: lines.slice(-2), unbreakable: true },
  ];
}

/**
 * Keep with next: a heading and the first lines of the block after it (its
 * first unbreakable group) go on one page together.
 */
export function keepWithNext(heading: PdfNode, next: PdfNode): PdfNode[] {
  const stack = next['stack'] as PdfNode[] | undefined;
  if (!stack || stack.length === 0) return [{ stack: [heading, next], unbreakable: true }];
  const margin = (next['margin'] as number[] | undefined) ?? [0, 0, 0, 0];
  const top = margin[1] ?? 0;
  const bottom = margin[3] ?? 0;
  const first: PdfNode = { stack: [stack[0]!], margin: [0, top, 0, stack.length === 1 ? bottom : 0] };
  const out: PdfNode[] = [{ stack: [heading, first], unbreakable: true }];
  if (stack.length > 1) out.push({ stack: stack.slice(1), margin: [0, 0, 0, bottom] });
  return out;
}
