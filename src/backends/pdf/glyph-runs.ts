/**
 * How already-shaped text reaches the page.
 *
 * pdfmake measures and draws text through pdfkit, and pdfkit asks fontkit to
 * lay out each string, which would shape it again, guess its direction and
 * reverse right-to-left runs. Instead, every inline we give pdfmake carries,
 * in its `fontFeatures`, the key of a glyph run that the text engine has
 * already shaped, reordered and justified. A hook on each font that pdfmake
 * opens (pdfkit's EmbeddedFont.layout) answers layout requests for such keys
 * with exactly those glyphs — widths alone when pdfmake only measures — so
 * pdfmake's measuring and pdfkit's drawing both see the engine's result, and
 * each glyph's ToUnicode entry is the one the engine chose. Strings without a
 * key go to pdfkit and fontkit as before.
 */
import { createRequire } from 'node:module';
import type { PlacedGlyph } from '../../text/index.js';
import { type StructNode, blockElement, drawTaggedLine, installLinkContents } from './structure.js';
import { encodeSubsetsDirectly } from './subset-encode.js';
import { cacheSubsetGlyphs, shiftGlyphs } from './subset-glyphs.js';
import { type FontkitGlyphLike, type SubsetLike, type VariantState, glyphFor, installVariants, memoizeSubset, shifted } from './variants.js';
import { type DrawnInline, splitBidiUnits, splitLinkEdgeSpaces } from './draw-order.js';
import { pdfjsCategory } from './pdfjs-reading.js';

const require = createRequire(import.meta.url);

export interface GlyphRunSpec {
  readonly glyphs: readonly PlacedGlyph[];
  readonly codePoints: readonly (readonly number[])[];
  /** The width each glyph declares in the PDF font (/W), font units. */
  readonly widths: readonly number[];
  /** Rank of the run in its line's drawing order (default: as pdfmake places them). */
  readonly drawOrder?: number;
  /** What the run's line is, for the structure tree of a tagged PDF. */
  readonly tag?: LineTag;
  /** On a line with links: where the run stands in the line's reading order (the structure tree's order of its pieces). */
  readonly logicalStart?: number;
  /** Of a right-to-left line (extraction.ts): the pieces of one inline that links cut are drawn right to left. */
  readonly rtlLine?: true;
  /** Of a right-to-left line: each glyph's bidi level (its units are drawn as text objects of their own, draw-order.ts). */
  readonly levels?: readonly number[];
  /** Drawn as a span with this /ActualText (extraction.ts decides which runs). */
  readonly actualText?: string;
  /** Drawn as a marked-content span of its own, without properties (a bidi unit of a left-to-right line: draw-order.ts). */
  readonly span?: true;
  /** Told which embedded font draws the run (for tests that read glyphs back). */
  readonly onUse?: (font: EmbeddedFontInfo) => void;
}

/**
 * A line belongs to a structure element (a paragraph `P`, a heading `H1`…),
 * identified by `element` (one object per laid-out block), or it is an
 * artifact (running headers and footers), which assistive technology skips.
 * A block inside a table cell names its cell as `container` (structure.ts).
 */
export type LineTag =
  | { readonly artifact: true }
  | { readonly artifact?: false; readonly role: string; readonly element: object; readonly lang?: string; readonly container?: StructNode };

/** What a test needs to map the glyph codes of a PDF font back to the font file's glyph ids. */
export interface EmbeddedFontInfo {
  /** pdfkit's resource id (F1, F2, ...), from which the subset tag is derived. */
  readonly id: string;
  /** Subset slot → glyph id in the original font file. */
  readonly glyphs: readonly number[];
}

const KEY_PREFIX = 'oic-run:';
const runs = new Map<string, GlyphRunSpec>();
let counter = 0;

/** Registers a run; returns the feature list that names it. */
export function registerRun(spec: GlyphRunSpec): string[] {
  const key = `${KEY_PREFIX}${++counter}`;
  runs.set(key, spec);
  return [key];
}

/** Forgets runs (after a document is rendered). */
export function releaseRuns(keys: Iterable<string>): void {
  for (const k of keys) runs.delete(k);
}

interface PositionLike { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }

function runFor(features: unknown): GlyphRunSpec | undefined {
  if (!Array.isArray(features) || features.length !== 1) return undefined;
  const key = features[0];
  return typeof key === 'string' && key.startsWith(KEY_PREFIX) ? runs.get(key) : undefined;
}


/** pdfkit asks for a run several times (measuring, drawing): its glyphs are looked up once per font. */
const glyphsMade = new WeakMap<GlyphRunSpec, { variants: VariantState | undefined; glyphs: FontkitGlyphLike[]; moved: boolean[]; reset: boolean[] }>();

