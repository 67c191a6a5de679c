/**
 * Footnotes at the foot of the page where their marker falls. pdfmake has
 * no footnotes, and which page a marker lands on is known only once the
 * body is laid out; so the layout is iterated (bounded):
 *
 * 1. pdfmake lays out the body, with the room reserved at the foot of each
 *    page by the previous attempt (none at first);
 * 2. once the body is laid out (where pdfmake adds headers and footers), the
 *    pages' lines say which markers each page holds (by the run key of each
 *    line's first inline, flow.ts); each page's notes are laid out, measured,
 *    and placed just above the bottom margin;
 * 3. if a page's notes are taller than the room it had, the body is laid out
 *    again with that room reserved. The first attempts reserve exactly what
 *    the last one needed, the later ones never less than before (so it
 *    ends); after MAX_ATTEMPTS the notes that still do not fit are reported.
 *
 * The hooks: pdfmake's LayoutBuilder (layoutDocument, tryLayoutDocument,
 * addHeadersAndFooters) and DocumentContext.initializePage, which takes the
 * reserved room off a body page's available height. The body's context is
 * the one pdfmake hands its PageElementWriter (made once per attempt); the
 * contexts of unbreakable blocks, headers and footers are not touched.
 * A definition without notes goes through pdfmake as before.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type PdfNode = Record<string, unknown>;

export interface NoteAreaSpec {
  /** Footnote numbers of a line, by the run key of the line's first inline. */
  readonly lines: ReadonlyMap<string, readonly number[]>;
  /** The notes' area of one page (separator and note paragraphs), full page width. */
  readonly area: (numbers: readonly number[]) => PdfNode;
  /** The most room the notes may take on a page (points). */
  readonly maxHeight: number;
  /** Told where each note was set (number → 1-based page) and which pages' notes did not fit. */
  readonly done?: (pages: ReadonlyMap<number, number>, overflow: readonly number[], attempts: number) => void;
}

const NOTES = Symbol.for('oic-docs.footnote-area');
/** Attempts at most (each a layout of the whole body). */
export const MAX_ATTEMPTS = 8;
/** Attempts that reserve exactly the last need before the room only grows. */
const EXACT_ATTEMPTS = 3;

/** Gives the definition's content its footnotes (read when pdfmake lays it out). */
export function attachNoteArea(content: PdfNode[], spec: NoteAreaSpec): void {
  Object.defineProperty(content, NOTES, { value: spec, enumerable: false });
}

interface State {
  readonly spec: NoteAreaSpec;
  /** Reserved room per page index (points). */
  reserve: number[];
  attempt: number;
  overflow: number[];
  placed: Map<number, number>;
}

interface Line { inlines?: { fontFeatures?: unknown }[] }
interface Page { items: { type: string; item: unknown }[]; pageSize: { width: number; height: number }; pageMargins: { bottom: number } }
interface Context { page: number; y: number; availableHeight: number; pages: Page[]; __oicReserve?: number[] }
interface Builder {
  __oicNotes?: State;
  writer: { context(): Context; beginUnbreakableBlock(w: number, h: number): void; commitUnbreakableBlock(x: number, y: number): void };
  docPreprocessor: { preprocessBlock(n: PdfNode): PdfNode };
  docMeasure: { measureBlock(n: PdfNode): PdfNode };
  processNode(n: PdfNode): void;
}

/** The state of the attempt being laid out (tryLayoutDocument is synchronous). */
let active: State | undefined;

/** The footnote numbers of each page, from its laid-out lines. */
function notesPerPage(pages: readonly Page[], lines: NoteAreaSpec['lines']): number[][] {
  return pages.map((page) => {
    const out: number[] = [];
    for (const it of page.items) {
      if (it.type !== 'line') continue;
      const key = (it.item as Line).inlines?.[0]?.fontFeatures;
      const numbers = Array.isArray(key) && typeof key[0] === 'string' ? lines.get(key[0]) : undefined;
      if (numbers) out.push(...numbers);
    }
    return out.sort((a, b) => a - b);
  });
}

