/**
 * Tiny, local direction helpers for the DOCX backend. Word runs the Unicode
 * bidi algorithm and shapes text itself; all this module decides is which run
 * gets `w:rtl` (so Word formats it with the complex-script font, size and bold)
 * and a paragraph's base direction when the model says 'auto'.
 *
 * Deliberately not a bidi implementation: characters are sorted into strong
 * right-to-left (Hebrew, Arabic and the other RTL scripts), strong
 * left-to-right (any other letter) and neutral (digits, spaces, punctuation,
 * symbols), and neutrals are resolved the way UAX #9 rule N1/N2 would: between
 * two strong characters of one direction they take it, otherwise they take the
 * paragraph's direction.
 */

export type Strong = 'R' | 'L';
export type CharClass = Strong | 'N';

/** Strong right-to-left code points: Hebrew, Arabic, Syriac, Thaana, NKo, ... and their presentation forms. */
function isRtlStrong(cp: number): boolean {
  if (cp >= 0x0590 && cp <= 0x08ff) {
    // Arabic-Indic and Extended Arabic-Indic digits are numbers (AN/EN), not letters.
    if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06f0 && cp <= 0x06f9)) return false;
    // The Arabic comma and number separators are neutral.
    if (cp === 0x060c || cp === 0x066b || cp === 0x066c) return false;
    return true;
  }
  return (
    (cp >= 0xfb1d && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfefe) ||
    (cp >= 0x10800 && cp <= 0x10fff) ||
    (cp >= 0x1e800 && cp <= 0x1efff)
  );
}

const LETTER = /\p{L}/u;

export function charClass(ch: string): CharClass {
  const cp = ch.codePointAt(0) ?? 0;
  if (isRtlStrong(cp)) return 'R';
  if (LETTER.test(ch)) return 'L';
  return 'N';
}

/** Whether the text holds a strong right-to-left character (Arabic, Hebrew, ...). */
export function hasRtl(text: string): boolean {
  for (const ch of text) if (charClass(ch) === 'R') return true;
  return false;
}

/** The direction of the first strong character (UAX #9 P2/P3), if any. */
export function firstStrong(text: string): 'rtl' | 'ltr' | undefined {
  for (const ch of text) {
    const c = charClass(ch);
    if (c === 'R') return 'rtl';
    if (c === 'L') return 'ltr';
  }
  return undefined;
}

/**
 * The resolved direction of every code point of `text` (one entry per code
 * point, in order) in a paragraph of direction `base`.
 */
export function resolveDirections(text: string, base: 'rtl' | 'ltr'): Strong[] {
  const chars = [...text];
  const cls = chars.map(charClass);
  const baseStrong: Strong = base === 'rtl' ? 'R' : 'L';
  const out: Strong[] = new Array<Strong>(chars.length);
  let i = 0;
  let prev: Strong = baseStrong;
  while (i < chars.length) {
    const c = cls[i]!;
    if (c !== 'N') {
      out[i] = c;
      prev = c;
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && cls[j] === 'N') j++;
    const next: Strong = j < chars.length ? (cls[j] as Strong) : baseStrong;
    const d: Strong = prev === next ? prev : baseStrong;
    for (let k = i; k < j; k++) out[k] = d;
    i = j;
  }
  return out;
}
