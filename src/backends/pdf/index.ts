/**
 * The PDF backend: pdfmake for pages, the project's text engine for every
 * line of text (bidi, shaping, breaking, justification), drawn through
 * glyph runs that pdfkit embeds as they are.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import type { DocumentModel } from '../../model/index.js';
import { type RBlock, resolveOnce } from '../../resolve/index.js';
import { documentInstant } from '../../resolve/instant.js';
import { xmlEscape } from '../../xml.js';
import { projectRoot } from '../../paths.js';
import { type FontConfig, TextEngine, loadFontConfig } from '../../text/index.js';
import type { Backend, Diagnostic, RenderOptions, RenderResult } from '../types.js';
import { type FieldValues, type ParagraphObserver, PdfFlow, type PdfNode } from './flow.js';
import { keepWithNext } from './keep.js';
import { installGlyphRunHook, releaseRuns } from './glyph-runs.js';
import { installImageTagging } from './images.js';
import { overflowWarnings } from './footnotes.js';
import { attachNoteArea, installNoteArea } from './note-area.js';
import { forgetReadingOrder, installReadingOrder } from './reading-order.js';
import { installFontFiles } from './font-files.js';
import { installStreamCache } from './stream-cache.js';

const require = createRequire(import.meta.url);

interface PdfKitDoc {
  on(ev: 'data', cb: (b: Buffer) => void): void;
  on(ev: 'end', cb: () => void): void;
  on(ev: 'error', cb: (e: Error) => void): void;
  end(): void;
}
interface PrinterCtor {
  new (fonts: unknown, vfs: unknown, urlResolver: unknown, localAccessPolicy: (p: string) => boolean): {
    createPdfKitDocument(def: unknown, options?: unknown): Promise<PdfKitDoc>;
  };
}

const engines = new Map<FontConfig, TextEngine>();
export function engineFor(fonts: FontConfig = loadFontConfig()): TextEngine {
  let e = engines.get(fonts);
  if (!e) {
    e = new TextEngine(fonts);
    engines.set(fonts, e);
  }
  return e;
}

/** The only folders a PDF build may read: the font files in use. */
function localPolicy(fonts: FontConfig): (path: string) => boolean {
  const allowed = new Set<string>([join(projectRoot(), 'fonts') + sep]);
  for (const fam of Object.values(fonts.families)) for (const f of Object.values(fam)) if (f) allowed.add(dirname(f) + sep);
  return (path: string) => {
    const abs = resolve(path);
    for (const a of allowed) if (abs.startsWith(a)) return true;
    return false;
  };
}

function dateOf(doc: { readonly meta: DocumentModel['meta'] }): Date {
  return documentInstant(doc.meta) ?? new Date(Date.UTC(1980, 0, 1));
}

import { DEFAULT_PDFA, type PdfOptions } from './pdfa.js';

/** What the PDF functions take: the shared options with the PDF backend's own flattened in. */
export type PdfRenderOptions = Omit<RenderOptions, 'pdf'> & PdfOptions;
/** Description of the embedded data file (its file spec's /Desc). */
export const SOURCE_DESCRIPTION = 'The JSON data this document was made from';

/**
 * A section's blocks, each heading kept on the page of what follows it.
 * Blocks are laid out one by one so each node is known to come from its block.
 */
function flowSection(flow: PdfFlow, blocks: readonly RBlock[], ctx: { width: number; fields: FieldValues }): PdfNode[] {
  const out: PdfNode[] = [];
  let heading: PdfNode | undefined;
  for (const block of blocks) {
    const node = flow.block(block, ctx);
    if (heading && block.kind === 'table') {
      // A table can be longer than a page: it is not made unbreakable with its heading;
      // the heading goes to the next page when no row of the table follows it on its own (pageBreakBefore).
      out.push({ ...heading, headlineLevel: KEEP_WITH_TABLE }, node);
      heading = undefined;
    } else if (heading) {
      out.push(...keepWithNext(heading, node));
      heading = undefined;
    } else if (block.kind === 'paragraph' && block.role === 'heading') heading = node;
    else out.push(node);
  }
  if (heading) out.push(heading);
  return out;
}

/** Marks a heading followed by a table (pdfmake's `headlineLevel`, read by `pageBreakBefore`). */
const KEEP_WITH_TABLE = 1;

type NodeInfo = { headlineLevel?: number; table?: unknown };
/** A heading before a table starts a new page when no part of the table is on its page. */
function pageBreakBefore(node: NodeInfo, nodes: { getFollowingNodesOnPage(): NodeInfo[] }): boolean {
  return node.headlineLevel === KEEP_WITH_TABLE && !nodes.getFollowingNodesOnPage().some((n) => n.table !== undefined);
}