/** Lays out, measures and places each page's notes; notes what room the next attempt needs. */
function placeNotes(builder: Builder, st: State): void {
  const ctx = builder.writer.context();
  const perPage = notesPerPage(ctx.pages, st.spec.lines);
  const need: number[] = [];
  st.overflow = [];
  st.placed = new Map();
  perPage.forEach((numbers, i) => {
    if (numbers.length === 0) return;
    const page = ctx.pages[i]!;
    ctx.page = i;
    builder.writer.beginUnbreakableBlock(page.pageSize.width, page.pageSize.height);
    builder.processNode(builder.docMeasure.measureBlock(builder.docPreprocessor.preprocessBlock(st.spec.area(numbers))));
    const height = builder.writer.context().y;
    builder.writer.commitUnbreakableBlock(0, page.pageSize.height - page.pageMargins.bottom - height);
    need[i] = Math.min(height, st.spec.maxHeight);
    if (height > (st.reserve[i] ?? 0) + 0.01) st.overflow.push(i + 1);
    for (const n of numbers) st.placed.set(n, i + 1);
  });
  const grow = st.attempt >= EXACT_ATTEMPTS;
  const pages = Math.max(need.length, st.reserve.length);
  st.reserve = Array.from({ length: pages }, (_, i) => (grow ? Math.max(need[i] ?? 0, st.reserve[i] ?? 0) : (need[i] ?? 0)));
}

let installed = false;

export function installNoteArea(): void {
  if (installed) return;
  installed = true;
  const LB = (require('pdfmake/js/LayoutBuilder') as { default: { prototype: Record<string, unknown> } }).default.prototype;
  const DC = (require('pdfmake/js/DocumentContext') as { default: { prototype: Record<string, unknown> } }).default.prototype;
  const pew = require('pdfmake/js/PageElementWriter') as { default: new (ctx: Context) => unknown };

  const Writer = pew.default;
  pew.default = class extends (Writer as new (ctx: Context) => object) {
    constructor(context: Context) {
      if (active) context.__oicReserve = active.reserve; // the body's context: see the top of the file
      super(context);
    }
  } as unknown as typeof pew.default;

  const initializePage = DC['initializePage'] as (this: Context) => void;
  DC['initializePage'] = function (this: Context) {
    initializePage.call(this);
    const r = this.__oicReserve?.[this.page];
    if (r) this.availableHeight -= r;
  };

  const layoutDocument = LB['layoutDocument'] as (this: Builder, content: unknown, ...rest: unknown[]) => unknown;
  LB['layoutDocument'] = function (this: Builder, content: unknown, ...rest: unknown[]) {
    const spec = (content as { [NOTES]?: NoteAreaSpec } | null)?.[NOTES];
    if (spec) this.__oicNotes = { spec, reserve: [], attempt: 0, overflow: [], placed: new Map() };
    const pages = layoutDocument.call(this, content, ...rest);
    if (this.__oicNotes) this.__oicNotes.spec.done?.(this.__oicNotes.placed, this.__oicNotes.overflow, this.__oicNotes.attempt);
    return pages;
  };

  const tryLayout = LB['tryLayoutDocument'] as (this: Builder, ...a: unknown[]) => { linearNodeList: { resetXY(): void }[] };
  LB['tryLayoutDocument'] = function (this: Builder, ...args: unknown[]) {
    const st = this.__oicNotes;
    if (!st) return tryLayout.apply(this, args);
    for (;;) {
      active = st;
      let result;
      try {
        result = tryLayout.apply(this, args);
      } finally {
        active = undefined;
      }
      st.attempt++;
      if (st.overflow.length === 0 || st.attempt >= MAX_ATTEMPTS) return result;
      result.linearNodeList.forEach((n) => n.resetXY());
    }
  };

  const headersAndFooters = LB['addHeadersAndFooters'] as (this: Builder, ...a: unknown[]) => void;
  LB['addHeadersAndFooters'] = function (this: Builder, ...args: unknown[]) {
    headersAndFooters.apply(this, args);
    if (active && this.__oicNotes === active) placeNotes(this, active);
  };
}
