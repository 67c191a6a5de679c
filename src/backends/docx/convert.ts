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
import { Document, Footer, Header, PageBreak, PageOrientation, Paragraph, Tab, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { IParagraphOptions, ISectionOptions, ParagraphChild } from 'docx';
import type { DocumentModel } from '../../model/index.js';
import { FOOTNOTE_NUMBER, type RBlock, type RParagraph, type RSection, type RTable, type ResolvedDocument, resolveOnce } from '../../resolve/index.js';
import type { Diagnostic } from '../types.js';
import { FontUsage } from './fonts.js';
import { type ListLayout, ListNumbering } from './numbering.js';
import { imageParagraph } from './images.js';
import { paragraphRuns } from './runs.js';
import { MarkRegistry } from './marking.js';
import { StyleTable } from './styles.js';
import { twips, wordAlign } from './units.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type BodyChild = Paragraph | Table;
/** Word's default cell margins, left and right (twips). */
const CELL_MARGINS = 2 * 108;

export interface Conversion {
  readonly document: Document;
  readonly diagnostics: readonly Diagnostic[];
}

/** Which style names headings use, and at which level (for outline levels in styles.xml). */
function headingLevels(doc: ResolvedDocument): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of doc.sections) {
    for (const b of [...s.blocks, ...(s.header ?? []), ...(s.footer ?? [])]) {
      if (b.kind === 'paragraph' && b.role === 'heading' && b.level !== undefined) out.set(b.styleName, b.level);
    }
  }
  return out;
}

class Converter {
  readonly diagnostics: Diagnostic[] = [];
  readonly styles: StyleTable;
  readonly lists: ListNumbering;
  readonly fonts = new FontUsage();
  /** The list layout of the last numbered paragraph per list (its continuations follow it). */
  private readonly listLayouts = new Map<string, ListLayout>();

  constructor(
    readonly model: DocumentModel,
    private readonly doc: ResolvedDocument,
    /** Field markers for the round trip with Word (import), when the draft carries its merge base. */
    private readonly marks?: MarkRegistry,
  ) {
    this.styles = new StyleTable(model, this.diagnostics, { headingLevels: headingLevels(doc) });
    this.lists = new ListNumbering(this.styles);
    for (const d of doc.diagnostics) this.diagnostics.push(d);
  }

  // -------------------------------------------------------------- blocks

  /** `box`: the width (twips) the blocks are set in, the text area's by default (images are narrowed to it). */
  blocks(blocks: readonly RBlock[], box?: number): BodyChild[] {
    return blocks.map((b) => this.block(b, box));
  }

  private block(b: RBlock, box = this.textWidth()): BodyChild {
    switch (b.kind) {
      case 'paragraph': return this.paragraph(b);
      case 'pageBreak': return new Paragraph({ children: [new PageBreak()] });
      case 'table': return this.table(b);
      case 'image': return imageParagraph(b, box / 20, this.styles.idOf(undefined));
    }
  }

  /** `lead`: runs before the paragraph's own (the tab after a footnote's number); `hanging`: twips (a footnote's number). */
  private paragraph(p: RParagraph, lead: readonly ParagraphChild[] = [], hanging?: number): Paragraph {
    const styleId = this.styles.idOf(p.styleName, p.source);
    const opts: Writable<IParagraphOptions> = { style: styleId };
    if ((p.dir === 'rtl') !== this.styles.wordBidi(p.styleName)) opts.bidirectional = p.dir === 'rtl';
    if (p.align !== this.styles.wordAlign(p.styleName)) opts.alignment = wordAlign(p.align);
    if (p.label) {
      const layout = this.lists.layoutFor(p.label, p.styleName, p.indentStart);
      this.listLayouts.set(p.label.list, layout);
      opts.numbering = { reference: layout.reference, level: 0, instance: layout.instance };
    } else if (p.continues) {
      // Continuation: unnumbered, aligned with the numbered text. Its style does
      // that when it indents by as much; otherwise the paragraph says so itself.
      const layout = this.listLayouts.get(p.continues.list);
      const indent = layout?.textIndent ?? twips(p.indentStart);
      if (twips(p.style.indentStart ?? 0) !== indent) opts.indent = { start: indent };
    } else if (hanging !== undefined) {
      opts.indent = { start: twips(p.indentStart) + hanging, hanging };
    }
    opts.children = [...lead, ...paragraphRuns(p, this.fonts, this.marks && ((d, runs) => this.marks!.wrap(d, runs)))];
    return new Paragraph(opts);
  }