/**
 * pdf.js does not move its pen for a glyph whose text holds a combining mark
 * (a letter and its vowel in one glyph) or ends with a format character
 * (pdfjs-reading.ts, pdfjsCategory): what follows in the same text object,
 * it places that glyph's width too far left, and splits the line there
 * (`شُرُور` / `ِ أَنْفُسِنَا`). So the glyph after one that declares a width
 * is placed afresh (a new text matrix, as pdfkit sets for a glyph with an
 * offset; the nudge moves it by nothing that is written).
 */
const RESET_NUDGE = 1e-9;
function pdfjsHoldsPen(cps: readonly number[], declared: number): boolean {
  if (declared === 0 || cps.length === 0) return false;
  if (cps.length > 1) return holdsPen(String.fromCodePoint(...cps));
  let held = heldBy.get(cps[0]!);
  if (held === undefined) heldBy.set(cps[0]!, (held = holdsPen(String.fromCodePoint(cps[0]!))));
  return held;
}
const holdsPen = (text: string): boolean => {
  const category = pdfjsCategory(text);
  return category === 'diacritic' || category === 'format';
};
/** By code point: most glyphs stand for one character, and a long document has few distinct ones. */
const heldBy = new Map<number, boolean>();

/** A run as pdfkit's EmbeddedFont.layout returns it: positions in 1000-unit space, each with the glyph's declared width. */
function scaledRun(spec: GlyphRunSpec, variants: VariantState | undefined, scale: number): { glyphs: FontkitGlyphLike[]; positions: PositionLike[]; advanceWidth: number } {
  let made = glyphsMade.get(spec);
  if (!made || made.variants !== variants) {
    const moved = spec.glyphs.map((g) => shifted(variants, g));
    const glyphs = spec.glyphs.map((g, i) => glyphFor(variants, g, spec.widths[i]!, spec.codePoints[i]!, moved[i] ? Math.round(g.xOffset) : 0, moved[i] ? Math.round(g.yOffset) : 0));
    const reset = spec.glyphs.map((g, i) => i > 0 && (moved[i] || (g.xOffset === 0 && g.yOffset === 0)) && pdfjsHoldsPen(spec.codePoints[i - 1]!, spec.widths[i - 1]!));
    glyphsMade.set(spec, (made = { variants, glyphs, moved, reset }));
  }
  const positions = new Array<PositionLike>(spec.glyphs.length);
  let advanceWidth = 0;
  for (let i = 0; i < spec.glyphs.length; i++) {
    const g = spec.glyphs[i]!;
    const xAdvance = g.xAdvance * scale;
    const moved = made.moved[i]!;
    positions[i] = { xAdvance, yAdvance: 0, xOffset: made.reset[i] ? RESET_NUDGE : moved ? 0 : g.xOffset * scale, yOffset: moved ? 0 : g.yOffset * scale, advanceWidth: made.glyphs[i]!.advanceWidth * scale };
    advanceWidth += xAdvance;
  }
  return { glyphs: made.glyphs, positions, advanceWidth };
}

/** The width of a run in 1000-unit space (what pdfkit's widthOfString asks), without building it. */
function runWidth(spec: GlyphRunSpec, scale: number): number {
  let w = 0;
  for (const g of spec.glyphs) w += g.xAdvance;
  // A hair less than the glyphs' width: a line cut into several inlines (a
  // font change, a link's edges) is as wide as the column to the last bit,
  // and a rounding error in pdfmake's sum of the pieces would make it wrap
  // the line between them (the second piece on a line of its own). A
  // millionth of a point moves nothing on the page.
  return Math.max(0, w * scale - 1e-6);
}

interface TaggingDoc {
  options?: { tagged?: boolean };
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
}

/**
 * Tagged PDF: pdfmake draws each line with `renderLine`; around it the line's
 * text is marked as content of its block's structure element (created on the
 * block's first line, in reading order, under one `Document` root or the
 * block's table cell), its links as `Link` elements (structure.ts), or as an
 * artifact. pdfmake itself builds no structure tree; pdfkit does the rest
 * (parent tree, MCIDs).
 */
