/**
 * The order in which a line's inlines (one per font and size, see
 * extraction.ts) go to the content stream. Each is drawn where pdfmake
 * places it (left to right); only the order of drawing changes, which
 * nothing on the page shows.
 *
 * pdf.js keeps a line's text items in drawing order (a font change starts a
 * new item), PDFium sorts a line's text objects by where they start, poppler
 * by position too. So a right-to-left line is drawn right to left: its
 * first words first (the bold lead of a resolution's paragraph, `إذ يشير`,
 * read at the line's end before). The list label is drawn first (drawn last
 * it is read inside the line: `على جمهورية -1 أذربيجان`).
 *
 * Drawn right to left, each inline begins to the left of where the previous
 * one ended, and pdf.js then forgets the space glyph between them (it reads
 * a space glyph only as a note, which a move backwards clears):
 * `إذ يشيرإلى`. So the word gap at the edge between two inlines of a
 * right-to-left line becomes an inline of its own, drawn between them,
 * mapped to RLM + space (RLM_SPACE): to pdf.js that is not white space (the
 * entry begins with a format character), so it reads it as a glyph of its
 * own item, and a search ignores the RLM. It is a span whose /ActualText is
 * a space, so PDFium, poppler and checkers that read /ActualText read a
 * plain space.
 */
import type { PlacedGlyph } from '../../text/index.js';

/** RLM + space: a word gap pdf.js reads as a glyph (see the module comment and extraction.ts, leadingMarkers). */
export const RLM_SPACE: readonly number[] = Object.freeze([0x200f, 0x20]);

/** What the drawing order needs of an inline being built (extraction.ts's Pending). */
export interface DrawPiece {
  /** Logical start of its text (-1: the list label). */
  rank: number;
  glyphs: PlacedGlyph[];
  cps: (readonly number[])[];
  text: string;
  /** The widths its glyphs declare, when not extractionWidths'. */
  declared?: number[];
  /** Drawn as a span with this /ActualText. */
  actualText?: string;
  /** A zero-advance marker drawn just before the next inline (leadingMarkers). */
  marker?: boolean;
}

const isGap = (p: DrawPiece, i: number): boolean => {
  const cps = p.cps[i];
  return p.glyphs.length > 1 && p.glyphs[i]!.xAdvance > 0 && cps !== undefined && cps.length === 1 && cps[0] === 32;
};

/** Glyph `i` of `p` (a space at one of its edges) as an inline of its own. */
function gapPiece<P extends DrawPiece>(p: P, i: number): P {
  const [g] = p.glyphs.splice(i, 1);
  p.cps.splice(i, 1);
  p.text = i === 0 ? p.text.replace(/^\s/u, '') : p.text.replace(/\s$/u, '');
  return { ...p, glyphs: [g!], cps: [RLM_SPACE], text: ' ', declared: [Math.round(g!.xAdvance)], actualText: ' ', marker: false };
}

/** Splits the word gap at each edge between two inlines of a right-to-left line into an inline of its own. */
export function splitEdgeGaps<P extends DrawPiece>(pending: P[]): void {
  for (let k = pending.length - 1; k > 0; k--) {
    const left = pending[k - 1]!;
    const right = pending[k]!;
    if (left.rank < 0 || right.rank < 0 || left.actualText !== undefined || right.actualText !== undefined) continue;
    if (isGap(right, 0)) pending.splice(k, 0, gapPiece(right, 0));
    else if (isGap(left, left.glyphs.length - 1)) pending.splice(k, 0, gapPiece(left, left.glyphs.length - 1));
  }
}

/** Each inline's rank in the drawing order: the label first, then left to right, or right to left in a right-to-left line; a marker just before its inline. */
export function drawOrders(pending: readonly DrawPiece[], rtl: boolean): number[] {
  let unit = 0;
  const keys = pending.map((p, i) => {
    const k = { i, label: p.rank < 0 ? 0 : 1, unit: rtl ? -unit : unit };
    if (!p.marker) unit++;
    return k;
  });
  keys.sort((a, b) => a.label - b.label || a.unit - b.unit || a.i - b.i);
  const order = new Array<number>(pending.length);
  keys.forEach((k, n) => (order[k.i] = n));
  return order;
}