export interface PdfBuild {
  readonly definition: Record<string, unknown>;
  readonly flow: PdfFlow;
}

/** The Info dictionary (pdfkit also writes it into the XMP metadata). */
function documentInfo(meta: DocumentModel['meta'], created: Date): Record<string, unknown> {
  return {
    title: meta.title,
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.subject ? { subject: meta.subject } : {}),
    ...(meta.keywords?.length ? { keywords: meta.keywords.join(', ') } : {}),
    creator: 'oic-docs',
    producer: 'oic-docs (pdfmake)',
    // No ModDate: pdfkit writes no xmp:ModifyDate, and PDF/A wants Info and XMP to agree.
    creationDate: created,
  };
}

/** The data file as an associated file (relationship Source), where the PDF/A level allows it. */
function embeddedSource(data: Uint8Array, sourceName: string | undefined, created: Date, pdfa: string, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  if (pdfa === '2b') {
    diagnostics.push({
      severity: 'warning', code: 'SOURCE_NOT_EMBEDDED',
      message: 'the data file is not embedded: PDF/A-2 allows only PDF/A attachments (use PDF/A-3b to embed it)',
    });
    return undefined;
  }
  const name = sourceName ?? 'source.json';
  return {
    source: {
      // A data: URL: pdfmake passes it to pdfkit as it is (no file, no fetch).
      src: `data:application/json;base64,${Buffer.from(data).toString('base64')}`,
      name,
      description: `${SOURCE_DESCRIPTION}: ${name}`,
      relationship: 'Source',
      creationDate: created,
      modifiedDate: created,
    },
  };
}

/** Lays out the whole document and returns the pdfmake definition (used by tests for the line dump). */
export function buildDefinition(model: DocumentModel, options: PdfRenderOptions = {}, observe?: ParagraphObserver): PdfBuild {
  const engine = engineFor();
  const doc = resolveOnce(model);
  const fontConfig = loadFontConfig();
  const flow = new PdfFlow(engine, Object.keys(fontConfig.families)[0] ?? 'Amiri', observe);
  for (const d of doc.diagnostics) flow.diagnostics.push(d);
  // Every face in both directions is known to pdfmake up front (running
  // headers are laid out during pdfmake's own layout); only used ones are embedded.
  for (const fam of Object.values(fontConfig.families)) {
    for (const file of Object.values(fam)) if (file) for (const rtl of [true, false]) flow.family(file, rtl);
  }
  const { page } = doc;
  const contentWidth = page.width - page.margins.left - page.margins.right;
  flow.pageBodyHeight = page.height - page.margins.top - page.margins.bottom;
  const fields: FieldValues = {};

  const running = (blocks: readonly RBlock[] | undefined, top: boolean) => {
    if (!blocks || blocks.length === 0) return null;
    return (currentPage: number, pageCount: number) => {
      const nodes = flow.blocks(blocks, { width: contentWidth, fields: { page: currentPage, pageCount } });
      const distance = top ? (page.headerDistance ?? 28) : (page.footerDistance ?? 28);
      return { stack: nodes, margin: top ? [page.margins.left, distance, page.margins.right, 0] : [page.margins.left, 0, page.margins.right, distance] };
    };
  };

  const content: PdfNode[] = doc.sections.map((section) => ({
    section: flowSection(flow, section.blocks, { width: contentWidth, fields }),
    header: running(section.header, true),
    footer: running(section.footer, false),
  }));

  if (doc.notes.length > 0) {
    const byNumber = new Map(doc.notes.map((n) => [n.number, n]));
    attachNoteArea(content, {
      lines: flow.noteLines,
      area: (numbers) => flow.noteArea(numbers.map((n) => byNumber.get(n)!), contentWidth, page.margins, doc.meta.dir === 'rtl', doc.notes),
      // Notes never take more than half of a page's text area (a note longer than that is reported).
      maxHeight: flow.pageBodyHeight / 2,
      done: (pages, overflow, attempts) => {
        flow.notePages = pages;
        flow.noteAttempts = attempts;
        flow.diagnostics.push(...overflowWarnings(doc.notes, pages, overflow));
      },
    });
  }

  const created = dateOf(doc);
  const pdfa = options.pdfa ?? DEFAULT_PDFA;
  const definition: Record<string, unknown> = {
    pageSize: { width: page.width, height: page.height },
    pageMargins: [page.margins.left, page.margins.top, page.margins.right, page.margins.bottom],
    content,
    pageBreakBefore,
    defaultStyle: { font: Object.keys(flow.fonts)[0] ?? 'F1l', fontSize: 12 },
    version: '1.7',
    // A structure tree (headings, paragraphs in reading order; running heads as artifacts): see glyph-runs.ts.
    tagged: true,
    language: doc.meta.lang,
    displayTitle: true,
    info: documentInfo(doc.meta, created),
    ...(pdfa !== 'none' ? { subset: `PDF/A-${pdfa}` } : {}),
  };
  if (options.sourceData) {
    const files = embeddedSource(options.sourceData, options.sourceName, created, pdfa, flow.diagnostics);
    if (files) definition['files'] = files;
  }
  return { definition, flow };
}

