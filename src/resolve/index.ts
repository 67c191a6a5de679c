/**
 * The resolve stage: the one place for the rules every backend shares.
 *
 *   DocumentModel (as the template wrote it)
 *     → ResolvedDocument: per block its effective style, base direction
 *       (`auto` resolved, tables included), alignment, language, indents,
 *       list label and bookmark; per inline its format and the bidi isolates
 *       of data fields with their direction and source.
 *
 * Backends only map these decisions to their format; none re-derives them.
 */
import {
  type Block,
  type DocumentModel,
  type FootnoteNode,
  type HeadingNode,
  type ListItemNode,
  type ParagraphNode,
  type ParagraphStyle,
  type TableNode,
  inlineText,
  resolveStyle,
} from '../model/index.js';
import { firstStrongDir } from '../text/bidi.js';
import { type InlineContext, resolveInlines } from './inlines.js';
import { resolveImage } from './images.js';
import { formatLabel, formatNumber } from './labels.js';
import type { Direction, ListLabel, RBlock, RFootnote, RInline, RParagraph, RSection, RTable, ResolvedDocument, ResolveDiagnostic, RunFormat } from './types.js';

export type * from './types.js';
export { FOOTNOTE_NUMBER } from './types.js';
export { formatLabel, formatNumber } from './labels.js';
export { resolvedText } from './inlines.js';

/** Default style names, when a block names none. */
export const DEFAULT_STYLES = { paragraph: 'normal', listItem: 'numbered', continuation: 'continuation', footnote: 'footnote' } as const;
export const DEFAULT_NUMBER_FORMAT = '%1.';

interface Scope {
  readonly running: boolean;
  /** A table cell's direction and language, for its paragraphs. */
  readonly dir?: Direction | undefined;
  readonly lang?: string | undefined;
}

class Resolver {
  readonly diagnostics: ResolveDiagnostic[] = [];
  readonly notes: RFootnote[] = [];
  private readonly occurrences = new Map<string, number>();
  private readonly styleCache = new Map<string, ParagraphStyle>();

  constructor(private readonly doc: DocumentModel) {}

