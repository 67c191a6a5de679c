/**
 * What text extractors (pdf.js, PDFium, poppler, MuPDF) read back from the
 * glyphs we draw: the order glyphs go to the content stream, the ToUnicode
 * code points of each glyph and the width each glyph declares (/W). The
 * PDF backend owns this; the text engine only says which characters each
 * glyph stands for.
 */
import type { LaidOutLine, PlacedGlyph } from '../../text/index.js';
import { type DrawPiece, RLM_SPACE, drawOrders, splitEdgeGaps } from './draw-order.js';
import type { GlyphPiece } from './links.js';

/** A line's glyphs as they go to pdfkit: one entry per font and size. */
export interface PreparedInline extends GlyphPiece<PlacedGlyph> {
  /** Rank in the line's drawing order (logical order of the text items; pdfmake places them left to right). */
  readonly drawOrder: number;
  /** Marked as a span with this /ActualText (only the marker before a leading mark, see leadingMarkers). */
  readonly actualText?: string;
  /** On a right-to-left line: the pieces a link cuts it into are drawn right to left too (glyph-runs.ts). */
  readonly rtlLine?: true;
}

/** Laid-out lines are shared by the engine's cache and never change: so is what is drawn of them. */
const prepared = new WeakMap<LaidOutLine, readonly PreparedInline[]>();

type SpaceFont = { path: string; upem: number; hbFont: { nominalGlyph(c: number): number | undefined | null; glyphHAdvance(g: number): number } };

function spaceGlyph(font: SpaceFont, size: number, width: number): PlacedGlyph {
  const id = font.hbFont.nominalGlyph(32) ?? 0;
  return { id, xAdvance: (width * font.upem) / size, xOffset: 0, yOffset: 0, advance: font.hbFont.glyphHAdvance(id), text: ' ' };
}

/** A line's inline being built. */
interface Pending extends DrawPiece {
  font: SpaceFont;
  fontPath: string;
  size: number;
  upem: number;
}

export function prepareLine(line: LaidOutLine, baseFont: () => SpaceFont, baseSize: number): readonly PreparedInline[] {
  const hit = prepared.get(line);
  if (hit) return hit;
  const pending: Pending[] = [];
  let cur: Pending | undefined;
  let cursor = 0;
  for (const run of line.runs) {
    // One pdfmake inline per font and size, and the label (start -1) in one of its own. Not one per
    // bidi run: pdfmake may wrap a line between inlines when their widths add up to a hair over the
    // line (a justified line), and the page would change.
    const rank = run.start < 0 ? -1 : run.start;
    if (!cur || cur.fontPath !== run.font.path || cur.size !== run.size || (cur.rank < 0) !== (rank < 0)) {
      cur = { font: run.font, fontPath: run.font.path, size: run.size, upem: run.font.upem, rank, glyphs: [], cps: [], levels: [], text: '' };
      pending.push(cur);
    }
    cur.rank = Math.min(cur.rank, rank);
    const gap = run.x - cursor;
    if (gap > 0.001) {
      cur.glyphs.push(spaceGlyph(run.font, run.size, gap));
      cur.cps.push(single(32));
      cur.levels.push(cur.levels[cur.levels.length - 1] ?? run.level); // a gap: the level of the glyph before it
      cur.text += ' ';
    }
    const { glyphs, cps } = extractionOrder(run.glyphs, run.level);
    glyphs.forEach((g, i) => {
      cur!.glyphs.push(g);
      cur!.cps.push(cps[i]!);
      cur!.levels.push(run.level);
    });
    cur.text += run.text;
    cursor = run.x + run.width;
  }
  for (const p of pending) carryInvisibles(p);
  // A right-to-left line is drawn right to left, the label first (draw-order.ts); each where pdfmake places it.
  const rtl = Math.min(...line.runs.filter((r) => r.start >= 0).map((r) => r.level)) % 2 === 1;
  if (rtl) splitEdgeGaps(pending);
  leadingMarkers(pending);
  const drawOrder = drawOrders(pending, rtl);
  const out: PreparedInline[] = [];
  const flush = (p: Pending | undefined, order: number): void => {
    if (!p || p.glyphs.length === 0) return;
    const widths = p.declared ?? extractionWidths(p.glyphs, p.cps, gapsBeforeMarks(p.glyphs, p.cps));
    out.push({ fontPath: p.fontPath, size: p.size, upem: p.upem, glyphs: p.glyphs, codePoints: p.cps, widths, text: p.text, drawOrder: order, ...(rtl ? { rtlLine: true as const } : {}), ...(p.rank >= 0 ? { levels: p.levels } : {}), ...(p.actualText !== undefined ? { actualText: p.actualText } : {}) });
  };
  pending.forEach((p, i) => flush(p, drawOrder[i]!));
  if (out.length === 0) {
    // An empty line keeps its height: a zero-width space of the paragraph's font (not cached: the font is the paragraph's).
    const font = baseFont();
    flush({ font, fontPath: font.path, size: baseSize, upem: font.upem, rank: 0, glyphs: [spaceGlyph(font, baseSize, 0)], cps: [single(32)], levels: [0], text: '_' }, 0);
    return out;
  }
  prepared.set(line, out);
  return out;
}

