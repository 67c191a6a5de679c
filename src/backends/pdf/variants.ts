/**
 * Glyph variants of a font subset: each distinct (glyph, declared width,
 * text, shift) a slot of its own, through a virtual glyph id the subset
 * maps (glyph-runs.ts draws with them).
 */
import type { PlacedGlyph } from '../../text/index.js';
import { isRaised } from './footnotes.js';
import type { GlyphShift } from './subset-glyphs.js';

/** A glyph as pdfkit's EmbeddedFont.encode reads it. */
export interface FontkitGlyphLike { id: number; codePoints: number[]; advanceWidth: number }

/**
 * Glyph variants. pdfkit gives each glyph id one /W width and one ToUnicode
 * entry for the whole document, but a glyph's width as an extractor should
 * see it (see extractionWidths) and the text it stands for (a bracket drawn
 * mirrored stands for its twin) depend on context. So each distinct
 * (glyph, width, text) gets its own slot in the embedded subset — a copy of
 * the same outline — through a virtual glyph id that the font's subset maps.
 */
const VIRTUAL_BASE = 0x100000;
export interface SubsetLike { glyphs: number[]; includeGlyph(g: number | { id: number }): number; encode?: () => Uint8Array }

/**
 * Encoded font subsets by font file and glyph list. A rebuild after an edit
 * usually draws the same glyphs, so its subset is the same bytes: fontkit
 * need not copy the glyphs out of the font again.
 */
const subsets = new Map<string, Uint8Array>();
const SUBSETS_KEPT = 64;

export function memoizeSubset(subset: SubsetLike, file: string, state: VariantState | undefined): void {
  const encode = subset.encode;
  if (typeof encode !== 'function') return;
  subset.encode = function (this: SubsetLike) {
    let key = `${file}\0${subset.glyphs.join(',')}`;
    if (state?.shifts.size) for (const [slot, s] of state.shifts) key += `\0${slot}:${s.dx},${s.dy}`;
    let bytes = subsets.get(key);
    if (!bytes) {
      bytes = encode.call(this);
      subsets.set(key, bytes);
      if (subsets.size > SUBSETS_KEPT) subsets.delete(subsets.keys().next().value!);
    }
    return bytes;
  };
}
/** One (width, text, shift) variant of a glyph id. */
interface Variant { readonly width: number; readonly cps: readonly number[]; readonly dx: number; readonly dy: number; readonly glyph: FontkitGlyphLike }
/**
 * Variants by glyph id (a list: a glyph has few, compared without building a
 * string key per occurrence); `real` and `shift` by virtual id, `shifts` by
 * subset slot (for the subset's composite glyphs, subset-glyphs.ts).
 */
export interface VariantState {
  glyphs: Map<number, Variant[]>; real: number[]; shift: (GlyphShift | undefined)[]; slots: Map<number, number>; shifts: Map<number, GlyphShift>;
  /** The subset writes shifted glyphs (subset-glyphs.ts, shiftGlyphs): a TrueType subset of fontkit's. */
  canShift: boolean;
}

export function installVariants(subset: SubsetLike): VariantState | undefined {
  if (!Array.isArray(subset.glyphs) || typeof subset.includeGlyph !== 'function') return undefined; // not a TrueType subset
  const state: VariantState = { glyphs: new Map(), real: [], shift: [], slots: new Map(), shifts: new Map(), canShift: false };
  const include = subset.includeGlyph.bind(subset);
  subset.includeGlyph = (g) => {
    const id = typeof g === 'object' ? g.id : g;
    if (id < VIRTUAL_BASE) return include(id);
    let slot = state.slots.get(id);
    if (slot === undefined) {
      subset.glyphs.push(state.real[id - VIRTUAL_BASE]!);
      slot = subset.glyphs.length - 1;
      state.slots.set(id, slot);
      const shift = state.shift[id - VIRTUAL_BASE];
      if (shift) state.shifts.set(slot, shift);
    }
    return slot;
  };
  return state;
}

/**
 * The glyph object pdfkit sees for one occurrence. With variants, every
 * occurrence of the same (glyph, width, text) shares one object (pdfkit only
 * reads them): a long document has few distinct ones.
 */
export function glyphFor(state: VariantState | undefined, g: PlacedGlyph, width: number, cps: readonly number[], dx = 0, dy = 0): FontkitGlyphLike {
  if (!state) return { id: g.id, codePoints: cps as number[], advanceWidth: g.advance };
  let variants = state.glyphs.get(g.id);
  if (variants === undefined) state.glyphs.set(g.id, (variants = []));
  for (const v of variants) if (v.dx === dx && v.dy === dy && sameWidth(v.width, width) && sameCodePoints(v.cps, cps)) return v.glyph;
  const glyph = { id: VIRTUAL_BASE + state.real.length, codePoints: cps as number[], advanceWidth: width };
  state.real.push(g.id);
  state.shift.push(dx !== 0 || dy !== 0 ? { dx, dy } : undefined);
  variants.push({ width, cps, dx, dy, glyph });
  return glyph;
}

/**
 * A glyph with no advance drawn at an offset (a mark, the second part of a
 * split letter) is drawn moved in its outline instead (a shifted variant:
 * a composite glyph of the subset, subset-glyphs.ts), at the pen: pdfkit
 * then moves no text matrix for it, and the word stays one text object.
 * Drawn on its own at its offset, it was a text object of its own, above
 * or below the line's: PDFium took a mark whose box does not overlap its
 * neighbours' for the start of a new line (`رسل` / `ُ` / `ت` for `تُرسل`),
 * and poppler read it as a word of its own. Letters keep their offsets
 * (moved outlines would not be the font's glyphs to a reader that matches
 * outlines); their declared widths already chain their drawn origins.
 * The glyphs of a raised footnote number too (footnotes.ts, RaisedGlyph).
 * Font units, rounded (HarfBuzz positions at the font's scale are whole; a
 * number's rise is not, by less than a unit). Not a space: it draws nothing, and one at an offset is there for where it
 * is (extraction.ts, leadingMarkers).
 */
export const shifted = (state: VariantState | undefined, g: PlacedGlyph): boolean =>
  state !== undefined && state.canShift && (g.xAdvance === 0 || isRaised(g)) && (g.xOffset !== 0 || g.yOffset !== 0) && !BLANK.test(g.text);
const BLANK = /^\s+$/u;

/** Widths as the variants' former string keys told them apart (NaN is one width, 0 and -0 another). */
const sameWidth = (a: number, b: number): boolean => a === b || (a !== a && b !== b);
function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
