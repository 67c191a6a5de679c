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
import { type PlacedGlyph, reorderRuns } from '../../text/index.js';
import { itemString, pdfjsReading } from './pdfjs-reading.js';

/** RLM + space: a word gap pdf.js reads as a glyph (see the module comment and extraction.ts, leadingMarkers). */
export const RLM_SPACE: readonly number[] = Object.freeze([0x200f, 0x20]);

/** What the drawing order needs of an inline being built (extraction.ts's Pending). */
export interface DrawPiece {
  /** Logical start of its text (-1: the list label). */
  rank: number;
  glyphs: PlacedGlyph[];
  cps: (readonly number[])[];
  /** Each glyph's bidi level. */
  levels: number[];
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
  const [level] = p.levels.splice(i, 1);
  p.text = i === 0 ? p.text.replace(/^\s/u, '') : p.text.replace(/\s$/u, '');
  return { ...p, glyphs: [g!], cps: [RLM_SPACE], levels: [level!], text: ' ', declared: [Math.round(g!.xAdvance)], actualText: ' ', marker: false };
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
  readonly levels?: readonly number[];
  /** Font size, points (every run has it; optional for tests' runs). */
  readonly size?: number;
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
      const sub: S = { ...spec, glyphs, codePoints: gap ? [RLM_SPACE] : spec.codePoints.slice(from, to), widths: spec.widths.slice(from, to), ...(spec.levels ? { levels: spec.levels.slice(from, to) } : {}), ...(gap ? { actualText: ' ' } : {}) };
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

/** What splitBidiUnits needs of a registered run. */
interface UnitRun extends EdgeRun {
  readonly rtlLine?: true;
}

/** A character pdf.js's bidi takes as strong or as a number (letters, digits, marks): a unit without one is drawn glyph by glyph. */
const STRONG = /[\p{L}\p{N}\p{M}]/u;
const FORMAT = /^\p{Cf}*$/u;

/**
 * A right-to-left line's inline cut, when drawn, into one text object per
 * bidi unit: each maximal stretch of right-to-left glyphs (odd level) and
 * each of left-to-right ones (a Latin word or code, a number: even level),
 * drawn right to left as the line's inlines are, each glyph where it was.
 *
 * pdf.js keeps text items in drawing order, starts a new one at each move
 * back, and reorders each item with its own bidi, which takes every
 * character above U+08AC for a left-to-right letter (the en dash of `12–14`,
 * RLM) and decides an item's direction by its share of Arabic letters: one
 * item per unit, in reading order, reads `12–14`, `+90 312 294 5710`,
 * `1/18-COMSTECH` as typed. A unit of neutrals only (`)،`) is drawn glyph
 * by glyph, right to left: pdf.js reads an item without letters left to
 * right. PDFium sorts a line's text objects by where they start and then
 * applies its own bidi to the line: the same glyphs in more objects read
 * as before. A word gap at a unit's edge is a piece of its own, mapped to
 * RLM + space inside a span whose /ActualText is a space (RLM_SPACE), as at
 * a font edge. Returns the line's inlines, and the run keys made.
 */
export function splitBidiUnits<I extends DrawnInline, S extends UnitRun>(inlines: readonly I[], runFor: (features: unknown) => S | undefined, register: (spec: S) => string[]): { inlines: I[]; keys: string[] } {
  const out: I[] = [];
  const keys: string[] = [];
  for (const inline of inlines) {
    const spec = runFor(inline.fontFeatures);
    const levels = spec?.levels;
    if (!spec || !levels || spec.actualText !== undefined || (inline.link !== undefined && inline.link !== null) || inline.x === undefined || inline.width === undefined || spec.glyphs.length < 2) {
      out.push(inline);
      continue;
    }
    const rtl = spec.rtlLine === true;
    const total = spec.glyphs.reduce((w, g) => w + g.xAdvance, 0);
    const scale = total > 0 ? inline.width / total : 0;
    // A line's glyphs are the same objects from one build to the next (extraction.ts keeps them per laid-out line).
    let ranges = decided.get(spec.glyphs)?.get(inline.width);
    if (ranges === undefined) {
      // pdf.js ends an item at a gap wider than 0.6 em (a justified line stretched around a long address): in a
      // right-to-left line such a word gap is a unit edge too (inside the inline: its own edges are the line's or a
      // font's); in a left-to-right one, such a gap inside an embedded stretch (Arabic words in an English line).
      const base = Math.min(...levels);
      const gap = (i: number): boolean => i > 0 && i < spec.glyphs.length - 1 && isSpace(spec, i) && spec.glyphs[i]!.xAdvance * scale > WIDE_GAP * (spec.size ?? Infinity);
      const wide = (i: number): boolean => gap(i) && (rtl ? levels[i]! % 2 === 1 : levels[i]! > base);
      // In a left-to-right line pdf.js ends an item at a wide gap between its own words too: each piece is read alone
      // (`(التقرير الختامي)` between two stretched gaps is an item of its own, which pdf.js takes as right to left).
      const cut = (i: number): boolean => !rtl && gap(i);
      ranges = readsInOrder(spec, levels, wide, cut) ? [] : unitRanges(spec, levels, base, rtl, wide);
      let byWidth = decided.get(spec.glyphs);
      if (!byWidth) decided.set(spec.glyphs, (byWidth = new Map()));
      byWidth.set(inline.width, ranges);
    }
    if (ranges.length < 2) {
      out.push(inline);
      continue;
    }
    const xs: number[] = [];
    let x = inline.x;
    for (const g of spec.glyphs) {
      xs.push(x);
      x += g.xAdvance * scale;
    }
    // In the line's reading order: right to left in a right-to-left line, left to right (each a marked-content
    // span: pdf.js ends an item only there, not at a move forwards) in a left-to-right one.
    const order = readingOrder(ranges, levels, rtl);
    for (const r of order) {
      const { from, to, gap } = ranges[r]!;
      const glyphs = spec.glyphs.slice(from, to);
      const sub: S = {
        ...spec,
        glyphs,
        codePoints: gap ? [RLM_SPACE] : spec.codePoints.slice(from, to),
        widths: spec.widths.slice(from, to),
        levels: levels.slice(from, to),
        ...(gap ? { actualText: ' ' } : rtl ? {} : { span: true }),
      };
      const key = register(sub);
      keys.push(key[0]!);
      out.push({ ...inline, x: xs[from]!, width: glyphs.reduce((w, g) => w + g.xAdvance * scale, 0), fontFeatures: key });
    }
  }
  return { inlines: out, keys };
}

/**
 * The order units are drawn in: the line's reading order. Right to left in a
 * right-to-left line; left to right in a left-to-right one, but the pieces a
 * wide gap cuts a right-to-left stretch into right to left (pdf.js reads
 * each piece as an item of its own, in drawing order).
 */
function readingOrder(ranges: readonly { from: number; to: number; gap: boolean }[], levels: readonly number[], rtl: boolean): number[] {
  const order = ranges.map((_, r) => r);
  if (rtl) return order.reverse();
  const base = Math.min(...levels);
  const embedded = (r: number): boolean => levels.slice(ranges[r]!.from, ranges[r]!.to).every((l) => l > base);
  for (let r = 0; r < order.length; ) {
    let e = r;
    while (e < order.length && embedded(e)) e++;
    if (e - r > 1 && Math.min(...levels.slice(ranges[r]!.from, ranges[e - 1]!.to)) % 2 === 1) order.splice(r, e - r, ...order.slice(r, e).reverse());
    r = Math.max(e, r + 1);
  }
  return order;
}

/** The units decided for an inline's glyphs, by its width (a justified line's gaps depend on it). */
const decided = new WeakMap<readonly PlacedGlyph[], Map<number, readonly { from: number; to: number; gap: boolean }[]>>();

/** pdf.js's SPACE_IN_FLOW_MAX_FACTOR: a gap wider than this many ems ends a text item. */
const WIDE_GAP = 0.6;
const isSpace = (spec: UnitRun, i: number): boolean => spec.glyphs[i]!.xAdvance > 0 && spec.codePoints[i]?.length === 1 && spec.codePoints[i]![0] === 32;

const plain = (s: string): string => s.replace(/\p{Cf}/gu, '').replace(/\s+/g, ' ').trim();

/**
 * Whether pdf.js reads the inline drawn as one item (left to right) in
 * logical order: its glyphs put back in logical order by their levels
 * (UAX #9 L2 undone: reversing runs from the highest level down is its own
 * inverse), their text against pdf.js's reading of their ToUnicode code
 * points (pdfjs-reading.ts).
 */
function readsInOrder(spec: UnitRun, levels: readonly number[], wide: (i: number) => boolean, cut: (i: number) => boolean): boolean {
  if (spec.glyphs.some((_, i) => wide(i))) return false;
  // One level: pdf.js reads it as drawn (a left-to-right stretch) or reversed (a right-to-left one), in order.
  if (levels.every((l) => l === levels[0])) return true;
  // Each item pdf.js makes of it (the pieces between the gaps where it ends one) read on its own.
  let from = 0;
  for (let i = 0; i <= spec.glyphs.length; i++) {
    if (i < spec.glyphs.length && !cut(i)) continue;
    if (i > from && !pieceReadsInOrder(spec, levels, from, i)) return false;
    from = i + 1;
  }
  return true;
}

/** Whether pdf.js reads the glyphs [from, to) drawn as one item in logical order. */
function pieceReadsInOrder(spec: UnitRun, levels: readonly number[], from: number, to: number): boolean {
  const whole = from === 0 && to === levels.length;
  const own = whole ? levels : levels.slice(from, to);
  if (own.every((l) => l === own[0])) return true;
  // L2 is its own inverse: the visual glyphs reordered by their levels come back in logical order.
  const order = reorderRuns(own);
  const logical = order.map((i) => spec.glyphs[from + i]!.text).join('');
  return plain(pdfjsReading(itemString(whole ? spec.codePoints : spec.codePoints.slice(from, to)))) === plain(logical);
}

/** The glyph ranges [from, to) of an inline's units, left to right, its word gaps at unit edges as ranges of their own. */
function unitRanges(spec: UnitRun, levels: readonly number[], base: number, rtl: boolean, wide: (i: number) => boolean): { from: number; to: number; gap: boolean }[] {
  const n = spec.glyphs.length;
  // Units: stretches at the line's base level, and stretches embedded in them (higher levels, numbers and runs of the
  // other direction with what they hold). A glyph of format characters only (a typed RLM, ZWNJ) goes with the unit to
  // its right (to its left at the end), as the first glyph drawn there: never a unit of its own (poppler reads a lone
  // one as a word and breaks the line there).
  // In a right-to-left line, by direction (odd levels, even levels: an isolated field at 3 and its number at 4 are
  // units of their own); in a left-to-right one, what is embedded with what it holds (`كوفيد-19` at 1 and 2: pdf.js
  // reads the stretch as right to left and puts the number back in its place).
  const group = levels.map((l) => (rtl ? 1 - (l % 2) : l > base ? 1 : 0));
  const format = spec.glyphs.map((g) => FORMAT.test(g.text));
  const lastReal = format.lastIndexOf(false);
  for (let i = n - 1; i >= 0; i--) if (format[i]) group[i] = i < n - 1 && i < lastReal ? group[i + 1]! : group[lastReal < 0 ? i : lastReal]!;
  const units: [number, number][] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && group[j] === group[i]) j++;
    const text = spec.glyphs.slice(i, j).map((g) => g.text).join('');
    if (rtl && group[i] === 0 && !STRONG.test(text)) {
      // Glyph by glyph; a glyph with no advance stays with the next (a cluster's silent part).
      let k = i;
      while (k < j) {
        let e = k;
        while (e < j - 1 && spec.glyphs[e]!.xAdvance === 0) e++;
        units.push([k, e + 1]);
        k = e + 1;
      }
    } else {
      let k = i;
      for (let w = i; w < j; w++) {
        if (!wide(w)) continue;
        if (w > k) units.push([k, w]);
        units.push([w, w + 1]);
        k = w + 1;
      }
      if (j > k) units.push([k, j]);
    }
    i = j;
  }
  if (units.length < 2) return units.map(([from, to]) => ({ from, to, gap: false }));
  const space = (i: number): boolean => isSpace(spec, i);
  const out: { from: number; to: number; gap: boolean }[] = [];
  // Only at edges between two units: the inline's own edges are the line's or a font's (splitEdgeGaps).
  for (const [u, [from, to]] of units.entries()) {
    let a = from;
    let b = to;
    const lead = rtl && u > 0 && b - a > 1 && space(a);
    if (lead) a++;
    const trail = rtl && u < units.length - 1 && b - a > 1 && space(b - 1);
    if (trail) b--;
    if (lead) out.push({ from, to: from + 1, gap: true });
    out.push({ from: a, to: b, gap: (rtl || wide(a)) && b - a === 1 && space(a) });
    if (trail) out.push({ from: b, to, gap: true });
  }
  return out;
}