/**
 * The advance each glyph declares in the PDF font (its /W entry).
 *
 * Text extractors (pdf.js, poppler) read a gap of more than about a tenth of
 * an em between where one glyph ends (its origin plus its /W width) and where
 * the next begins as a space. Inside Arabic words such offsets are common and
 * legitimate: Amiri moves a final reh right to make room for its tail, and
 * marks sit at offsets from their letter. So each glyph declares as its width
 * exactly the distance from its origin to the origin of the next glyph that
 * advances: drawing is unchanged (pdfkit positions every glyph explicitly),
 * and consecutive glyphs of a word abut, so they copy out as one word.
 * Zero-advance glyphs (marks) declare zero.
 */
export function extractionWidths(glyphs: readonly PlacedGlyph[], cps: readonly (readonly number[])[], coverGap: ReadonlyMap<number, number> = NONE): number[] {
  const widths = new Array<number>(glyphs.length);
  let pen = 0;
  const pens = glyphs.map((g) => {
    const p = pen;
    pen += g.xAdvance;
    return p;
  });
  let nextOrigin = pen; // after the last glyph: the end of the run
  for (let i = glyphs.length - 1; i >= 0; i--) {
    const g = glyphs[i]!;
    const origin = pens[i]! + g.xOffset;
    if (g.xAdvance === 0 || isSilent(cps[i]!)) {
      widths[i] = 0;
      continue;
    }
    // Extractors skip spaces when measuring gaps: a space declares its own
    // advance, so a justified line does not make a new variant of it.
    const space = isSpaceText(g.text);
    const to = coverGap.get(i);
    widths[i] = space ? g.advance : Math.max(0, Math.round((to === undefined ? nextOrigin : pens[to]! + glyphs[to]!.xOffset) - origin));
    nextOrigin = origin;
  }
  return widths;
}

const isSpaceText = (t: string): boolean => t !== '' && /^\s+$/u.test(t);
const isMarkText = (t: string): boolean => t !== '' && /^\p{Mn}+$/u.test(t);

const NONE: ReadonlyMap<number, number> = new Map();

/** The first glyph from `from` on that stands for a character (pdf.js skips those mapped to a directional mark). */
function firstSpoken(glyphs: readonly PlacedGlyph[], cps: readonly (readonly number[])[], from: number): number {
  let i = from;
  while (i < glyphs.length && glyphs[i]!.xAdvance === 0 && isSilent(cps[i]!)) i++;
  return i;
}

/**
 * Word gaps drawn just before a combining mark. HarfBuzz draws a
 * right-to-left cluster mark first, so a mark on a word's last letter (the
 * tanween of `بناءً`) is the first glyph drawn after the gap. pdf.js takes
 * a space glyph only as a note that a space was seen, and a mark does not
 * move its pen: it wrote the noted space before the mark, then, measuring
 * from the letter before the gap to the letter after the mark, a second one
 * (`بناء ً على`). So the glyph before such a gap declares its width up to
 * the letter after the gap (the space glyph keeps its own): pdf.js then
 * measures no gap there and reads one space, before the mark in drawing
 * order, which its bidi puts after the word. Returns the indices of those
 * glyphs (for extractionWidths).
 */
