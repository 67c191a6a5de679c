/**
 * Stage 1, itemize: a paragraph's items → one logical text with, per UTF-16
 * unit, its style, bidi level (UAX #9 over the whole paragraph), font and
 * script. Nothing is shaped yet.
 */
import { FSI, LRI, PDI, RLI, bidiClass, paragraphLevels } from './bidi.js';
import { LINE_SEPARATOR, isSpace, needsGlyph } from './chars.js';
import { resolveScripts } from './script.js';
import type { LoadedFont } from './shaper.js';
import type { InlineItem, MissingGlyph, TextStyle } from './types.js';

export interface Itemized {
  /** The logical text: the items' text, isolate controls and U+2028 for forced breaks. */
  readonly text: string;
  /** Style index per UTF-16 unit (-1 for controls). */
  readonly styleOf: Int32Array;
  readonly styles: readonly TextStyle[];
  readonly levels: Uint8Array;
  readonly paragraphLevel: number;
  /** Font per UTF-16 unit (undefined for controls). */
  readonly fontOf: readonly (LoadedFont | undefined)[];
  /** ISO 15924 script per UTF-16 unit, for shaping (undefined: let HarfBuzz guess). */
  readonly scriptOf: readonly (string | undefined)[];
  /** Characters no configured font can draw: the caller decides (an error, never tofu). */
  readonly missing: readonly MissingGlyph[];
}

/** How the engine finds fonts: the style's own, and the fallbacks to try in order. */
export interface FontChooser {
  own(style: TextStyle): LoadedFont;
  fallbacks(style: TextStyle): readonly LoadedFont[];
}

function flatten(items: readonly InlineItem[]): { text: string; styleOf: Int32Array; styles: TextStyle[] } {
  let text = '';
  const styleIdx: number[] = [];
  const styles: TextStyle[] = [];
  let last: TextStyle | undefined;
  for (const it of items) {
    if (it.kind === 'text') {
      if (it.style !== last) {
        styles.push(it.style);
        last = it.style;
      }
      text += it.text;
      for (let i = 0; i < it.text.length; i++) styleIdx.push(styles.length - 1);
    } else {
      const ch = it.kind === 'break' ? LINE_SEPARATOR : it.kind === 'endIsolate' ? PDI : it.dir === 'rtl' ? RLI : it.dir === 'ltr' ? LRI : FSI;
      text += ch;
      styleIdx.push(-1);
    }
  }
  return { text, styleOf: Int32Array.from(styleIdx), styles };
}

export function itemize(items: readonly InlineItem[], dir: 'rtl' | 'ltr' | 'auto', fonts: FontChooser): Itemized {
  const flat = flatten(items);
  const bidi = paragraphLevels(flat.text, dir);
  const { fontOf, missing } = chooseFonts(flat.text, flat.styleOf, flat.styles, fonts);
  return { ...flat, levels: bidi.levels, paragraphLevel: bidi.paragraphLevel, fontOf, scriptOf: scripts(flat.text), missing };
}

/**
 * Fonts by word: each word (a run of non-space characters of one style) is
 * drawn in one face — the style's own if it has every character, else the
 * first fallback family that has them all — so a word, a number or a code
 * such as `COMSTECH-18/2019` never mixes faces. Only a word no single face
 * can draw falls back character by character; what no face has is missing.
 */
function chooseFonts(text: string, styleOf: Int32Array, styles: readonly TextStyle[], fonts: FontChooser): { fontOf: (LoadedFont | undefined)[]; missing: MissingGlyph[] } {
  const n = text.length;
  const fontOf: (LoadedFont | undefined)[] = new Array(n);
  const missing: MissingGlyph[] = [];
  let i = 0;
  while (i < n) {
    const si = styleOf[i]!;
    if (si < 0) { i++; continue; }
    const style = styles[si]!;
    // A word, or a run of spaces, of one style.
    const space = isSpace(text.charCodeAt(i));
    let j = i + 1;
    while (j < n && styleOf[j] === si && isSpace(text.charCodeAt(j)) === space) j++;
    const own = fonts.own(style);
    const face = covers(own, text, i, j) ? own : fonts.fallbacks(style).find((f) => covers(f, text, i, j));
    if (face) for (let k = i; k < j; k++) fontOf[k] = face;
    else perCharacter(text, i, j, own, fonts.fallbacks(style), fontOf, missing);
    i = j;
  }
  return { fontOf, missing };
}

function covers(font: LoadedFont, text: string, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    if (needsGlyph(cp) && !font.coverage.has(cp)) return false;
    i += cp > 0xffff ? 2 : 1;
  }
  return true;
}

function perCharacter(text: string, start: number, end: number, own: LoadedFont, fallbacks: readonly LoadedFont[], fontOf: (LoadedFont | undefined)[], missing: MissingGlyph[]): void {
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    let f: LoadedFont | undefined = !needsGlyph(cp) || own.coverage.has(cp) ? own : fallbacks.find((x) => x.coverage.has(cp));
    if (!f) {
      missing.push({ char: String.fromCodePoint(cp), codePoint: cp, index: i });
      f = own;
    }
    for (let k = 0; k < w; k++) fontOf[i + k] = f;
    i += w;
  }
  // Marks take the font of their base, so a mark is never shaped apart from its letter.
  for (let k = start + 1; k < end; k++) {
    if (fontOf[k] !== fontOf[k - 1] && bidiClass(text[k]!) === 'NSM' && fontOf[k - 1]!.coverage.has(text.codePointAt(k)!)) fontOf[k] = fontOf[k - 1];
  }
}

/** Script per unit, as browsers itemize (script.ts); Common-only text is left for HarfBuzz to guess. */
function scripts(text: string): (string | undefined)[] {
  return resolveScripts(text).map((sc) => (sc === 'Zyyy' || sc === 'Zzzz' ? undefined : sc));
}
