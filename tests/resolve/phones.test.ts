import { describe, expect, it } from 'vitest';
import { findPhones } from '../../src/resolve/phones.js';

const found = (t: string): string[] => findPhones(t).map((r) => t.slice(r.start, r.end));

describe('telephone numbers in data text', () => {
  it('finds numbers written in groups, with or without +, in Arabic and English text', () => {
    expect(found('الهاتف: +90 312 294 5710 (المكتب)')).toEqual(['+90 312 294 5710']);
    expect(found('Secretariat (الأمانة): +90 312 294 5710 or fax +90 312 294 5711')).toEqual(['+90 312 294 5710', '+90 312 294 5711']);
    expect(found('Tel. 00966-12-651-5222.')).toEqual(['00966-12-651-5222']);
    expect(found('هاتف ٠١٢ ٦٥١ ٥٢٢٢')).toEqual(['٠١٢ ٦٥١ ٥٢٢٢']);
    expect(found('الهاتف: +92-51-9220681، الفاكس: +92-51-9211115')).toEqual(['+92-51-9220681', '+92-51-9211115']);
  });

  it('leaves dates, amounts, years, codes and short numbers alone', () => {
    for (const t of ['12–14 مايو 2026', '1,250.75 دولارًا', 'ACM-2018/AZER/REP', 'في 24 سبتمبر 2018', 'رقم 4/45-س', 'ISO 9001:2015', '2.6%', '555-1234', 'v1.2.3', '2018 هو عام']) {
      expect(found(t), t).toEqual([]);
    }
  });
});
