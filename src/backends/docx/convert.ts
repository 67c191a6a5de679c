/**
 * The document model as a docx `Document`: sections, styled paragraphs,
 * numbered lists, runs with their direction, headers and footers, fields.
 *
 * Text stays in logical order (Word runs the bidi algorithm and shapes).
 * Formatting lives in the named styles (styles.ts); paragraphs carry direct
 * formatting only where they differ from their style (a paragraph whose
 * direction or alignment is not its style's, a continuation paragraph's
 * indent when its style does not align it with the list's text), and runs
 * only what is theirs: `w:rtl`, bold/italic of strong/emphasis, a language.
 */
import {
  Document,
  Footer,
  Header,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { IParagraphOptions, IRunOptions, ISectionOptions, ParagraphChild } from 'docx';
import type {
  Block,
  BlockHandlers,
  Dir,
  DocumentModel,
  Inline,
  InlineHandlers,
  ListItemNode,
  ParagraphNode,
  Section,
  SourceRef,
} from '../../model/index.js';
import { inlineText } from '../../model/index.js';
import type { Diagnostic } from '../types.js';
import { firstStrong, isNeutralChar, resolveDirections } from './direction.js';
import { FontUsage } from './fonts.js';
import { ListNumbering } from './numbering.js';
import type { ListLayout } from './numbering.js';
import { StyleTable } from './styles.js';
import { twips, wordAlign, wordLanguage } from './units.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type BodyChild = Paragraph | Table;

/** A piece of a paragraph's content, flattened out of the inline tree. */
type Piece =
  | { readonly kind: 'text'; readonly text: string; readonly fmt: Format }
  | { readonly kind: 'break'; readonly fmt: Format }
  | { readonly kind: 'field'; readonly name: 'page' | 'pageCount'; readonly fmt: Format };

interface Format {
  readonly bold: boolean;
  readonly italic: boolean;
  /** An explicit direction from an inline's `dir` (neutrals and digits in it follow it). */
  readonly dir?: 'rtl' | 'ltr';
  readonly lang?: string;
}

interface InlineCtx {
  readonly pieces: Piece[];
  readonly fmt: Format;
}

/** Whether two pieces' runs would be written the same (direction aside). */
function sameLook(a: Format, b: Format): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.lang === b.lang;
}

export interface Conversion {
  readonly document: Document;
  readonly diagnostics: readonly Diagnostic[];
}

function withSource(d: Omit<Diagnostic, 'source'>, source: SourceRef | undefined): Diagnostic {
  return source ? { ...d, source } : d;
}

/** Which style names headings use, and at which level (for outline levels in styles.xml). */
function headingLevels(model: DocumentModel): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (blocks: readonly Block[] | undefined): void => {
    for (const b of blocks ?? []) {
      if (b.type === 'heading') out.set(b.style ?? `heading${b.level}`, b.level);
    }
  };
  for (const s of model.sections) {
    walk(s.blocks);
    walk(s.header);
    walk(s.footer);
  }
  return out;
}

class Converter {
  readonly diagnostics: Diagnostic[] = [];
  readonly styles: StyleTable;
  readonly lists: ListNumbering;
  readonly fonts = new FontUsage();

  constructor(readonly model: DocumentModel) {
    this.styles = new StyleTable(model, this.diagnostics, { headingLevels: headingLevels(model) });
    this.lists = new ListNumbering(this.styles);
  }

  // ------------------------------------------------------------- inlines

  private readonly inlineHandlers: InlineHandlers<void, InlineCtx> = {
    text: (n, ctx) => {
      if (n.value.length > 0) ctx.pieces.push({ kind: 'text', text: n.value, fmt: this.inner(ctx.fmt, n) });
    },
    strong: (n, ctx) => this.inlines(n.children, { pieces: ctx.pieces, fmt: { ...this.inner(ctx.fmt, n), bold: true } }),
    emphasis: (n, ctx) => this.inlines(n.children, { pieces: ctx.pieces, fmt: { ...this.inner(ctx.fmt, n), italic: true } }),
    lineBreak: (_n, ctx) => {
      ctx.pieces.push({ kind: 'break', fmt: ctx.fmt });
    },
    field: (n, ctx) => {
      ctx.pieces.push({ kind: 'field', name: n.name, fmt: this.inner(ctx.fmt, n) });
    },
    // A data field is just its runs in Word (Word does the bidi); its text stays logical.
    data: (n, ctx) => this.inlines(n.children, { pieces: ctx.pieces, fmt: this.inner(ctx.fmt, n) }),
  };

