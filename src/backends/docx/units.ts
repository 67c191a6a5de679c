import { AlignmentType } from 'docx';
import type { Align } from '../../model/index.js';

/** Points to twentieths of a point (twips), Word's unit for lengths. */
export function twips(pt: number): number {
  return Math.round(pt * 20);
}

/** Points to half-points, Word's unit for font sizes (`w:sz`, `w:szCs`). */
export function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

/** Line height as a multiple: `w:spacing w:line` in 240ths of a line, rule auto. */
export function lineMultiple(m: number): number {
  return Math.round(m * 240);
}

export type WordAlign = (typeof AlignmentType)[keyof typeof AlignmentType];

/**
 * Logical alignment to `w:jc`. `start` and `end` are written as such: in a
 * `w:bidi` paragraph they are the right and left edges, in a left-to-right one
 * the left and right edges. `justify` is `both` (the last line stays at the start).
 */
export function wordAlign(a: Align): WordAlign {
  switch (a) {
    case 'start': return AlignmentType.START;
    case 'end': return AlignmentType.END;
    case 'center': return AlignmentType.CENTER;
    case 'justify': return AlignmentType.BOTH;
  }
}

const RTL_LANGS = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Whether a BCP 47 tag names a language written right to left (`ar-SA`, `fa`, `he-IL`, ...). */
export function isRtlLang(tag: string): boolean {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  if (/-arab\b/i.test(tag) || /-hebr\b/i.test(tag)) return true;
  return RTL_LANGS.has(primary);
}

/**
 * Word keys proofing and font choice on a locale, so a bare language gets
 * the locale Word itself writes for it (`ar` → `ar-SA`); tags with a region
 * or script are kept as they are.
 */
const WORD_LOCALES: Readonly<Record<string, string>> = {
  ar: 'ar-SA', en: 'en-US', fr: 'fr-FR', es: 'es-ES', ru: 'ru-RU', zh: 'zh-CN',
  fa: 'fa-IR', he: 'he-IL', ur: 'ur-PK', tr: 'tr-TR', ms: 'ms-MY', id: 'id-ID',
};

export function wordLocale(tag: string): string {
  return WORD_LOCALES[tag.toLowerCase()] ?? tag;
}

/** `w:lang` for a language tag: right-to-left languages go in `w:bidi`, others in `w:val`. */
export function wordLanguage(tag: string): { value?: string; bidirectional?: string } {
  const locale = wordLocale(tag);
  return isRtlLang(tag) ? { bidirectional: locale } : { value: locale };
}