  private table(t: RTable): Table {
    const width = this.textWidth();
    const total = t.columns.reduce((a, b) => a + b, 0) || 1;
    const columnWidths = t.columns.map((c) => Math.round((width * c) / total));
    const rows = t.rows.map(
      (r, ri) =>
        new TableRow({
          ...(ri < t.headerRows ? { tableHeader: true } : {}),
          // As in the PDF, a row is not split across pages (Word still breaks a row taller than a page).
          cantSplit: true,
          children: r.map(
            (c, i) =>
              new TableCell({
                width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
                children: c.blocks.length > 0 ? this.blocks(c.blocks, Math.max(0, (columnWidths[i] ?? 0) - CELL_MARGINS)) : [new Paragraph({ style: this.styles.idOf(undefined) })],
              }),
          ),
        }),
    );
    return new Table({
      rows,
      columnWidths,
      width: { size: width, type: WidthType.DXA },
      ...(t.dir === 'rtl' ? { visuallyRightToLeft: true } : {}),
    });
  }

  private textWidth(): number {
    const { width, margins } = this.model.page;
    return twips(width - margins.left - margins.right);
  }

  // ------------------------------------------------------------ sections

  private sectionOptions(s: RSection, previous: { header: boolean; footer: boolean }): ISectionOptions {
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

  private headerFooter(blocks: readonly RBlock[]): BodyChild[] {
    const out = this.blocks(blocks);
    return out.length > 0 ? out : [new Paragraph({ style: this.styles.idOf(undefined) })];
  }

  /**
   * Word footnotes, by the resolve stage's numbers (ids 1, 2, 3… in document
   * order, so Word's own numbering gives the same numbers). The docx library
   * puts the footnote's number (w:footnoteRef) first; as in the PDF, it hangs
   * at the start side (right in a w:bidi paragraph) and a tab takes the text
   * to the hanging indent, where every line of the note starts (Word's own
   * footnote style has no indent: its second line starts under the number).
   */
  private footnotes(): Record<number, { children: Paragraph[] }> {
    const out: Record<number, { children: Paragraph[] }> = {};
    const widest = Math.max(1, ...this.doc.notes.map((n) => [...n.label].length));
    for (const n of this.doc.notes) {
      const p = n.paragraph;
      const tab = new TextRun({ children: [new Tab()], ...(p.dir === 'rtl' ? { rightToLeft: true } : {}) });
      out[n.number] = { children: [this.paragraph(p, [tab], noteHanging(p.style.size ?? 10, widest))] };
    }
    return out;
  }

  convert(): Conversion {
    const { meta } = this.model;
    if (this.model.sections.length === 0) {
      this.diagnostics.push({ severity: 'error', code: 'EMPTY_DOCUMENT', message: 'the document has no sections; the DOCX is an empty page' });
    }
    const sections: ISectionOptions[] = [];
    const previous = { header: false, footer: false };
    const modelSections: readonly RSection[] = this.doc.sections.length > 0 ? this.doc.sections : [{ name: 'empty', blocks: [] }];
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
      // A line ended by a line break (a newline in the data) is not stretched
      // in a justified paragraph, as in the PDF (Word's "do not expand
      // character spaces on a line ending with Shift+Return"; LibreOffice reads it).
      compatibility: { doNotExpandShiftReturn: true },
      title: meta.title,
      ...(meta.subject !== undefined ? { subject: meta.subject } : {}),
      ...(meta.author !== undefined ? { creator: meta.author, lastModifiedBy: meta.author } : {}),
      ...(meta.keywords !== undefined ? { keywords: meta.keywords.join(', ') } : {}),
      styles: {
        default: { document: this.styles.documentDefaults() },
        paragraphStyles: this.styles.paragraphStyles(),
      },
      numbering: { config: this.lists.config() },
      ...(this.doc.notes.length > 0 ? { footnotes: this.footnotes() } : {}),
      fonts: this.fonts.embedded(this.diagnostics),
      sections,
    });
    return { document, diagnostics: this.diagnostics };
  }
}

export function convert(model: DocumentModel, options: { readonly markFields?: boolean } = {}): Conversion {
  return new Converter(model, resolveOnce(model), options.markFields ? new MarkRegistry(model.meta.lang, model.meta.fieldNames) : undefined).convert();
}

/**
 * The hanging indent of a footnote's number (twips): its digits, superscript
 * (about two thirds of the note's size, half an em each), and a gap of 0.4
 * of the note's size; the PDF measures the same (flow.ts, noteArea).
 */
export function noteHanging(size: number, digits: number): number {
  return twips(size * (FOOTNOTE_NUMBER.scale * 0.5 * digits + FOOTNOTE_NUMBER.gap));
}
