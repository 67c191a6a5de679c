/**
 * The model's numbered lists as real Word numbering (numbering.xml): one
 * abstract definition per list style, level text from the style's
 * `numberFormat` (`%1-`), the number at the start edge (the right edge of a
 * `w:bidi` paragraph) with a hanging indent of `numberWidth`, so the text of
 * every line lines up after it. Each model list is one `w:num`, so inserting
 * a paragraph in Word renumbers the rest.
 */
import { AlignmentType, LevelFormat, LevelSuffix } from 'docx';
import type { NumberingDefinition } from 'docx';
import type { NumberStyle } from '../../model/index.js';
import type { ListLabel } from '../../resolve/index.js';
import type { StyleTable } from './styles.js';
import { twips } from './units.js';

export interface ListLayout {
  /** Reference of the numbering definition. */
  readonly reference: string;
  /** Which `w:num` of the definition (one per model list, or per run of consecutive numbers). */
  readonly instance: number;
  /** Twips from the start margin to the text (and to continuation paragraphs). */
  readonly textIndent: number;
  /** Twips of the number's hanging indent. */
  readonly hanging: number;
}

/**
 * Word's number formats for the model's number styles. LibreOffice reads
 * `hindiNumbers` as decimal and draws `arabicAbjad` with a bare alef (`ا`):
 * README, "LibreOffice and number formats".
 */
const WORD_FORMATS: Readonly<Record<NumberStyle, (typeof LevelFormat)[keyof typeof LevelFormat]>> = {
  decimal: LevelFormat.DECIMAL,
  'arabic-indic': LevelFormat.HINDI_NUMBERS,
  'latin-lower': LevelFormat.LOWER_LETTER,
  abjad: LevelFormat.ARABIC_ABJAD,
};

/** Word's `w:numFmt` value for a number style (footnotes: package.ts). */
export function wordNumberFormat(style: NumberStyle): string {
  return WORD_FORMATS[style];
}

export class ListNumbering {
  private readonly definitions = new Map<string, NumberingDefinition>();
  private readonly instancesPerReference = new Map<string, number>();
  /** Per model list: the layout in use and the number its next item should have. */
  private readonly lists = new Map<string, { layout: ListLayout; next: number }>();

  constructor(private readonly styles: StyleTable) {}

  /** The numbering a list item uses (registering its definition on first use); `indentStart` in points. */
  layoutFor(label: ListLabel, styleName: string, indentStart: number): ListLayout {
    const item = { list: label.list, number: label.number };
    const numberedStyle = styleName;
    const format = label.format;
    const hanging = twips(label.width);
    const textIndent = twips(indentStart) + hanging;

    const current = this.lists.get(item.list);
    if (current && current.next === item.number && current.layout.textIndent === textIndent && current.layout.hanging === hanging) {
      const base = this.baseReference(numberedStyle, format, textIndent, hanging);
      if (current.layout.reference.startsWith(base)) {
        current.next = item.number + 1;
        return current.layout;
      }
    }
    // A new list, or one whose numbers do not follow on: a new `w:num`
    // starting at this item's number.
    const reference = `${this.baseReference(numberedStyle, format, textIndent, hanging)}${label.numberStyle === 'decimal' ? '' : `:${label.numberStyle}`}-from-${item.number}`;
    if (!this.definitions.has(reference)) {
      this.definitions.set(reference, {
        reference,
        levels: [
          {
            level: 0,
            format: WORD_FORMATS[label.numberStyle],
            text: format,
            start: item.number,
            alignment: AlignmentType.START,
            suffix: hanging > 0 ? LevelSuffix.TAB : LevelSuffix.SPACE,
            style: {
              paragraph: { indent: hanging > 0 ? { start: textIndent, hanging } : { start: textIndent } },
            },
          },
        ],
      });
    }
    const instance = this.instancesPerReference.get(reference) ?? 0;
    this.instancesPerReference.set(reference, instance + 1);
    const layout: ListLayout = { reference, instance, textIndent, hanging };
    this.lists.set(item.list, { layout, next: item.number + 1 });
    return layout;
  }

  private baseReference(style: string, format: string, textIndent: number, hanging: number): string {
    const id = this.styles.idOf(style);
    return `${id}:${format}:${textIndent}:${hanging}`;
  }

  /** The definitions, in the order lists first used them. */
  config(): NumberingDefinition[] {
    return [...this.definitions.values()];
  }
}
