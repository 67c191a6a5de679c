/**
 * Page-number fields (`PAGE`, `NUMPAGES`) with the number style the resolve
 * stage gave them, as Word complex fields.
 *
 * Word's general-format switches (ECMA-376 Part 1, 17.16.4.3): `\* HINDIARABIC`
 * for Arabic-Indic digits (١ ٢ ٣), `\* ArabicAbjad` (أ ب ج), `\* alphabetic`
 * (a b c). Word honours all three. LibreOffice 7.4 cannot show Arabic-Indic
 * page numbers from a DOCX at all (nor its 25.x sources): its field
 * import (`lcl_ParseNumberingType`, writerfilter DomainMapper_Impl.cxx) has
 * no `HINDIARABIC` and maps `ArabicAbjad` to full-width digits (`１`), and
 * its section import (`ConvertNumberingType`, ConversionHelper.cxx) leaves
 * `w:pgNumType w:fmt="hindiNumbers"` decimal. The README's table ("LibreOffice
 * and number formats") has each case, measured with
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