function installTagging(): void {
  const Renderer = (require('pdfmake/js/Renderer') as { default: { prototype: Record<string, unknown> } }).default;
  const renderLine = Renderer.prototype['renderLine'] as (this: { pdfDocument: TaggingDoc }, line: { inlines?: { fontFeatures?: unknown }[] }, x: number, y: number) => void;
  Renderer.prototype['renderLine'] = function (this: { pdfDocument: TaggingDoc }, line: { inlines?: { fontFeatures?: unknown }[] }, x: number, y: number) {
    const inlines = line.inlines;
    if (!inlines || inlines.length === 0 || (inlines.length === 1 && !runFor(inlines[0]?.fontFeatures)?.levels)) return drawLine.call(this, line, x, y);
    let ordered = inlines;
    let edgeKeys: string[] = [];
    if (inlines.length > 1) {
      // Each inline is drawn at the x pdfmake gave it, whatever the order: draw them in the order the run says.
      const rank = (i: { fontFeatures?: unknown }): number => runFor(i.fontFeatures)?.drawOrder ?? 0;
      const rtl = runFor(inlines[0]?.fontFeatures)?.rtlLine === true;
      ordered = inlines.map((inline, i) => ({ inline, i })).sort((a, b) => rank(a.inline) - rank(b.inline) || (rtl ? b.i - a.i : a.i - b.i)).map((e) => e.inline);
      if (rtl) ({ inlines: ordered, keys: edgeKeys } = splitLinkEdgeSpaces(ordered as DrawnInline[], runFor, registerRun));
    }
    const units = splitBidiUnits(ordered as DrawnInline[], runFor, registerRun);
    line.inlines = units.inlines;
    try {
      drawLine.call(this, line, x, y);
    } finally {
      line.inlines = inlines;
      releaseRuns(edgeKeys);
      releaseRuns(units.keys);
    }
  };
  const drawLine = function (this: { pdfDocument: TaggingDoc }, line: { inlines?: { fontFeatures?: unknown }[] }, x: number, y: number) {
    const doc = this.pdfDocument;
    const tag = doc.options?.tagged ? runFor(line.inlines?.[0]?.fontFeatures)?.tag : undefined;
    if (!tag) return renderLine.call(this, line, x, y);
    if (tag.artifact) {
      doc.markContent('Artifact', { type: 'Pagination' });
      renderLine.call(this, line, x, y);
      doc.endMarkedContent();
      return;
    }
    const elem = blockElement(doc, tag.element, tag.role, tag.lang, tag.container);
    const hasLinks = line.inlines?.some((i) => (i as { link?: unknown }).link !== undefined) ?? false;
    const order = (features: unknown): number => runFor(features)?.logicalStart ?? Infinity;
    drawTaggedLine(doc, { elem, role: tag.role, hasLinks, order }, () => renderLine.call(this, line, x, y));
  };
}

/**
 * A run with `actualText` is drawn inside a `/Span <</ActualText …>> BDC …
 * EMC` (pdfkit's markContent), around pdfkit's text object for it.
 */
function installActualText(): void {
  const PDFDocument = (require('pdfmake/js/PDFDocument') as { default: { prototype: Record<string, unknown> } }).default;
  type Doc = { markContent(tag: string, options?: Record<string, unknown>): void; endMarkedContent(): void };
  const fragment = PDFDocument.prototype['_fragment'] as (this: Doc, text: string, x: number, y: number, options: { features?: unknown }) => void;
  PDFDocument.prototype['_fragment'] = function (this: Doc, text: string, x: number, y: number, options: { features?: unknown }) {
    const spec = runFor(options?.features);
    const actual = spec?.actualText;
    if (actual === undefined && !spec?.span) return fragment.call(this, text, x, y, options);
    this.markContent('Span', actual === undefined ? undefined : { actual });
    fragment.call(this, text, x, y, options);
    this.endMarkedContent();
  };
}

let installed = false;

/**
 * Installs the hook on pdfmake's document class (once per process): every
 * font it provides answers our run keys with our glyphs, and anything else
 * (no key) with fontkit as before.
 */
export function installGlyphRunHook(): void {
  if (installed) return;
  installed = true;
  installTagging();
  installLinkContents();
  installActualText();
  const PDFDocument = (require('pdfmake/js/PDFDocument') as { default: { prototype: Record<string, unknown> } }).default;
  type Embedded = {
    id: string;
    scale: number;
    subset: SubsetLike;
    layout: (text: string, features?: unknown, onlyWidth?: boolean) => unknown;
    __oicRuns?: true;
  };
  const provideFont = PDFDocument.prototype.provideFont as (this: unknown, ...a: unknown[]) => Embedded;
  PDFDocument.prototype.provideFont = function (this: unknown, ...args: unknown[]) {
    const embedded = provideFont.apply(this, args);
    if (!embedded.__oicRuns) {
      // pdfkit's EmbeddedFont.layout: measuring (onlyWidth) and drawing both come here.
      const original = embedded.layout.bind(embedded);
      const variants = installVariants(embedded.subset);
      const file = (this as { getFontFile?: (...a: unknown[]) => unknown }).getFontFile?.(...args);
      // The subset written straight into bytes (before memoizeSubset wraps its encode).
      encodeSubsetsDirectly(embedded.subset);
      if (typeof file === 'string') {
        memoizeSubset(embedded.subset, file, variants);
        cacheSubsetGlyphs(embedded.subset, file);
      }
      if (variants) variants.canShift = shiftGlyphs(embedded.subset, (slot) => variants.shifts.get(slot));
      embedded.layout = (text: string, features?: unknown, onlyWidth?: boolean) => {
        const spec = runFor(features);
        if (!spec) return original(text, features, onlyWidth);
        if (onlyWidth) return { glyphs: null, positions: null, advanceWidth: runWidth(spec, embedded.scale) };
        spec.onUse?.({ id: embedded.id, glyphs: embedded.subset.glyphs });
        return scaledRun(spec, variants, embedded.scale);
      };
      embedded.__oicRuns = true;
    }
    return embedded;
  };
}
