/**
 * Our wrapper of bidi-js (UAX #9). The rest of the project never calls
 * bidi-js directly: paragraph levels come from `paragraphLevels`, and the
 * visual order of a line's runs from `reorderRuns` (rule L2, applied per
 * line after line breaking, with L1 applied to the line's end first).
 */
import * as bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';

// bidi-js is CommonJS: its factory is the module's default export at run time.
const bidi: Bidi = (bidiModule as unknown as { default: () => Bidi }).default();

export type BaseDir = 'ltr' | 'rtl' | 'auto';

/** Isolate controls (UAX #9 X5a–X6a). */
export const LRI = '\u2066';
export const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';

export interface ParagraphBidi {
  /** Resolved embedding level per UTF-16 code unit. */
  readonly levels: Uint8Array;
  /** 0 = LTR paragraph, 1 = RTL paragraph. */
  readonly paragraphLevel: number;
}

/**
 * Levels resolved in this process, by direction and text: the PDF engine and
 * the DOCX converter (twice) ask for the same paragraphs. Bounded (emptied when
 * full) so that a long `watch` session does not grow it without end.
 */
const resolved = new Map<string, ParagraphBidi>();
const RESOLVED_MAX = 8192;

/** Resolves embedding levels for one paragraph (no paragraph separators inside). The levels are shared: read them only. */
export function paragraphLevels(text: string, base: BaseDir): ParagraphBidi {
  const key = `${base}\0${text}`;
  const hit = resolved.get(key);
  if (hit) return hit;
  const r = bidi.getEmbeddingLevels(text, base);
  const paragraphLevel = r.paragraphs[0]?.level ?? (base === 'rtl' ? 1 : 0);
  const out = { levels: r.levels, paragraphLevel };
  if (resolved.size >= RESOLVED_MAX) resolved.clear();
  resolved.set(key, out);
  return out;
}

/** Bidi class name of a character, e.g. 'AL', 'EN', 'WS'. */
export function bidiClass(ch: string): string {
  return bidi.getBidiCharTypeName(ch);
}

/** The first strong direction of a text (UAX #9 P2/P3), or undefined. */
export function firstStrongDir(text: string): 'ltr' | 'rtl' | undefined {
  let isolate = 0;
  for (const ch of text) {
    const t = bidi.getBidiCharTypeName(ch);
    if (t === 'LRI' || t === 'RLI' || t === 'FSI') isolate++;
    else if (t === 'PDI') isolate = Math.max(0, isolate - 1);
    else if (isolate === 0) {
      if (t === 'L') return 'ltr';
      if (t === 'R' || t === 'AL') return 'rtl';
    }
  }
  return undefined;
}

/**
 * Rule L1 for one line [start, end): trailing whitespace and isolate
 * controls (and any before a segment separator) take the paragraph level.
 * Returns a copy of the line's levels.
 */
export function lineLevels(text: string, levels: Uint8Array, paragraphLevel: number, start: number, end: number): Uint8Array {
  const out = levels.slice(start, end);
  let trailing = true;
  for (let i = end - 1; i >= start; i--) {
    const t = bidi.getBidiCharTypeName(text[i]!);
    const resettable = t === 'WS' || t === 'LRI' || t === 'RLI' || t === 'FSI' || t === 'PDI' || t === 'BN';
    if (t === 'S' || t === 'B') {
      out[i - start] = paragraphLevel;
      trailing = true;
    } else if (trailing && resettable) {
      out[i - start] = paragraphLevel;
    } else {
      trailing = false;
    }
  }
  return out;
}

/**
 * Rule L2 over runs: given each run's level (runs in logical order), returns
 * the run indices in visual (left-to-right) order. From the highest level
 * down to the lowest odd level, every maximal sequence of runs at that level
 * or higher is reversed.
 */
export function reorderRuns(runLevels: readonly number[]): number[] {
  const order = runLevels.map((_, i) => i);
  if (order.length === 0) return order;
  let max = 0;
  let minOdd = Infinity;
  for (const l of runLevels) {
    if (l > max) max = l;
    if (l % 2 === 1 && l < minOdd) minOdd = l;
  }
  for (let level = max; level >= minOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if (runLevels[order[i]!]! >= level) {
        let j = i;
        while (j < order.length && runLevels[order[j]!]! >= level) j++;
        const seg = order.slice(i, j).reverse();
        order.splice(i, j - i, ...seg);
        i = j;
      } else i++;
    }
  }
  return order;
}

/** The mirrored form of a bracket-like character (Bidi_Mirroring_Glyph), or undefined. */
export function mirrored(ch: string): string | undefined {
  return bidi.getMirroredCharacter(ch) ?? undefined;
}

/**
 * For a word processor, which runs the bidi algorithm itself and only needs
 * to know which runs are right-to-left text (Word's `w:rtl`: complex-script
 * font, size and bold): per code point of `text`, whether it is part of
 * right-to-left text in a paragraph of direction `base`. That is a character
 * at an odd level, or one of a number inside right-to-left text (an even
 * level above the paragraph's that holds no left-to-right letter, like
 * `2018` in Arabic); a Latin phrase in Arabic (`ACM-2018/AZER/REP`) is not.
 */
export function rtlCodePoints(text: string, base: 'ltr' | 'rtl'): boolean[] {
  const { levels } = paragraphLevels(text, base);
  const units = text.length;
  const rtl = new Array<boolean>(units).fill(false);
  let i = 0;
  while (i < units) {
    const level = levels[i]!;
    let j = i + 1;
    while (j < units && levels[j] === level) j++;
    let value = level % 2 === 1;
    if (!value && level > 0) {
      value = true;
      for (let k = i; k < j; k++) if (bidi.getBidiCharTypeName(text[k]!) === 'L') value = false;
    }
    for (let k = i; k < j; k++) rtl[k] = value;
    i = j;
  }
  const out: boolean[] = [];
  for (let k = 0; k < units; ) {
    out.push(rtl[k]!);
    k += text.codePointAt(k)! > 0xffff ? 2 : 1;
  }
  return out;
}

/** Whether a character is neutral for direction (not a strong letter). */
export function isNeutral(ch: string): boolean {
  const t = bidi.getBidiCharTypeName(ch);
  return t !== 'L' && t !== 'R' && t !== 'AL';
}

/**
 * Whether the isolates change the visual order of the paragraph's visible
 * characters (then a word processor's copy of the text must carry them). Levels alone differ even when
 * the order does not: an RLI in a right-to-left paragraph raises its content
 * from level 1 to 3.
 */
export function isolatesChangeOrder(text: string, dir: 'rtl' | 'ltr'): boolean {
  if (!/[\u2066-\u2069]/.test(text)) return false;
  const all = paragraphLevels(text, dir).levels;
  const visible: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2066 || c > 0x2069) visible.push(all[i]!);
  }
  const without = Array.from(paragraphLevels(text.replace(/[\u2066-\u2069]/g, ''), dir).levels);
  // Rule L2 on character levels: the logical index at each visual position (as one line).
  const a = reorderRuns(visible);
  const b = reorderRuns(without);
  return a.some((x, i) => x !== b[i]);
}