/** What splitLinkEdgeSpaces needs of a registered run (glyph-runs.ts's GlyphRunSpec). */
interface EdgeRun {
  readonly glyphs: readonly PlacedGlyph[];
  readonly codePoints: readonly (readonly number[])[];
  readonly widths: readonly number[];
  readonly drawOrder?: number;
  readonly actualText?: string;
}

/** A pdfmake inline as renderLine reads it (its x from the line's left, its width, its run key). */
export interface DrawnInline { x?: number; width?: number; fontFeatures?: unknown; link?: unknown }

/**
 * A link cuts an inline of a right-to-left line into pieces drawn right to
 * left, each a marked-content sequence of its own: pdf.js starts a text item
 * at each and forgets a space glyph at the edge of one (a move back clears
 * it: `البريدinfo@comstech.org`). So a word gap at such an edge (outside the
 * link) is drawn as a piece of its own, mapped to RLM + space inside a span
 * whose /ActualText is a space (draw-order.ts, RLM_SPACE): pdf.js keeps it,
 * PDFium and poppler read a plain space. Returns the line's inlines, and the
 * run keys made (released once the line is drawn).
 */
export function splitLinkEdgeSpaces<I extends DrawnInline, S extends EdgeRun>(inlines: readonly I[], runFor: (features: unknown) => S | undefined, register: (spec: S) => string[]): { inlines: I[]; keys: string[] } {
  const specs = inlines.map((i) => runFor(i.fontFeatures));
  const out: I[] = [];
  const keys: string[] = [];
  inlines.forEach((inline, k) => {
    const spec = specs[k];
    const near = (j: number): boolean => spec !== undefined && specs[j] !== undefined && specs[j]!.drawOrder === spec.drawOrder && specs[j]!.actualText === undefined;
    const space = (e: number): boolean => spec!.glyphs.length > 1 && spec!.codePoints[e]?.length === 1 && spec!.codePoints[e]![0] === 32;
    if (!spec || spec.actualText !== undefined || (inline.link !== undefined && inline.link !== null) || inline.x === undefined || inline.width === undefined) return out.push(inline);
    const first = near(k + 1) && space(0);
    const last = near(k - 1) && space(spec.glyphs.length - 1);
    if (!first && !last) return out.push(inline);
    // Points per glyph unit: the inline's width over its glyphs' advances.
    const total = spec.glyphs.reduce((w, g) => w + g.xAdvance, 0);
    const scale = total > 0 ? inline.width / total : 0;
    const part = (from: number, to: number, gap: boolean, x: number): I => {
      const glyphs = spec.glyphs.slice(from, to);
      const sub: S = { ...spec, glyphs, codePoints: gap ? [RLM_SPACE] : spec.codePoints.slice(from, to), widths: spec.widths.slice(from, to), ...(gap ? { actualText: ' ' } : {}) };
      const key = register(sub);
      keys.push(key[0]!);
      return { ...inline, x, width: glyphs.reduce((w, g) => w + g.xAdvance * scale, 0), fontFeatures: key };
    };
    const n = spec.glyphs.length;
    const from = first ? 1 : 0;
    const to = last ? n - 1 : n;
    const x0 = inline.x;
    const x1 = x0 + (first ? spec.glyphs[0]!.xAdvance * scale : 0);
    const x2 = x1 + spec.glyphs.slice(from, to).reduce((w, g) => w + g.xAdvance * scale, 0);
    // Drawn right to left, as the line's pieces are.
    if (last) out.push(part(n - 1, n, true, x2));
    if (to > from) out.push(part(from, to, false, x1));
    if (first) out.push(part(0, 1, true, x0));
    return out.length;
  });
  return { inlines: out, keys };
}