function gapsBeforeMarks(glyphs: readonly PlacedGlyph[], cps: readonly (readonly number[])[]): ReadonlyMap<number, number> {
  let out: Map<number, number> | undefined;
  for (let i = 1; i + 1 < glyphs.length; i++) {
    if (!isSpaceText(glyphs[i]!.text) || !isMarkText(glyphs[firstSpoken(glyphs, cps, i + 1)]?.text ?? '')) continue;
    // pdf.js measures neither a glyph with no advance nor one whose text holds a mark (a letter with its vowel in one glyph).
    let before = i - 1;
    while (before > 0 && (glyphs[before]!.xAdvance === 0 || isSilent(cps[before]!) || /\p{Mn}/u.test(glyphs[before]!.text))) before--;
    let after = i + 1;
    while (after < glyphs.length && (glyphs[after]!.xAdvance === 0 || isSilent(cps[after]!))) after++;
    const b = glyphs[before]!;
    if (after >= glyphs.length || b.xAdvance === 0 || isSpaceText(b.text) || isSilent(cps[before]!) || /\p{Mn}/u.test(b.text)) continue;
    (out ??= new Map()).set(before, after);
  }
  return out ?? NONE;
}

/**
 * An inline that begins with a mark (the line's leftmost word ends with a
 * tanween, which HarfBuzz draws first): pdf.js does not look where a mark
 * is drawn, so it read the mark with the previous line (`على ً` / `طول`),
 * and the word without it. So a marker goes before: an inline of its own,
 * no advance, a space glyph (it draws nothing) placed where the mark is,
 * mapped to RLM + space, which pdf.js does not take for white space (the
 * entry begins with a format character): pdf.js starts the line's item at
 * it and reads the mark after it. It declares the width back to the pen,
 * so pdf.js reads no gap before the letter, and stays on the baseline
 * (pdf.js splits an item where the baseline moves). It is a span whose
 * /ActualText is a space: PDFium, poppler and checkers that read
 * /ActualText see a plain space at the line's end, not an RLM in the word
 * (PDFium orders a line's pieces by where they start: the marker, drawn
 * first at the mark's place, stays before it).
 */
function leadingMarkers(pending: Pending[]): void {
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i]!;
    const first = p.glyphs[firstSpoken(p.glyphs, p.cps, 0)];
    if (!first || !isMarkText(first.text)) continue;
    const marker: PlacedGlyph = { ...spaceGlyph(p.font, p.size, 0), xOffset: first.xOffset };
    const declared = [Math.max(1, Math.round(-first.xOffset))];
    pending.splice(i, 0, { ...p, glyphs: [marker], cps: [RLM_SPACE], levels: [p.levels[0] ?? 0], text: ' ', declared, actualText: ' ', marker: true });
  }
}


/**
 * Invisible characters typed in the data (pasted from Word: ZWNJ, ZWJ, a
 * soft hyphen, a word joiner) are drawn as HarfBuzz hides them, a glyph
 * with no advance that draws nothing. pdf.js drops a glyph
 * whose text ends with a format character, so mapped to itself such a
 * character was lost in Firefox's copy (`می‌خواهم` pasted back joined,
 * `adopted­ unanimously` without its soft hyphen). The character goes to
 * the front of the next glyph's text instead (in drawing order, which
 * pdf.js reverses in a right-to-left item: `‌ة` comes out `ة‌`, the
 * character after its letter as typed), and its empty glyph is not drawn.
 * At the end of an inline it stays as it was. Not U+200B: it is mapped to a
 * directional mark (extractionOrder), never copied. Not a directional mark
 * (LRM, RLM, ALM) or a BOM: every search and comparison drops those, and
 * moved to the next glyph a strong mark would change how PDFium and
 * checkers that run the bidi algorithm on the drawn line reorder it.
 */
const CARRIED = new Set([0x200c, 0x200d, 0x00ad, 0x2060]);
function carryInvisibles(p: Pending): void {
  for (let i = p.glyphs.length - 2; i >= 0; i--) {
    const g = p.glyphs[i]!;
    const cps = p.cps[i]!;
    if (g.xAdvance !== 0 || g.text === '' || cps.length === 0 || !cps.every((c) => CARRIED.has(c)) || !Array.from(g.text).every((c) => CARRIED.has(c.codePointAt(0)!))) continue;
    if (isSilent(p.cps[i + 1]!)) continue; // the next glyph stands for no character: keep both as they are
    p.cps[i + 1] = [...cps, ...p.cps[i + 1]!];
    p.glyphs.splice(i, 1);
    p.cps.splice(i, 1);
    p.levels.splice(i, 1);
  }
}

/** One-character mappings are shared: a document has hundreds of thousands of glyphs and few distinct letters. */
const singles = new Map<number, readonly number[]>();
function single(cp: number): readonly number[] {
  let a = singles.get(cp);
  if (!a) singles.set(cp, (a = Object.freeze([cp])));
  return a;
}

