import { describe, expect, test } from 'vitest';
import Handlebars from 'handlebars';
import { ARABIC_MONTHS, formatDate, isRealDate, parseIsoDate, registerHelpers } from '../../src/template/helpers.js';
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
