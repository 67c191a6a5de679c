/**
 * Dates as OIC documents write them, in Arabic, English and French (or in the
 * words of a template's language table): single days, ranges of days, and the
 * Umm al-Qura Hijri date. Western digits throughout, as the OIC prints them.
 * No locale data of the machine is used for words: only tables, so the same
 * day prints the same bytes everywhere (the Hijri day numbers come from ICU's
 * fixed Umm al-Qura table).
 */
import { DocError } from '../errors.js';

/** Month names as written in the Levant and the Gulf (and in OIC documents). */
export const ARABIC_MONTHS = [
  'يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو',
  'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
] as const;

export const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export const FRENCH_MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/**
 * How a language writes dates. `pattern` holds {day}, {month} and {year};
 * `first` replaces the day number 1 (French "1er"); `dash` joins the days of a
 * range in one month (an en dash in Arabic, so that the bidi algorithm keeps
 * "12–14" in reading order; a hyphen-minus would join them into one number).
 */
export interface DateWords {
  readonly months: readonly string[];
  readonly pattern: string;
  readonly first?: string;
  readonly dash: string;
  /** Between two full dates, or two dates of different months. */
  readonly rangeSeparator: string;
  readonly hijriMonths: readonly string[];
  readonly hijriPattern: string;
}

export const DATE_WORDS: Readonly<Record<'ar' | 'en' | 'fr', DateWords>> = {
  ar: {
    months: ARABIC_MONTHS, pattern: '{day} {month} {year}', dash: '–', rangeSeparator: ' – ',
    hijriMonths: ['محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة'],
    hijriPattern: '{day} {month} {year} هـ',
  },
  en: {
    months: ENGLISH_MONTHS, pattern: '{day} {month} {year}', dash: '-', rangeSeparator: ' – ',
    hijriMonths: ['Muharram', 'Safar', 'Rabi al-Awwal', 'Rabi al-Thani', 'Jumada al-Ula', 'Jumada al-Akhirah', 'Rajab', 'Shaban', 'Ramadan', 'Shawwal', 'Dhu al-Qadah', 'Dhu al-Hijjah'],
    hijriPattern: '{day} {month} {year} AH',
  },
  fr: {
    months: FRENCH_MONTHS, pattern: '{day} {month} {year}', first: '1er', dash: '-', rangeSeparator: ' – ',
    hijriMonths: ['mouharram', 'safar', 'rabia al awal', 'rabia ath-thani', 'joumada al oula', 'joumada ath-thania', 'rajab', 'chaabane', 'ramadan', 'chawwal', 'dhou al qi`da', 'dhou al-hijja'],
    hijriPattern: '{day} {month} {year} AH',
  },
};

/** The built-in date words of a language code, or undefined. */
export function dateWordsOf(lang: string): DateWords | undefined {
  return lang === 'ar' || lang === 'en' || lang === 'fr' ? DATE_WORDS[lang] : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists in the Gregorian calendar. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > days) return undefined;
  return { year, month, day };
}

export function isRealDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

function dateOf(value: string): { year: number; month: number; day: number } {
  const d = parseIsoDate(value);
  if (!d) {
    throw new DocError('BAD_DATE', `"${value}" is not a date`, {
      hint: 'write the date as YYYY-MM-DD, a day that exists (e.g. 2018-09-24)',
    });
  }
  return d;
}

function wordsOf(lang: string | DateWords): DateWords {
  if (typeof lang !== 'string') return lang;
  const w = dateWordsOf(lang);
  if (!w) {
    throw new DocError('TEMPLATE', `no date words for the language "${lang}"`, {
      hint: 'the built-in languages are ar, en, fr; for another, give "dates" in the template\'s language table (lang/<code>.json)',
    });
  }
  return w;
}

function fill(pattern: string, day: string, month: string, year: number): string {
  return pattern.replace('{day}', day).replace('{month}', month).replace('{year}', String(year));
}

const dayText = (w: DateWords, day: number): string => (day === 1 && w.first !== undefined ? w.first : String(day));

/**
 * `2018-09-24` → `24 سبتمبر 2018` (Western digits, as in OIC documents),
 * `24 September 2018` (en), `24 septembre 2018` (fr), or in the given words.
 */
export function formatDate(value: string, lang: string | DateWords = 'ar'): string {
  const d = dateOf(value);
  const w = wordsOf(lang);
  return fill(w.pattern, dayText(w, d.day), w.months[d.month - 1]!, d.year);
}

