/**
 * Stage 4, justify: a justified line's shaped runs grow by `extra` points
 * to fill the line. A Justifier is chosen per paragraph by name (the style's
 * `justify`); each receives the line's runs in visual order and adjusts them
 * in place, or says it could not (then the line is set at its natural width).
 *
 * `spaces` widens the inter-word spaces (glyphs with `stretch: 'space'`)
 * evenly. Another justifier (kashida) registers itself with
 * `registerJustifier` and may fall back on `spaceJustifier` for what it
 * does not place itself.
 */
import type { FontConfig } from './fonts.js';
import type { Itemized } from './itemize.js';
import type { MutableRun } from './runs.js';
import type { ParagraphSpec } from './types.js';

export interface JustifyRequest {
  /** The line's runs, visual order; adjusted in place (glyph advances and run widths). */
  readonly runs: MutableRun[];
  /** Points to add. */
  readonly extra: number;
  /** The paragraph as itemized (text, levels, fonts, scripts), for justifiers that reshape. */
  readonly paragraph: Itemized;
  /** UTF-16 range of the line in the paragraph text. */
  readonly start: number;
  readonly end: number;
  /** The paragraph's spec (a justifier's own parameters, e.g. `kashidaShare`). */
  readonly spec?: ParagraphSpec;
  /** The engine's font configuration (which families opt in to what). */
  readonly fonts?: FontConfig;
}

export interface Justifier {
  readonly name: string;
  /** Fills the line; returns false when it cannot (no stretchable glyph). */
  justify(req: JustifyRequest): boolean;
}

/**
 * The most a space may grow, as a multiple of its own width. A line that
 * would need more (a long symbol or address moved whole to the next line
 * leaves few words behind) is set at its natural width, at the start edge,
 * rather than with gaps that viewers read as one word per line.
 */
export const MAX_SPACE_STRETCH = 3;

export const spaceJustifier: Justifier = {
  name: 'spaces',
  justify({ runs, extra, paragraph }) {
    // The spaces of a phrase in the other direction (an Arabic title in an English line, an English quotation
    // in Arabic) grow only by what the line's own spaces cannot take: the phrase stays one unit to the eye, and
    // viewers that cut text at wide gaps (pdf.js, at about 0.6 em) read it whole, in order.
    const base = paragraph.paragraphLevel % 2;
    const own = (r: MutableRun): boolean => r.level % 2 === base;
    const ownSpaces = spacesOf(runs, own);
    const otherSpaces = spacesOf(runs, (r) => !own(r));
    if (ownSpaces.count + otherSpaces.count === 0) return false;
    // Each group can grow by MAX_SPACE_STRETCH times its natural width; beyond both, the line stays natural.
    const ownRoom = MAX_SPACE_STRETCH * ownSpaces.natural;
    const otherRoom = MAX_SPACE_STRETCH * otherSpaces.natural;
    if (extra > ownRoom + otherRoom) return false;
    const toOwn = ownSpaces.count === 0 ? 0 : Math.min(extra, ownRoom);
    widen(runs, own, toOwn / Math.max(1, ownSpaces.count));
    if (extra > toOwn) widen(runs, (r) => !own(r), (extra - toOwn) / otherSpaces.count);
    return true;
  },
};

/** How many stretchable spaces the runs `take` accepts hold, and their natural width in points. */
function spacesOf(runs: readonly MutableRun[], take: (r: MutableRun) => boolean): { count: number; natural: number } {
  let count = 0;
  let natural = 0;
  for (const r of runs) {
    if (!take(r)) continue;
    for (const g of r.glyphs) {
      if (g.stretch !== 'space') continue;
      count++;
      natural += (g.xAdvance * r.size) / r.font.upem;
    }
  }
  return { count, natural };
}

/** Widens every stretchable space of the runs `take` accepts by `per` points. */
function widen(runs: MutableRun[], take: (r: MutableRun) => boolean, per: number): void {
  if (per === 0) return;
  for (const r of runs) {
    if (!take(r)) continue;
    const perUnits = (per * r.font.upem) / r.size;
    for (const g of r.glyphs) {
      if (g.stretch === 'space') {
        g.xAdvance += perUnits;
        r.width += per;
      }
    }
  }
}

const justifiers = new Map<string, Justifier>([[spaceJustifier.name, spaceJustifier]]);

export function registerJustifier(j: Justifier): void {
  justifiers.set(j.name, j);
}

/** The justifier of that name; unknown names get the space justifier. */
export function justifierFor(name: string | undefined): Justifier {
  return (name !== undefined ? justifiers.get(name) : undefined) ?? spaceJustifier;
}
