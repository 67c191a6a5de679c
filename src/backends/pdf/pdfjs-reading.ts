/**
 * How pdf.js (Firefox) reads one text item back: a model of its bidi step
 * (pdf.js src/core/bidi.js), written from its behaviour, to decide how a
 * right-to-left line is drawn (draw-order.ts, splitBidiUnits).
 *
 * pdf.js takes an item's characters in drawing order as if they were
 * logical text and reorders them with a partial Unicode bidi algorithm: no
 * explicit embeddings or isolates; its own character classes (Latin-1 and
 * the Arabic block as Unicode has them, Hebrew and the other Arabic blocks
 * right to left, every other character a left-to-right letter: the en dash
 * of `12–14`, curly quotes, RLM); an item is right to left when it has any
 * right-to-left letter or Arabic digit and they are at least 30% of it (or
 * it is at most 4 characters long); whitespace is a neutral; in a
 * right-to-left item `<` and `>` are deleted. Glyphs mapped to format
 * characters only are skipped before.
 */
import { bidiClass } from '../../text/index.js';

type Cls = string;

function classOf(ch: string): Cls {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0xff || (cp >= 0x600 && cp <= 0x6ff)) {
    const c = bidiClass(ch);
    // Classes pdf.js's tables do not have (ALM, the Arabic letter mark): a neutral.
    return c === 'LRE' || c === 'RLE' || c === 'PDF' || c === 'LRO' || c === 'RLO' || c === 'LRI' || c === 'RLI' || c === 'FSI' || c === 'PDI' ? 'ON' : c;
  }
  if (cp >= 0x590 && cp <= 0x5f4) return 'R';
  if ((cp >= 0x700 && cp <= 0x8ac) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'AL';
  return 'L';
}

/** pdf.js's getCharUnicodeCategory: the first of these to match in a glyph's text decides. */
const SPECIAL = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

/**
 * What pdf.js takes a glyph's text for: white space (it notes a space), a
 * zero-width diacritic (it does not measure the glyph, nor move its pen by
 * its width), an invisible format mark (it skips the glyph), or plain text.
 */
export function pdfjsCategory(text: string): 'space' | 'diacritic' | 'format' | 'text' {
  const m = SPECIAL.exec(text);
  return m === null ? 'text' : m[1] !== undefined ? 'space' : m[2] !== undefined ? 'diacritic' : 'format';
}

/** The item's string as pdf.js builds it from glyphs mapped to `cps` (format-only glyphs skipped, whitespace as a space). */
export function itemString(cps: readonly (readonly number[])[]): string {
  let s = '';
  for (const c of cps) {
    const u = String.fromCodePoint(...c);
    if (u === '') continue;
    const category = pdfjsCategory(u);
    if (category === 'space') s += ' ';
    else if (category !== 'format') s += u;
  }
  return s;
}

/** The text pdf.js gives for an item whose characters, in drawing order, are `str`. */
export function pdfjsReading(str: string): string {
  const chars = Array.from(str);
  const n = chars.length;
  const types = chars.map(classOf);
  const bidiCount = types.filter((t) => t === 'R' || t === 'AL' || t === 'AN').length;
  if (n === 0 || bidiCount === 0) return str;
  const rtl = !(bidiCount / n < 0.3 && n > 4);
  const base = rtl ? 1 : 0;
  const sor: Cls = rtl ? 'R' : 'L';
  let last = sor;
  for (let i = 0; i < n; i++) {
    if (types[i] === 'NSM') types[i] = last;
    else last = types[i]!;
  }
  last = sor;
  for (let i = 0; i < n; i++) {
    const t = types[i]!;
    if (t === 'EN') types[i] = last === 'AL' ? 'AN' : 'EN';
    else if (t === 'R' || t === 'L' || t === 'AL') last = t;
  }
  for (let i = 0; i < n; i++) if (types[i] === 'AL') types[i] = 'R';
  for (let i = 1; i < n - 1; i++) {
    if (types[i] === 'ES' && types[i - 1] === 'EN' && types[i + 1] === 'EN') types[i] = 'EN';
    if (types[i] === 'CS' && (types[i - 1] === 'EN' || types[i - 1] === 'AN') && types[i + 1] === types[i - 1]) types[i] = types[i - 1]!;
  }
  for (let i = 0; i < n; i++) {
    if (types[i] !== 'EN') continue;
    for (let j = i - 1; j >= 0 && types[j] === 'ET'; j--) types[j] = 'EN';
    for (let j = i + 1; j < n && types[j] === 'ET'; j++) types[j] = 'EN';
  }
  for (let i = 0; i < n; i++) if (types[i] === 'WS' || types[i] === 'ES' || types[i] === 'ET' || types[i] === 'CS') types[i] = 'ON';
  last = sor;
  for (let i = 0; i < n; i++) {
    const t = types[i]!;
    if (t === 'EN') types[i] = last === 'L' ? 'L' : 'EN';
    else if (t === 'R' || t === 'L') last = t;
  }
  for (let i = 0; i < n; i++) {
    if (types[i] !== 'ON') continue;
    let end = i + 1;
    while (end < n && types[end] === 'ON') end++;
    const before = (i > 0 ? types[i - 1] : sor) === 'L' ? 'L' : 'R';
    // pdf.js looks one character past the first one after the run (and at the item's direction past the end).
    const after = (end + 1 < n ? types[end + 1] : sor) === 'L' ? 'L' : 'R';
    if (before === after) for (let k = i; k < end; k++) types[k] = before;
    i = end - 1;
  }
  for (let i = 0; i < n; i++) if (types[i] === 'ON') types[i] = sor;
  const levels = types.map((t) => {
    if (base % 2 === 0) return t === 'R' ? base + 1 : t === 'AN' || t === 'EN' ? base + 2 : base;
    return t === 'L' || t === 'AN' || t === 'EN' ? base + 1 : base;
  });
  const max = Math.max(...levels);
  const minOdd = Math.min(...levels.filter((l) => l % 2 === 1), 99);
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < n; ) {
      if (levels[i]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && levels[j]! >= level) j++;
      reverse(chars, i, j);
      reverse(levels, i, j);
      i = j;
    }
  }
  const out = chars.join('');
  return rtl ? out.replace(/[<>]/g, '') : out;
}

function reverse<T>(a: T[], from: number, to: number): void {
  for (let i = from, j = to - 1; i < j; i++, j--) [a[i], a[j]] = [a[j]!, a[i]!];
}
