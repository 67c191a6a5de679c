/**
 * Telephone and fax numbers in data text. A number written in groups
 * (`+90 312 294 5710`) is read left to right as one unit in every language;
 * the bidi algorithm alone would turn the groups around next to Arabic
 * (`5710 294 312 90+`), in an Arabic paragraph and in an English one, so the
 * resolve stage sets such a number as a left-to-right isolate (inlines.ts).
 *
 * What counts: at least three groups of digits (Western or Arabic-Indic)
 * separated by single spaces, hyphens or dots, at least seven digits in all,
 * standing apart from letters and other digits: after `+` or `00` (an
 * international number, `+92-51-9220681`) groups of any length, else groups
 * of two to five digits after the first.
 * Dates (`12–14`), amounts (`1,250.75`), years and codes (`ACM-2018`) do not
 * match.
 */

const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const SEP = '[ \\u00A0.\\-]';
const PHONE = new RegExp(`(?<![\\p{L}\\p{N}+.,\\-])(?:(?:\\+|00)${DIGIT}{1,4}(?:${SEP}${DIGIT}{1,8}){2,}|${DIGIT}{1,4}(?:${SEP}${DIGIT}{2,5}){2,})(?![\\p{L}\\p{N}]|[.,\\-]${DIGIT})`, 'gu');

export interface Range {
  readonly start: number;
  readonly end: number;
}

export function findPhones(text: string): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/[^0-9\u0660-\u0669\u06F0-\u06F9]/g, '').length;
    if (digits >= 7) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
