import { describe, expect, test } from 'vitest';
import Handlebars from 'handlebars';
import { execFileSync } from 'node:child_process';
import {
  ARABIC_MONTHS, FRENCH_MONTHS, LANG_KEY, formatDate, formatDateRange, formatHijri, formatHijriRange, hijriOf, isRealDate,
  parseIsoDate, registerHelpers, DATE_WORDS, type LanguageTable,
} from '../../src/template/helpers.js';
import { DocError } from '../../src/errors.js';

describe('formatDate', () => {
  test('prints the seed date with Western digits and the Levant/Gulf month name', () => {
    expect(formatDate('2018-09-24')).toBe('24 سبتمبر 2018');
    expect(formatDate('2018-09-24', 'en')).toBe('24 September 2018');
  });
  test('every month', () => {
    expect(ARABIC_MONTHS).toEqual(['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر']);
    for (let m = 1; m <= 12; m++) expect(formatDate(`2001-${String(m).padStart(2, '0')}-05`)).toBe(`5 ${ARABIC_MONTHS[m - 1]} 2001`);
  });
  test('rejects days that do not exist', () => {
    for (const bad of ['2018-02-29', '2018-13-01', '2018-00-10', '2018-04-31', '2018-9-24', '24/09/2018', '']) {
      expect(isRealDate(bad), bad).toBe(false);
      expect(() => formatDate(bad)).toThrow(DocError);
    }
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2024-02-29')).toBe(true);
  });
});

describe('helpers in a Handlebars environment', () => {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const run = (src: string, data: object) => hb.compile(src, { strict: true })(data);
  test('inc, eq, join, formatDate', () => {
    expect(run('{{#each xs}}{{inc @index}};{{/each}}', { xs: ['a', 'b'] })).toBe('1;2;');
    expect(run('{{#if (eq a "x")}}yes{{else}}no{{/if}}', { a: 'x' })).toBe('yes');
    expect(run('{{join xs "، "}}', { xs: ['a', 'b'] })).toBe('a، b');
    expect(run('{{formatDate d}}', { d: '2018-09-24' })).toBe('24 سبتمبر 2018');
  });
  test('wrong arguments throw a DocError', () => {
    expect(() => run('{{inc s}}', { s: 'x' })).toThrow(/inc takes/);
    expect(() => run('{{join s}}', { s: 'x' })).toThrow(/join takes/);
    expect(() => run('{{formatDate d}}', { d: 3 })).toThrow(/formatDate takes/);
  });
});

describe('dates in the three languages', () => {
  test('one day: 24 سبتمبر 2018, 24 September 2018, 24 septembre 2018; French writes the first as 1er', () => {
    expect(formatDate('2018-09-24', 'fr')).toBe('24 septembre 2018');
    expect(formatDate('2018-08-01', 'fr')).toBe('1er août 2018');
    expect(formatDate('2018-08-01', 'en')).toBe('1 August 2018');
    expect(formatDate('2018-08-01', 'ar')).toBe('1 أغسطس 2018');
    expect(FRENCH_MONTHS.map((_, i) => formatDate(`2020-${String(i + 1).padStart(2, '0')}-15`, 'fr').split(' ')[1]))
      .toEqual(['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']);
  });
  test('a language without words is a template error that says where to add them', () => {
    expect(() => formatDate('2018-09-24', 'tr')).toThrow(/no date words for the language "tr"/);
  });
  test('ranges within a month: an en dash in Arabic (kept in reading order by the bidi algorithm), a hyphen in English and French', () => {
    expect(formatDateRange('2026-05-12', '2026-05-14', 'ar')).toBe('12–14 مايو 2026');
    expect(formatDateRange('2026-05-12', '2026-05-14', 'en')).toBe('12-14 May 2026');
    expect(formatDateRange('2026-05-12', '2026-05-14', 'fr')).toBe('12-14 mai 2026');
    expect(formatDateRange('2026-05-01', '2026-05-03', 'fr')).toBe('1er-3 mai 2026');
  });
  test('ranges across months and years; one day once', () => {
    expect(formatDateRange('2026-04-30', '2026-05-02', 'en')).toBe('30 April – 2 May 2026');
    expect(formatDateRange('2026-04-30', '2026-05-02', 'ar')).toBe('30 أبريل – 2 مايو 2026');
    expect(formatDateRange('2025-12-30', '2026-01-02', 'fr')).toBe('30 décembre 2025 – 2 janvier 2026');
    expect(formatDateRange('2026-05-12', '2026-05-12', 'en')).toBe('12 May 2026');
  });
  test('a range that ends before it starts, or a day that does not exist, is a BAD_DATE', () => {
    expect(() => formatDateRange('2026-05-14', '2026-05-12', 'en')).toThrow(/ends \(2026-05-12\) before it starts \(2026-05-14\)/);
    expect(() => formatDateRange('2026-02-30', '2026-03-02', 'en')).toThrow(DocError);
  });
});

