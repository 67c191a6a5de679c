/**
 * Page-number fields (`PAGE`, `NUMPAGES`) with the number style the resolve
 * stage gave them, as Word complex fields.
 *
 * Word's general-format switches (ECMA-376 Part 1, 17.16.4.3): `\* HINDIARABIC`
 * for Arabic-Indic digits (١ ٢ ٣), `\* ArabicAbjad` (أ ب ج), `\* alphabetic`
 * (a b c). Word honours all three. LibreOffice 7.4 honours only `alphabetic`
 * (and `ArabicAlpha`, أ ب ت, which is not the abjad order): it ignores
 * `HINDIARABIC` and `ArabicAbjad` and prints Western digits there, and it maps
 * no section page-number format to Arabic-Indic digits either
 * (`w:pgNumType w:fmt="hindiNumbers"` gives 1 2 3 too). Checked with
 * `soffice --headless --convert-to pdf` and `pdftotext`.
 *
 * Decimal fields are written as the docx library writes them (no switch).
 */
import { BuilderElement, PageNumber } from 'docx';
import type { NumberStyle } from '../../model/index.js';

const SWITCH: Readonly<Record<NumberStyle, string | undefined>> = {
  decimal: undefined,
  'arabic-indic': 'HINDIARABIC',
  abjad: 'ArabicAbjad',
  'latin-lower': 'alphabetic',
};

/** The field instruction of a page field, e.g. ` PAGE \* HINDIARABIC `. */
export function fieldInstruction(name: 'page' | 'pageCount', style: NumberStyle): string {
  const code = name === 'page' ? 'PAGE' : 'NUMPAGES';
  const sw = SWITCH[style];
  return sw === undefined ? code : ` ${code} \\* ${sw} `;
}

const fieldChar = (type: 'begin' | 'separate' | 'end'): BuilderElement =>
  new BuilderElement({ name: 'w:fldChar', attributes: { type: { key: 'w:fldCharType', value: type } } });

/** The children of the run that holds the field (begin, instruction, separate, end). */
export function fieldRunChildren(name: 'page' | 'pageCount', style: NumberStyle): (BuilderElement | string)[] {
  if (SWITCH[style] === undefined) return [name === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES];
  const instr = new BuilderElement({
    name: 'w:instrText',
    attributes: { space: { key: 'xml:space', value: 'preserve' } },
    children: [fieldInstruction(name, style)] as unknown as BuilderElement[],
  });
  return [fieldChar('begin'), instr, fieldChar('separate'), fieldChar('end')];
}
