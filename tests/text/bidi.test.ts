import { describe, expect, it } from 'vitest';
import { FSI, PDI, firstStrongDir, lineLevels, mirrored, paragraphLevels, reorderRuns } from '../../src/text/bidi.js';

describe('paragraphLevels (UAX #9 through bidi-js)', () => {
  it('gives Arabic level 1 and numbers level 2 in an RTL paragraph', () => {
    const text = 'رقم ٨٢٢ و 2018';
    const { levels, paragraphLevel } = paragraphLevels(text, 'rtl');
    expect(paragraphLevel).toBe(1);
    expect([...levels]).toEqual([1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2]);
  });
  it('finds the direction from the first strong character with auto', () => {
    expect(paragraphLevels('ACM-2018 تقرير', 'auto').paragraphLevel).toBe(0);
    expect(paragraphLevels('تقرير ACM', 'auto').paragraphLevel).toBe(1);
    expect(firstStrongDir('2018 ACM')).toBe('ltr');
    expect(firstStrongDir(`${FSI}ACM${PDI} تقرير`)).toBe('rtl'); // isolates are skipped
  });
  it('keeps an isolate from reordering the text around it', () => {
    // Without the isolate, the Latin field would pull the following number into its run.
    const text = `في ${FSI}ACM${PDI} 24`;
    const { levels } = paragraphLevels(text, 'rtl');
    expect(levels[text.indexOf('A')]).toBe(2);
    expect(levels[text.indexOf('2')]).toBe(2);
    expect(levels[text.indexOf(PDI)]).toBe(1);
  });
});

describe('lineLevels (L1)', () => {
  it('resets trailing spaces to the paragraph level', () => {
    const text = 'ACM ';
    const { levels } = paragraphLevels(`تقرير ${text}`, 'rtl');
    const line = lineLevels(`تقرير ${text}`, levels, 1, 0, 10);
    expect(line[9]).toBe(1);
    expect(line[8]).toBe(2);
  });
});

describe('reorderRuns (L2 over runs)', () => {
  it('reverses an RTL line and keeps numbers in place', () => {
    // logical: [Arabic 1] [number 2] [Arabic 1]  → visual: [Arabic] [number] [Arabic] reversed
    expect(reorderRuns([1, 2, 1])).toEqual([2, 1, 0]);
  });
  it('keeps an LTR line as it is, reversing only its RTL runs', () => {
    expect(reorderRuns([0, 1, 1, 0])).toEqual([0, 2, 1, 3]);
  });
  it('handles nesting: LTR inside RTL inside LTR', () => {
    // levels 0 1 2 2 1 0 → the middle 1..4 is reversed, and 2 2 within it re-reversed
    expect(reorderRuns([0, 1, 2, 2, 1, 0])).toEqual([0, 4, 2, 3, 1, 5]);
  });
  it('returns nothing for nothing', () => {
    expect(reorderRuns([])).toEqual([]);
  });
});

describe('mirroring', () => {
  it('knows the mirrored brackets', () => {
    expect(mirrored('(')).toBe(')');
    expect(mirrored('«')).toBe('»');
    expect(mirrored('a')).toBeUndefined();
  });
});
