/**
 * Numbers as printed: list labels and page numbers, in Western or
 * Arabic-Indic digits, or letters (a b c, أ ب ج in the abjad order used for
 * sub-paragraphs of Arabic official texts).
 */
import type { NumberStyle } from '../model/index.js';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/**
 * The abjad sequence (أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ) as letters are
 * used to number sub-paragraphs; `هـ` keeps its tatweel so it reads as a letter.
 */
const ABJAD = ['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ'];

/** `n` written in `style`. Letters go on past the alphabet as aa, ab … (Word's lowerLetter does the same). */
export function formatNumber(n: number, style: NumberStyle = 'decimal'): string {
  switch (style) {
    case 'decimal':
      return String(n);
    case 'arabic-indic':
      return String(n).replace(/\d/g, (d) => ARABIC_INDIC[Number(d)]!);
    case 'latin-lower':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz'.split(''));
    case 'abjad':
      return letters(n, ABJAD);
  }
}

function letters(n: number, alphabet: readonly string[]): string {
  if (n < 1) return String(n);
  const k = alphabet.length;
  const letter = alphabet[(n - 1) % k]!;
  return letter.repeat(Math.floor((n - 1) / k) + 1);
}

/** A label from a format such as `%1-` or `(%1)`. */
export function formatLabel(format: string, n: number, style: NumberStyle = 'decimal'): string {
  return format.replace('%1', formatNumber(n, style));
}