  private inner(fmt: Format, n: { readonly dir?: Dir; readonly lang?: string }): Format {
    let out = fmt;
    if (n.dir === 'rtl' || n.dir === 'ltr') out = { ...out, dir: n.dir };
    if (n.lang !== undefined) out = { ...out, lang: n.lang };
    return out;
  }

  private inlines(nodes: readonly Inline[], ctx: InlineCtx): void {
    for (const n of nodes) {
      const h = (this.inlineHandlers as Record<string, ((n: Inline, c: InlineCtx) => void) | undefined>)[
        (n as { type?: unknown }).type as string
      ];
      if (h) h(n, ctx);
      else this.unsupported(n, 'inline');
    }
  }

  private unsupported(n: unknown, what: string): void {
    const node = n as { type?: unknown; source?: SourceRef };
    this.diagnostics.push(
      withSource(
        {
          severity: 'error',
          code: 'UNSUPPORTED_NODE',
          message: `the DOCX backend cannot render ${what} node of type "${String(node.type)}"; it is left out of the DOCX`,
        },
        node.source,
      ),
    );
  }

  /**
   * The runs of a paragraph's content: split where the direction of the text
   * changes, merged where neighbouring pieces look the same.
   */
  private runs(pieces: readonly Piece[], base: 'rtl' | 'ltr', styleName: string | undefined): ParagraphChild[] {
    // Resolve directions over the whole paragraph, so neutrals see their neighbours in other pieces.
    const text = pieces.map((p) => (p.kind === 'text' ? p.text : ' ')).join('');
    const dirs = resolveDirections(text, base);
    const style = this.styles.resolved(styleName);
    const family = style.font ?? this.model.styles['normal']?.font;
    const out: ParagraphChild[] = [];
    let pending: { fmt: Format; rtl: boolean; text: string } | undefined;
    const flush = (): void => {
      if (pending) out.push(new TextRun({ ...this.runOptions(pending.fmt, pending.rtl), text: pending.text }));
      pending = undefined;
    };
    const add = (fmt: Format, rtl: boolean, t: string): void => {
      if (pending && pending.rtl === rtl && sameLook(pending.fmt, fmt)) pending.text += t;
      else {
        flush();
        pending = { fmt, rtl, text: t };
      }
    };
    let at = 0;
    for (const p of pieces) {
      const bold = p.fmt.bold || style.bold === true;
      const italic = p.fmt.italic || style.italic === true;
      if (family !== undefined) this.fonts.use(family, bold, italic);
      if (p.kind !== 'text') {
        flush();
        const rtl = p.fmt.dir !== undefined ? p.fmt.dir === 'rtl' : base === 'rtl';
        const opts = this.runOptions(p.fmt, rtl);
        if (p.kind === 'break') out.push(new TextRun({ ...opts, break: 1 }));
        else out.push(new TextRun({ ...opts, children: [p.name === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES] }));
        at += 1;
        continue;
      }
      const chars = [...p.text];
      // An explicit inline direction decides for its neutrals and digits, never for strong letters.
      const dirOf = (i: number): boolean =>
        p.fmt.dir !== undefined && isNeutralChar(chars[i]!) ? p.fmt.dir === 'rtl' : dirs[at + i] === 'R';
      let start = 0;
      for (let i = 1; i <= chars.length; i++) {
        if (i === chars.length || dirOf(i) !== dirOf(start)) {
          add(p.fmt, dirOf(start), chars.slice(start, i).join(''));
          start = i;
        }
      }
      at += chars.length;
    }
    flush();
    return out;
  }

  private runOptions(fmt: Format, rtl: boolean): Writable<IRunOptions> {
    const o: Writable<IRunOptions> = {};
    if (fmt.bold) {
      o.bold = true;
      o.boldComplexScript = true;
    }
    if (fmt.italic) {
      o.italics = true;
      o.italicsComplexScript = true;
    }
    if (rtl) o.rightToLeft = true;
    if (fmt.lang !== undefined) o.language = wordLanguage(fmt.lang);
    return o;
  }