/** A bold or italic face the document uses and its family lacks: a warning saying which face prints instead. */
function missingFaces(flow: PdfFlow): Diagnostic[] {
  const config = loadFontConfig();
  return config.warnings
    .filter((w) => flow.facesUsed.has(`${w.family}\0${w.face}`))
    .map((w) => ({ severity: 'warning' as const, code: 'FONT_MISSING', message: w.error.message, source: { file: config.configFile, ...(w.error.pointer !== undefined ? { pointer: w.error.pointer } : {}) } }));
}

export async function renderPdf(doc: DocumentModel, options: PdfRenderOptions = {}, observe?: ParagraphObserver): Promise<RenderResult & { flow: PdfFlow }> {
  installGlyphRunHook();
  installReadingOrder();
  installImageTagging();
  installNoteArea();
  const { definition, flow } = buildDefinition(doc, options, observe);
  // Header/footer functions register runs lazily, during pdfmake's layout.
  try {
    const bytes = await printDefinition(definition, flow.fonts);
    return { bytes, diagnostics: [...flow.diagnostics, ...missingFaces(flow)], flow };
  } finally {
    releaseRuns(flow.keys);
    forgetReadingOrder(flow.keys);
  }
}

/**
 * Runs pdfmake's Printer on a definition under the access policies: local
 * files only from the font folders, no URL ever fetched (a definition naming
 * anything else is refused with an error).
 */
export async function printDefinition(definition: Record<string, unknown>, pdfFonts: PdfFlow['fonts'], fonts: FontConfig = loadFontConfig()): Promise<Uint8Array> {
  const Printer = (require('pdfmake/js/Printer') as { default: PrinterCtor }).default;
  const URLResolver = (require('pdfmake/js/URLResolver') as { default: new (vfs: unknown) => { setUrlAccessPolicy(f: (u: string) => boolean): void } }).default;
  const vfs = (require('pdfmake/js/virtual-fs') as { default: unknown }).default;
  const urlResolver = new URLResolver(vfs);
  urlResolver.setUrlAccessPolicy(() => false); // nothing is ever fetched
  installFontFiles();
  const printer = new Printer(pdfFonts, vfs, urlResolver, localPolicy(fonts));
  const pdfDoc = await printer.createPdfKitDocument(definition);
  installStreamCache((pdfDoc as unknown as { _root?: unknown })._root);
  escapeXmpValues(pdfDoc as unknown as XmpWriter);
  return new Promise<Uint8Array>((resolveBytes, reject) => {
    const chunks: Buffer[] = [];
    pdfDoc.on('data', (b) => chunks.push(b));
    pdfDoc.on('end', () => resolveBytes(new Uint8Array(Buffer.concat(chunks))));
    pdfDoc.on('error', reject);
    pdfDoc.end();
  });
}

interface XmpWriter { info: Record<string, unknown>; _addInfo?: () => void }


/**
 * pdfkit pastes the document's title, author, subject and keywords into the
 * XMP metadata without escaping them, so a title with `&` or `<` (data is
 * text) would make the XMP ill-formed and the PDF/A invalid. They are escaped
 * for the XMP only; the Info dictionary keeps the text as typed.
 */
function escapeXmpValues(doc: XmpWriter): void {
  const addInfo = doc._addInfo;
  if (typeof addInfo !== 'function') return;
  doc._addInfo = function (this: XmpWriter) {
    const saved = { ...this.info };
    for (const k of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
      const v = this.info[k];
      if (typeof v === 'string') this.info[k] = xmlEscape(v);
    }
    try {
      addInfo.call(this);
    } finally {
      Object.assign(this.info, saved);
    }
  };
}

export const pdfBackend: Backend = {
  name: 'pdf',
  extension: 'pdf',
  render: async (doc, { pdf, ...common }) => {
    const { bytes, diagnostics } = await renderPdf(doc, { ...common, ...pdf });
    return { bytes, diagnostics };
  },
};