  private has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.doc.styles, name);
  }

  /** A style name the document defines: the one asked for, else the first default it has, else `normal`. */
  effective(name: string | undefined, ...defaults: string[]): string {
    if (name !== undefined && !this.has(name) && !this.unknown.has(name)) {
      this.unknown.add(name);
      this.diagnostics.push({ severity: 'warning', code: 'UNKNOWN_STYLE', message: `paragraph style "${name}" is not defined by the template; "normal" is used instead` });
    }
    for (const n of [name, ...defaults]) if (n !== undefined && this.has(n)) return n;
    return 'normal';
  }
  private readonly unknown = new Set<string>();

  /** A node of a type the model does not have (a model built by code, not by the markup parser). */
  unsupported(n: unknown, what: string): void {
    const node = n as { type?: unknown; source?: ResolveDiagnostic['source'] };
    this.diagnostics.push({
      severity: 'error',
      code: 'UNSUPPORTED_NODE',
      message: `no backend can render ${what} node of type "${String(node.type)}"; it is left out`,
      ...(node.source ? { source: node.source } : {}),
    });
  }

  style(name: string): ParagraphStyle {
    let s = this.styleCache.get(name);
    if (!s) this.styleCache.set(name, (s = resolveStyle(this.doc.styles, name)));
    return s;
  }

  private direction(asked: ParagraphStyle['dir'], text: () => string): Direction {
    const d = asked ?? this.doc.meta.dir;
    return d === 'auto' ? (firstStrongDir(text()) ?? this.doc.meta.dir) : d;
  }

  blocks(blocks: readonly Block[], scope: Scope): RBlock[] {
    const out: RBlock[] = [];
    for (const b of blocks) {
      switch (b.type) {
        case 'paragraph': out.push(this.paragraph(b, 'paragraph', this.effective(b.style, DEFAULT_STYLES.paragraph), scope)); break;
        case 'heading': out.push(this.paragraph(b, 'heading', this.effective(b.style, `heading${b.level}`, 'heading'), scope)); break;
        case 'listItem': out.push(...this.listItem(b, scope)); break;
        case 'pageBreak': out.push({ kind: 'pageBreak' }); break;
        case 'table': out.push(this.table(b, scope)); break;
        case 'image': out.push(resolveImage(b, this.style(this.effective(b.style, DEFAULT_STYLES.paragraph)), scope.dir ?? this.doc.meta.dir, scope.running)); break;
        default: this.unsupported(b, 'block');
      }
    }
    return out;
  }

  private paragraph(
    node: ParagraphNode | HeadingNode,
    role: RParagraph['role'],
    styleName: string,
    scope: Scope,
    extra: { label?: ListLabel; continues?: ListLabel; indentStart?: number } = {},
  ): RParagraph {
    const style = this.style(styleName);
    const dir = this.direction(node.dir ?? scope.dir ?? style.dir, () => inlineText(node.children));
    const lang = node.lang ?? scope.lang ?? style.lang ?? this.doc.meta.lang;
    const ctx: InlineContext = {
      format: { bold: style.bold ?? false, italic: style.italic ?? false, lang },
      dir,
      numberStyle: style.numberStyle ?? 'decimal',
      running: scope.running,
      occurrences: this.occurrences,
      unsupported: (n) => this.unsupported(n, 'inline'),
      footnote: (n, here, format) => this.footnote(n, here, format, node.origin),
    };
    const level = node.type === 'heading' ? node.level : undefined;
    const outlineLevel = node.outline ?? (level !== undefined ? level : 0);
    const title = outlineLevel > 0 ? inlineText(node.children).replace(/\s+/g, ' ').trim() : '';
    return {
      kind: 'paragraph',
      role,
      ...(level !== undefined ? { level } : {}),
      styleName,
      style,
      dir,
      align: node.align ?? style.align ?? 'start',
      lang,
      indentStart: extra.indentStart ?? style.indentStart ?? 0,
      indentEnd: style.indentEnd ?? 0,
      ...(extra.label ? { label: extra.label } : {}),
      ...(extra.continues ? { continues: extra.continues } : {}),
      ...(title !== '' && !scope.running ? { outline: { level: outlineLevel, title } } : {}),
      running: scope.running,
      inlines: resolveInlines(node.children, ctx),
      ...(node.source ? { source: node.source } : {}),
      ...(node.origin ? { origin: node.origin } : {}),
    };
  }

  /**
   * A footnote's marker: the note gets the next number, written in the digits
   * of the `footnote` style, and its text is resolved here, at the marker
   * (its data fields count their occurrences in reading order). A note in a
   * running header or footer would repeat on every page: it is left out, with a warning.
   */
  private footnote(n: FootnoteNode, ctx: InlineContext, format: RunFormat, origin: ParagraphNode['origin']): RInline[] {
    if (ctx.running) {
      this.diagnostics.push({ severity: 'warning', code: 'FOOTNOTE', message: `a footnote in a running header or footer${origin ? ` (${origin.file}:${origin.line})` : ''} is left out: put it in the body` });
      return [];
    }
    const styleName = this.effective(undefined, DEFAULT_STYLES.footnote);
    const numberStyle = this.style(styleName).numberStyle ?? 'decimal';
    const number = this.notes.length + 1;
    const note: RFootnote = {
      number,
      label: formatNumber(number, numberStyle),
      numberStyle,
      paragraph: this.paragraph({ type: 'paragraph', children: n.children, ...(n.source ? { source: n.source } : {}), ...(origin ? { origin } : {}) }, 'footnote', styleName, { running: false }),
    };
    this.notes.push(note);
    return [{ kind: 'noteRef', note, dir: ctx.dir, format }];
  }

  /**
   * A list item: its first paragraph carries the label in a box of the
   * style's `numberWidth` at the start edge; the others are continuations,
   * unnumbered, their text aligned with the item's text.
   */
  private listItem(item: ListItemNode, scope: Scope): RParagraph[] {
    const [first, ...rest] = item.children;
    if (!first) return [];
    const styleName = this.effective(first.style ?? item.style, DEFAULT_STYLES.listItem);
    const style = this.style(styleName);
    const numberStyle = style.numberStyle ?? 'decimal';
    const format = style.numberFormat ?? DEFAULT_NUMBER_FORMAT;
    const label: ListLabel = {
      text: formatLabel(format, item.number, numberStyle),
      number: item.number,
      list: item.list,
      format,
      numberStyle,
      width: style.numberWidth ?? 0,
    };
    const textIndent = (style.indentStart ?? 0) + label.width;
    const out = [this.paragraph(first, 'listItem', styleName, scope, { label })];
    for (const p of rest) {
      const name = this.effective(p.style ?? item.style, DEFAULT_STYLES.continuation);
      out.push(this.paragraph(p, 'continuation', name, scope, { continues: label, indentStart: textIndent }));
    }
    return out;
  }

  private table(node: TableNode, scope: Scope): RTable {
    const styleName = this.effective(node.style, DEFAULT_STYLES.paragraph);
    const style = this.style(styleName);
    const text = (): string => node.rows.flatMap((r) => r.cells.flatMap((c) => c.children.map((p) => inlineText(p.children)))).join(' ');
    const dir = this.direction(node.dir ?? scope.dir ?? style.dir, text);
    const rows = node.rows.map((r) =>
      r.cells.map((c) => {
        const cellDir = c.dir === undefined ? dir : this.direction(c.dir, () => c.children.map((p) => inlineText(p.children)).join(' '));
        const cellScope: Scope = { running: scope.running, dir: c.dir === undefined ? undefined : cellDir, lang: c.lang ?? node.lang ?? scope.lang };
        return { dir: cellDir, blocks: this.blocks(c.children, cellScope) as RParagraph[] };
      }),
    );
    const headerRows = node.rows.findIndex((r) => r.header !== true);
    return { kind: 'table', styleName, style, dir, columns: node.columns, rows, headerRows: headerRows < 0 ? rows.length : headerRows, running: scope.running };
  }
}

/** Resolves a document for the backends. Pure: the same model gives the same result. */
export function resolveDocument(doc: DocumentModel): ResolvedDocument {
  const r = new Resolver(doc);
  const sections: RSection[] = doc.sections.map((s) => {
    const blocks = r.blocks(s.blocks, { running: false });
    const header = s.header ? r.blocks(s.header, { running: true }) : undefined;
    const footer = s.footer ? r.blocks(s.footer, { running: true }) : undefined;
    return { name: s.name, blocks, ...(header ? { header } : {}), ...(footer ? { footer } : {}) };
  });
  return { meta: doc.meta, page: doc.page, styles: doc.styles, sections, notes: r.notes, diagnostics: r.diagnostics };
}

/** Resolved documents by model (both backends of one build share one resolution). */
const resolved = new WeakMap<DocumentModel, ResolvedDocument>();
export function resolveOnce(doc: DocumentModel): ResolvedDocument {
  let r = resolved.get(doc);
  if (!r) resolved.set(doc, (r = resolveDocument(doc)));
  return r;
}
