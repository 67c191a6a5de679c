/**
 * The named structures the text engine's stages hand to each other and to
 * the backends. Positions are in visual order; text is logical.
 */
import type { Align } from '../model/index.js';
import type { BaseDir } from './bidi.js';
import type { LoadedFont } from './shaper.js';

export interface TextStyle {
  readonly family: string;
  readonly bold: boolean;
  readonly italic: boolean;
  /** Points. */
  readonly size: number;
  /** BCP 47, selects the OpenType language system. */
  readonly lang?: string;
}

/** What a paragraph is made of, in logical order. */
export type InlineItem =
  | { readonly kind: 'text'; readonly text: string; readonly style: TextStyle }
  /** Opens a bidi isolate (data fields, inline dir overrides). */
  | { readonly kind: 'isolate'; readonly dir: BaseDir }
  | { readonly kind: 'endIsolate' }
  /** A forced line break. */
  | { readonly kind: 'break' };

export interface ParagraphSpec {
  readonly items: readonly InlineItem[];
  readonly dir: BaseDir;
  readonly align: Align;
  /** How justified lines are filled (a registered Justifier's name); default `spaces`. */
  readonly justify?: string;
  /** Width of the paragraph's box, points. */
  readonly width: number;
  /** Indents in points at the start and end edges (right/left in RTL). */
  readonly indentStart?: number;
  readonly indentEnd?: number;
  /**
   * A label (list number) set in the first line at the start edge, in a
   * box of `width` points; the text of every line starts after that box.
   */
  readonly label?: { readonly text: string; readonly style: TextStyle; readonly width: number };
}

export interface PlacedGlyph {
  /** Glyph id in the font file. */
  readonly id: number;
  /** Font units. xAdvance includes any justification. */
  readonly xAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  /** The font's own advance of this glyph (font units). */
  readonly advance: number;
  /** The logical characters this glyph stands for ('' for the second part of a split character). */
  readonly text: string;
  /** What justification may do with this glyph (Typst's Adjustability): widen it as an inter-word space. */
  readonly stretch?: 'space';
}

export interface PlacedRun {
  /** Points from the left edge of the paragraph box. */
  readonly x: number;
  readonly width: number;
  readonly font: LoadedFont;
  readonly style: TextStyle;
  readonly size: number;
  /** Resolved bidi level; odd = drawn right to left. */
  readonly level: number;
  /** Glyphs in visual (left-to-right) order. */
  readonly glyphs: readonly PlacedGlyph[];
  /** The run's logical text. */
  readonly text: string;
  /** UTF-16 range in the paragraph text (-1 for the label). */
  readonly start: number;
  readonly end: number;
}

export interface LaidOutLine {
  /** Runs in visual order, left to right. */
  readonly runs: readonly PlacedRun[];
  /** UTF-16 range of the paragraph text on this line (trailing spaces included). */
  readonly start: number;
  readonly end: number;
  /** Left and right edge of the inked line, points. */
  readonly left: number;
  readonly right: number;
  readonly justified: boolean;
  /** Line ended by a forced break, or is the paragraph's last. */
  readonly last: boolean;
  /** Largest font size on the line (points). */
  readonly maxSize: number;
}

export interface MissingGlyph {
  readonly char: string;
  readonly codePoint: number;
  /** UTF-16 index in the paragraph text. */
  readonly index: number;
}

export interface LaidOutParagraph {
  /** The logical text laid out (isolate controls included). */
  readonly text: string;
  readonly paragraphLevel: number;
  readonly lines: readonly LaidOutLine[];
  /** Characters no configured font can draw: the caller decides (an error, never tofu). */
  readonly missing: readonly MissingGlyph[];
}