  // -------------------------------------------------------------- blocks

  /** A paragraph's base direction: its own `dir`, its style's, the document's; 'auto' from the first strong character. */
  private direction(node: { readonly dir?: Dir }, styleName: string | undefined, text: string): 'rtl' | 'ltr' {
    const d = node.dir ?? this.styles.resolved(styleName).dir ?? this.model.meta.dir;
    if (d === 'auto') return firstStrong(text) ?? this.model.meta.dir;
    return d;
  }

  private paragraph(
    node: { readonly dir?: Dir; readonly align?: ParagraphNode['align']; readonly source?: SourceRef },
    children: readonly Inline[],
    styleName: string | undefined,
    extra: Writable<IParagraphOptions> = {},
  ): Paragraph {
    const styleId = this.styles.idOf(styleName, node.source);
    const effective = this.styles.effectiveName(styleName);
    const pieces: Piece[] = [];
    this.inlines(children, { pieces, fmt: { bold: false, italic: false } });
    const base = this.direction(node, effective, inlineText(children));
    const opts: Writable<IParagraphOptions> = { ...extra, style: styleId };
    if ((base === 'rtl') !== this.styles.wordBidi(effective)) opts.bidirectional = base === 'rtl';
    if (node.align !== undefined && node.align !== this.styles.wordAlign(effective)) opts.alignment = wordAlign(node.align);
    opts.children = this.runs(pieces, base, effective);
    return new Paragraph(opts);
  }

  private readonly blockHandlers: BlockHandlers<BodyChild[]> = {
    paragraph: (n) => [this.paragraph(n, n.children, n.style)],
    // A heading without a style gets the template's `headingN`, or else Word's own Heading N.
    heading: (n) => [this.paragraph(n, n.children, n.style ?? `heading${n.level}`)],
    listItem: (n) => this.listItem(n),
    pageBreak: () => [new Paragraph({ children: [new PageBreak()] })],
    table: (n) => {
      const width = this.textWidth();
      const total = n.columns.reduce((a, b) => a + b, 0) || 1;
      const columnWidths = n.columns.map((c) => Math.round((width * c) / total));
      const rtl = (n.dir === 'auto' ? undefined : n.dir) ?? this.model.meta.dir;
      const rows = n.rows.map(
        (r) =>
          new TableRow({
            children: r.cells.map(
              (c, i) =>
                new TableCell({
                  width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
                  children: ((ps) => (ps.length > 0 ? ps : [new Paragraph({ style: this.styles.idOf(undefined) })]))(this.blocks(c.children)),
                }),
            ),
          }),
      );
      return [
        new Table({
          rows,
          columnWidths,
          width: { size: width, type: WidthType.DXA },
          ...(rtl === 'rtl' ? { visuallyRightToLeft: true } : {}),
        }),
      ];
    },
  };

  private textWidth(): number {
    const { width, margins } = this.model.page;
    return twips(width - margins.left - margins.right);
  }

  private listItem(n: ListItemNode): BodyChild[] {
    if (n.children.length === 0) {
      this.diagnostics.push(
        withSource({ severity: 'warning', code: 'EMPTY_LIST_ITEM', message: `list item ${n.number} has no paragraph; the DOCX numbers an empty one` }, n.source),
      );
    }
    // Only paragraphs belong in a list item; anything else is reported, not dropped silently.
    const paragraphs = n.children.filter((c) => {
      if ((c as { type?: unknown }).type === 'paragraph') return true;
      this.unsupported(c, 'list item child');
      return false;
    });
    const layout: ListLayout = this.lists.layoutFor(n);
    const numbering = { reference: layout.reference, level: 0, instance: layout.instance };
    const [first, ...rest] = paragraphs.length > 0 ? paragraphs : [{ type: 'paragraph', children: [] } as ParagraphNode];
    const out: BodyChild[] = [this.paragraph(first!, first!.children, first!.style ?? n.style, { numbering })];
    for (const p of rest) {
      // Continuation: unnumbered, aligned with the numbered text. Its style does
      // that when it indents by as much; otherwise the paragraph says so itself.
      const styleName = p.style ?? n.style;
      const s = this.styles.resolved(this.styles.effectiveName(styleName));
      const extra: Writable<IParagraphOptions> = {};
      if (twips(s.indentStart ?? 0) !== layout.textIndent) extra.indent = { start: layout.textIndent };
      out.push(this.paragraph(p, p.children, styleName, extra));
    }
    return out;
  }