/**
 * The ToUnicode entry of a glyph that stands for no character (the second
 * part of a letter Amiri draws with two glyphs, a tatweel the justifier
 * inserted): a directional mark of its run's direction (U+200F, U+200E).
 * pdf.js drops format characters; a search that ignores default-ignorable
 * characters (ICU collation, as browsers search) ignores it; it changes no
 * extractor's bidi. Never U+200B: PDFium, poppler and MuPDF keep it inside
 * the word. An empty entry will not do either: pdf.js then reads the glyph's
 * code as a character.
 */
const RLM: readonly number[] = Object.freeze([0x200f]);
const LRM: readonly number[] = Object.freeze([0x200e]);
const isSilent = (cps: readonly number[]): boolean => cps === RLM || cps === LRM;
const ZWSP = '\u200b';

/**
 * The glyphs of one run as drawn, and their ToUnicode code points.
 *
 * A glyph for no character is drawn last in its cluster (the glyphs of one
 * character), after the real glyph, carries no advance (the real glyph takes
 * the cluster's) and keeps its place on the page through its offset. pdf.js
 * skips it (a format character); PDFium measures the gap to the next glyph
 * from the real one. Drawn first (before its letter, at its offset), poppler
 * read a word gap before it (`الممل كة`, `الإل كتروني`); drawn last it falls
 * inside the letter's box and poppler keeps the word whole (poppler words
 * found: annex 97.4 → 97.7%, Arabic report 94.9 → 96.4%; one vocalized word
 * of the fixtures, whose line poppler reads broken either way, lost).
 *
 * No marked content inside a line: pdf.js starts a new text item at every
 * BDC and EMC (the pieces of the word then come out in visual order), and
 * PDFium reads a space after an /ActualText span, which is what Chromium's
 * PDFs (a span around each such cluster) get in both (measured).
 */
function extractionOrder(glyphs: readonly PlacedGlyph[], level: number): { glyphs: PlacedGlyph[]; cps: (readonly number[])[] } {
  const rtl = level % 2 === 1;
  const out = [...glyphs];
  const n = out.length;
  // A cluster's glyphs: [silent…, owner] in a right-to-left run, [owner, silent…] in a left-to-right one; drawn [owner, silent…].
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && out[j]!.text === '') j++;
    const start = rtl ? i : Math.max(0, i - 1);
    const end = rtl ? Math.min(n, j + 1) : j;
    if (j > i) silentLast(out, start, end);
    i = j + 1;
  }
  const silent = rtl ? RLM : LRM;
  // A U+200B typed in the data (pasted from Word) is drawn as an empty glyph: it maps to the mark too.
  const cps = out.map((x) => (x.text === '' || x.text === ZWSP ? silent : x.text.length === 1 ? single(x.text.charCodeAt(0)) : extractionCodePoints(x, level)));
  return { glyphs: out, cps };
}

/** Reorders glyphs [start, end) so that those without text come last with no advance, each drawn where it was. */
function silentLast(glyphs: PlacedGlyph[], start: number, end: number): void {
  let pen = 0;
  const placed = glyphs.slice(start, end).map((g) => {
    const at = pen + g.xOffset;
    pen += g.xAdvance;
    return { g, at };
  });
  const order = [...placed.filter((p) => p.g.text !== ''), ...placed.filter((p) => p.g.text === '')];
  const silentAdvance = order.reduce((a, p) => a + (p.g.text === '' ? p.g.xAdvance : 0), 0);
  const firstReal = order.findIndex((p) => p.g.text !== '');
  pen = 0;
  order.forEach((p, k) => {
    const xAdvance = p.g.text === '' ? (firstReal < 0 ? p.g.xAdvance : 0) : k === firstReal ? p.g.xAdvance + silentAdvance : p.g.xAdvance;
    glyphs[start + k] = { ...p.g, xAdvance, xOffset: p.at - pen };
    pen += xAdvance;
  });
}

/**
 * The code points a PDF should map a glyph to (its ToUnicode entry), so that
 * text extraction, which reads glyphs in drawing (visual) order and then
 * applies its own bidi reordering (pdf.js, poppler), gives back the logical
 * text: in a right-to-left run a multi-character glyph (a ligature) is mapped
 * to its characters in visual order. Mirrored brackets map to the character
 * typed, since extractors do not mirror.
 */
export function extractionCodePoints(glyph: PlacedGlyph, level: number): number[] {
  const t = glyph.text;
  if (t.length === 1) return [t.charCodeAt(0)];
  const cps = Array.from(t, (c) => c.codePointAt(0)!);
  return level % 2 === 1 ? cps.reverse() : cps;
}
