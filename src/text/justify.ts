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
  justify({ runs, extra }) {
    let spaces = 0;
    let natural = 0;
    for (const r of runs) {
      for (const g of r.glyphs) {
        if (g.stretch !== 'space') continue;
        spaces++;
        natural += (g.xAdvance * r.size) / r.font.upem;
      }
    }
    if (spaces === 0) return false;
    const per = extra / spaces;
    if (per > MAX_SPACE_STRETCH * (natural / spaces)) return false;
    for (const r of runs) {
      const perUnits = (per * r.font.upem) / r.size;
      for (const g of r.glyphs) {
        if (g.stretch === 'space') {
          g.xAdvance += perUnits;
          r.width += per;
        }
      }
    }
    return true;
  },
};

const justifiers = new Map<string, Justifier>([[spaceJustifier.name, spaceJustifier]]);

export function registerJustifier(j: Justifier): void {
  justifiers.set(j.name, j);
}

/** The justifier of that name; unknown names get the space justifier. */
export function justifierFor(name: string | undefined): Justifier {
  return (name !== undefined ? justifiers.get(name) : undefined) ?? spaceJustifier;
}