/**
 * A range of days: `12–14 مايو 2026`, `12-14 May 2026`; across months
 * `30 April – 2 May 2026`; across years two full dates. One day prints once.
 */
export function formatDateRange(from: string, to: string, lang: string | DateWords = 'ar'): string {
  const a = dateOf(from);
  const b = dateOf(to);
  const w = wordsOf(lang);
  if (from > to) {
    throw new DocError('BAD_DATE', `the range ends (${to}) before it starts (${from})`, { hint: 'swap the two dates' });
  }
  if (from === to) return formatDate(from, w);
  if (a.year === b.year && a.month === b.month) {
    return fill(w.pattern, `${dayText(w, a.day)}${w.dash}${dayText(w, b.day)}`, w.months[a.month - 1]!, a.year);
  }
  if (a.year === b.year) {
    // The pattern up to the year gives the first part: "30 April".
    const cut = w.pattern.indexOf('{year}');
    const first = fill(w.pattern.slice(0, cut < 0 ? undefined : cut), dayText(w, a.day), w.months[a.month - 1]!, a.year).trim();
    return `${first}${w.rangeSeparator}${formatDate(to, w)}`;
  }
  return `${formatDate(from, w)}${w.rangeSeparator}${formatDate(to, w)}`;
}

let hijriFormat: Intl.DateTimeFormat | undefined;

/**
 * The Umm al-Qura (Saudi official) Hijri date of a Gregorian day, from the
 * calendar table in ICU (Intl). Refused outside 1300–1600 AH, where ICU has no
 * table and would compute an arithmetic calendar instead, and when this Node
 * has no Umm al-Qura calendar: the same day always gives the same date.
 */
export function hijriOf(value: string): { year: number; month: number; day: number } {
  const d = dateOf(value);
  hijriFormat ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' });
  if (hijriFormat.resolvedOptions().calendar !== 'islamic-umalqura') {
    throw new DocError('TEMPLATE', 'this Node.js has no Umm al-Qura calendar (it was built without full ICU)', {
      hint: 'use the official Node.js 20 build, or remove the Hijri date from the template',
    });
  }
  const parts = hijriFormat.formatToParts(new Date(Date.UTC(d.year, d.month - 1, d.day)));
  const num = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  const h = { year: num('year'), month: num('month'), day: num('day') };
  if (!(h.year >= 1300 && h.year <= 1600) || !(h.month >= 1 && h.month <= 12) || !(h.day >= 1 && h.day <= 30)) {
    throw new DocError('BAD_DATE', `"${value}" is outside the Umm al-Qura calendar table (1300–1600 AH)`, {
      hint: 'give the Hijri date only for days from late 1882 to 2174',
    });
  }
  return h;
}

/** `2018-09-24` → `14 محرم 1440 هـ`, `14 Muharram 1440 AH`. */
export function formatHijri(value: string, lang: string | DateWords = 'ar'): string {
  const h = hijriOf(value);
  const w = wordsOf(lang);
  return fill(w.hijriPattern, String(h.day), w.hijriMonths[h.month - 1]!, h.year);
}


/** A range of days in the Hijri calendar, as formatDateRange: `19–20 شعبان 1439 هـ`. */
export function formatHijriRange(from: string, to: string, lang: string | DateWords = 'ar'): string {
  const w = wordsOf(lang);
  if (from > to) {
    throw new DocError('BAD_DATE', `the range ends (${to}) before it starts (${from})`, { hint: 'swap the two dates' });
  }
  const a = hijriOf(from);
  const b = hijriOf(to);
  if (from === to) return formatHijri(from, w);
  if (a.year === b.year && a.month === b.month) {
    return fill(w.hijriPattern, `${a.day}${w.dash}${b.day}`, w.hijriMonths[a.month - 1]!, a.year);
  }
  if (a.year === b.year) {
    // The pattern up to the year gives the first part: "29 Shaban".
    const cut = w.hijriPattern.indexOf('{year}');
    const first = fill(w.hijriPattern.slice(0, cut < 0 ? undefined : cut), String(a.day), w.hijriMonths[a.month - 1]!, a.year).trim();
    return `${first}${w.rangeSeparator}${formatHijri(to, w)}`;
  }
  return `${formatHijri(from, w)}${w.rangeSeparator}${formatHijri(to, w)}`;
}