describe('Hijri dates (Umm al-Qura)', () => {
  test('days published in the Umm al-Qura calendar', () => {
    expect(hijriOf('2018-09-11')).toEqual({ year: 1440, month: 1, day: 1 }); // 1 Muharram 1440
    expect(hijriOf('2024-03-11')).toEqual({ year: 1445, month: 9, day: 1 }); // 1 Ramadan 1445
    expect(hijriOf('2023-04-21')).toEqual({ year: 1444, month: 10, day: 1 }); // 1 Shawwal 1444
    expect(hijriOf('2023-06-28')).toEqual({ year: 1444, month: 12, day: 10 }); // Eid al-Adha 1444
  });
  test('written in each language', () => {
    expect(formatHijri('2018-09-24', 'ar')).toBe('14 محرم 1440 هـ');
    expect(formatHijri('2018-09-24', 'en')).toBe('14 Muharram 1440 AH');
    expect(formatHijri('2018-09-24', 'fr')).toBe('14 mouharram 1440 AH');
    expect(formatHijriRange('2018-05-05', '2018-05-06', 'ar')).toBe('19–20 شعبان 1439 هـ');
    expect(formatHijriRange('2018-05-05', '2018-05-06', 'en')).toBe('19-20 Shaban 1439 AH');
    expect(formatHijriRange('2018-09-10', '2018-09-11', 'en')).toBe('30 Dhu al-Hijjah 1439 AH – 1 Muharram 1440 AH');
    expect(formatHijriRange('2024-04-08', '2024-04-10', 'ar')).toBe('29 رمضان – 1 شوال 1445 هـ');
    expect(DATE_WORDS.ar.hijriMonths).toHaveLength(12);
  });
  test('outside the table (1300–1600 AH) it refuses instead of guessing', () => {
    expect(() => hijriOf('1850-01-01')).toThrow(/outside the Umm al-Qura calendar table/);
    expect(() => hijriOf('2200-01-01')).toThrow(/outside the Umm al-Qura calendar table/);
    expect(hijriOf('1882-11-13').year).toBe(1300);
  });
  test('the same bytes whatever the machine\'s time zone and locale', () => {
    // The dates module is TypeScript: run the same computation through Intl as hijriOf does, in another process.
    const code = "const f=new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn',{timeZone:'UTC',day:'numeric',month:'numeric',year:'numeric'});"
      + "process.stdout.write(['2018-09-24','2024-03-11','1990-01-01','2077-11-16'].map(d=>f.formatToParts(new Date(d+'T00:00:00Z')).filter(p=>p.type!=='literal').map(p=>p.value).join('.')).join(' '))";
    const here = ['2018-09-24', '2024-03-11', '1990-01-01', '2077-11-16'].map((d) => { const h = hijriOf(d); return `${h.month}.${h.day}.${h.year}.AH`; }).join(' ');
    for (const env of [{ TZ: 'Pacific/Kiritimati', LANG: 'ar_SA.UTF-8' }, { TZ: 'America/Los_Angeles', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' }]) {
      const out = execFileSync(process.execPath, ['-e', code], { env: { ...process.env, ...env } }).toString();
      expect(out).toBe(here);
    }
    // And the words never come from the machine's locale: tables only.
    expect(formatDate('2018-09-24', 'ar') + formatHijri('2018-09-24', 'ar')).toBe('24 سبتمبر 201814 محرم 1440 هـ');
  });
});

describe('language-table helpers', () => {
  const table: LanguageTable = {
    code: 'fr', file: 'templates/t/lang/fr.json', dir: 'ltr', words: { annex: 'Annexe' },
    quotes: ['«\u00a0', '\u00a0»'], dates: DATE_WORDS.fr, fields: {},
  };
  const hb = Handlebars.create();
  registerHelpers(hb);
  const run = (src: string, data: object, t: LanguageTable | null = table) =>
    hb.compile(src, { strict: true })(data, { data: t ? { [LANG_KEY]: t } : {} });
  test('dates follow the document\'s language table; lang="…" overrides it', () => {
    expect(run('{{formatDate d}}', { d: '2018-09-24' })).toBe('24 septembre 2018');
    expect(run('{{formatDate d lang="ar"}}', { d: '2018-09-24' })).toBe('24 سبتمبر 2018');
    expect(run('{{formatDateRange a b}} ({{hijriDateRange a b}})', { a: '2018-05-05', b: '2018-05-06' })).toBe('5-6 mai 2018 (19-20 chaabane 1439 AH)');
    expect(run('{{hijriDate d}}', { d: '2018-09-24' })).toBe('14 mouharram 1440 AH');
    expect(run('{{formatDate d}}', { d: '2018-09-24' }, null)).toBe('24 سبتمبر 2018');
  });
  test('word, quote and direction', () => {
    expect(run('{{word "annex"}}', {})).toBe('Annexe');
    expect(run('{{quote t}}', { t: 'Paix' })).toBe('«\u00a0Paix\u00a0»');
    expect(run('{{direction}}', {})).toBe('ltr');
  });
  test('a word the table lacks names the table and lists its words', () => {
    expect(() => run('{{word "anex"}}', {})).toThrow('{{word "anex"}}: templates/t/lang/fr.json has no word "anex"');
    expect(() => run('{{word "annex"}}', {}, null)).toThrow(/this template has no language table/);
    expect(() => run('{{direction}}', {}, null)).toThrow(/no language table/);
    expect(() => run('{{formatDateRange a}}', { a: '2018-05-05' })).toThrow(/formatDateRange takes two date strings/);
  });
});