  blocks(blocks: readonly Block[]): BodyChild[] {
    const out: BodyChild[] = [];
    for (const b of blocks) {
      const h = (this.blockHandlers as Record<string, ((n: Block, c: void) => BodyChild[]) | undefined>)[
        (b as { type?: unknown }).type as string
      ];
      if (h) out.push(...h(b, undefined));
      else this.unsupported(b, 'block');
    }
    return out;
  }

  // ------------------------------------------------------------ sections

  private sectionOptions(s: Section, previous: { header: boolean; footer: boolean }): ISectionOptions {
    const { page } = this.model;
    let children = this.blocks(s.blocks);
    if (children.length === 0) {
      this.diagnostics.push({ severity: 'warning', code: 'EMPTY_SECTION', message: `section "${s.name}" has no content; the DOCX gives it an empty paragraph` });
      children = [new Paragraph({ style: this.styles.idOf(undefined) })];
    }
    const opts: Writable<ISectionOptions> = {
      properties: {
        page: {
          size: {
            width: twips(page.width),
            height: twips(page.height),
            orientation: page.width > page.height ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            top: twips(page.margins.top),
            right: twips(page.margins.right),
            bottom: twips(page.margins.bottom),
            left: twips(page.margins.left),
            header: twips(page.headerDistance ?? 35.4),
            footer: twips(page.footerDistance ?? 35.4),
          },
        },
      },
      children,
    };
    // A Word section without a header reference inherits the previous
    // section's; a model section without a header gets none, so it gets an
    // explicit empty one after a section that had one.
    if (s.header !== undefined && s.header.length > 0) {
      opts.headers = { default: new Header({ children: this.headerFooter(s.header) }) };
    } else if (previous.header) {
      opts.headers = { default: new Header({ children: [new Paragraph({ style: this.styles.idOf(undefined) })] }) };
    }
    if (s.footer !== undefined && s.footer.length > 0) {
      opts.footers = { default: new Footer({ children: this.headerFooter(s.footer) }) };
    } else if (previous.footer) {
      opts.footers = { default: new Footer({ children: [new Paragraph({ style: this.styles.idOf(undefined) })] }) };
    }
    return opts;
  }

  private headerFooter(blocks: readonly Block[]): BodyChild[] {
    const out = this.blocks(blocks);
    return out.length > 0 ? out : [new Paragraph({ style: this.styles.idOf(undefined) })];
  }

  convert(): Conversion {
    const { meta } = this.model;
    if (this.model.sections.length === 0) {
      this.diagnostics.push({ severity: 'error', code: 'EMPTY_DOCUMENT', message: 'the document has no sections; the DOCX is an empty page' });
    }
    const sections: ISectionOptions[] = [];
    const previous = { header: false, footer: false };
    const modelSections: readonly Section[] = this.model.sections.length > 0 ? this.model.sections : [{ name: 'empty', blocks: [] }];
    modelSections.forEach((s) => {
      sections.push(this.sectionOptions(s, previous));
      previous.header = (s.header?.length ?? 0) > 0;
      previous.footer = (s.footer?.length ?? 0) > 0;
    });
    // The normal style's face is always embedded (text an editor types uses it).
    const normalFont = this.model.styles['normal']?.font;
    if (normalFont !== undefined) this.fonts.use(normalFont, false, false);
    for (const s of Object.values(this.model.styles)) if (s.font !== undefined) this.fonts.use(s.font, false, false);

    const document = new Document({
      title: meta.title,
      ...(meta.subject !== undefined ? { subject: meta.subject } : {}),
      ...(meta.author !== undefined ? { creator: meta.author, lastModifiedBy: meta.author } : {}),
      ...(meta.keywords !== undefined ? { keywords: meta.keywords.join(', ') } : {}),
      styles: {
        default: { document: this.styles.documentDefaults() },
        paragraphStyles: this.styles.paragraphStyles(),
      },
      numbering: { config: this.lists.config() },
      fonts: this.fonts.embedded(this.diagnostics),
      sections,
    });
    return { document, diagnostics: this.diagnostics };
  }
}

export function convert(model: DocumentModel): Conversion {
  return new Converter(model).convert();
}
