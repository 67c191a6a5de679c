import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextEngine, type LaidOutParagraph, type TextStyle } from '../../src/text/index.js';
import { loadFontConfig } from '../../src/text/fonts.js';
import { loadFont } from '../../src/text/shaper.js';

const engine = new TextEngine(loadFontConfig());
const ar: TextStyle = { family: 'Amiri', bold: false, italic: false, size: 14, lang: 'ar' };
const en: TextStyle = { family: 'Amiri', bold: false, italic: false, size: 12, lang: 'en' };

function lay(text: string, opts: { dir?: 'rtl' | 'ltr' | 'auto'; width?: number; align?: 'start' | 'end' | 'center' | 'justify'; style?: TextStyle } = {}): LaidOutParagraph {
  return engine.layoutParagraph({ items: [{ kind: 'text', text, style: opts.style ?? ar }], dir: opts.dir ?? 'rtl', align: opts.align ?? 'start', width: opts.width ?? 1000 });
}
/** A line as its runs' logical texts in visual (left-to-right) order. */
/** A line's text in visual order, by level run (runs of one level split by script are joined back). */
const visual = (p: LaidOutParagraph, line = 0): string[] => {
  const out: { text: string; level: number; start: number; end: number }[] = [];
  for (const r of p.lines[line]!.runs) {
    const last = out[out.length - 1];
    const rtl = r.level % 2 === 1;
    // Visual neighbours of one level that are logical neighbours too.
    if (last && last.level === r.level && (rtl ? r.end === last.start : r.start === last.end)) {
      if (rtl) {
        last.text = r.text + last.text;
        last.start = r.start;
      } else {
        last.text += r.text;
        last.end = r.end;
      }
    } else out.push({ text: r.text, level: r.level, start: r.start, end: r.end });
  }
  return out.map((x) => x.text);
};
/** The characters a run's glyphs stand for, in logical order. */
const runChars = (r: LaidOutParagraph['lines'][number]['runs'][number]): string => {
  const g = r.level % 2 === 1 ? [...r.glyphs].reverse() : r.glyphs;
  return g.map((x) => x.text).join('');
};

describe('visual order of a line (hand-written expectations)', () => {
  it('Arabic-Indic numbers and mirrored brackets in Arabic', () => {
    const p = lay('رقم ٨٢٢ (١٩٩٣)، و٨٥٣');
    expect(visual(p)).toEqual(['٨٥٣', ')، و', '١٩٩٣', ' (', '٨٢٢', 'رقم ']);
    expect(p.lines[0]!.runs.map((r) => r.level)).toEqual([2, 1, 2, 1, 2, 1]);
    // Digits drawn as typed, left to right.
    const num = p.lines[0]!.runs[4]!;
    expect(num.glyphs.map((g) => g.text).join('')).toBe('٨٢٢');
    // The opening bracket of the RTL run is drawn with the glyph of ')'.
    const amiri = loadFont(num.font.path);
    const open = p.lines[0]!.runs[3]!.glyphs.find((g) => g.text === '(')!;
    expect(open.id).toBe(amiri.hbFont.nominalGlyph(0x29));
  });
  it('Western digits and a date', () => {
    expect(visual(lay('في 24 سبتمبر 2018'))).toEqual(['2018', ' سبتمبر ', '24', 'في ']);
  });
  it('Latin symbol inside Arabic keeps its own order', () => {
    expect(visual(lay('التقرير ACM-2018/AZER/REP النهائي'))).toEqual([' النهائي', 'ACM-2018/AZER/REP', 'التقرير ']);
  });
  it('percentages and decimals', () => {
    // After Arabic letters, digits are Arabic numbers (W2) and a following percent
    // sign is a neutral that takes the Arabic direction: it is read after the
    // number, so it stands at its left — as browsers and Word show it.
    expect(visual(lay('نسبة ٠٫٤٪ و 2.6%'))).toEqual(['%', '2.6', '٪ و ', '٠٫٤', 'نسبة ']);
    // In a Latin context the sign belongs to the number (W5).
    expect(visual(lay('rate 2.6% up', { dir: 'ltr', style: en }))).toEqual(['rate 2.6% up']);
  });
  it('an English paragraph with an Arabic word', () => {
    expect(visual(lay('The OIC (منظمة التعاون) met', { dir: 'ltr', style: en }))).toEqual(['The OIC (', 'منظمة التعاون', ') met']);
  });
  it('a hyphenated name stays one word in reading order', () => {
    const p = lay('منطقة ناغورني-كاراباخ');
    expect(visual(p)).toEqual(['منطقة ناغورني-كاراباخ']);
    expect(runChars(p.lines[0]!.runs[0]!)).toBe('منطقة ناغورني-كاراباخ');
  });
});

describe('lines, alignment and justification', () => {
  const long = 'اجتمع فريق اتصال منظمة التعاون الإسلامي المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان في 24 سبتمبر 2018 على المستوى الوزاري على هامش اجتماع التنسيق السنوي في نيويورك';
  it('justifies every line but the last, which sits at the right edge', () => {
    const p = lay(long, { width: 300, align: 'justify' });
    expect(p.lines.length).toBeGreaterThan(2);
    p.lines.forEach((l, i) => {
      expect(Math.abs(l.right - 300)).toBeLessThan(0.5);
      if (i < p.lines.length - 1) {
        expect(l.justified).toBe(true);
        expect(Math.abs(l.left)).toBeLessThan(0.5);
      } else {
        expect(l.justified).toBe(false);
        expect(l.left).toBeGreaterThan(1);
      }
    });
  });
  it('breaks lines in logical order: the first line holds the first words', () => {
    const p = lay(long, { width: 300, align: 'justify' });
    expect(p.lines[0]!.start).toBe(0);
    for (let i = 1; i < p.lines.length; i++) expect(p.lines[i]!.start).toBe(p.lines[i - 1]!.end);
    expect(p.text.slice(p.lines[0]!.start, p.lines[0]!.end).startsWith('اجتمع فريق')).toBe(true);
    // The first word is the rightmost on the first line.
    const first = p.lines[0]!;
    expect(first.runs[first.runs.length - 1]!.text.endsWith('اجتمع فريق اتصال منظمة'.slice(0, 5)) || first.runs[first.runs.length - 1]!.text.startsWith('اجتمع')).toBe(true);
  });
  it('an LTR paragraph starts at the left edge', () => {
    const p = lay('Annex V of the report', { dir: 'ltr', style: en, width: 400 });
    expect(p.lines[0]!.left).toBeCloseTo(0, 5);
  });
  it('a one-word paragraph is one line at the right edge', () => {
    const p = lay('تقرير', { width: 400, align: 'justify' });
    expect(p.lines).toHaveLength(1);
    expect(p.lines[0]!.right).toBeCloseTo(400, 3);
  });
  it('a word longer than the line is cut between letters, losing nothing', () => {
    const word = 'بسم'.repeat(60);
    const p = lay(word, { width: 200 });
    expect(p.lines.length).toBeGreaterThan(1);
    for (const l of p.lines) expect(l.right - l.left).toBeLessThanOrEqual(200.01);
    expect(p.lines.map((l) => l.runs.map(runChars).join('')).join('')).toBe(word);
  });
  it('puts the label at the start edge and the text after it', () => {
    const style = ar;
    const p = engine.layoutParagraph({ items: [{ kind: 'text', text: long, style }], dir: 'rtl', align: 'justify', width: 300, label: { text: '1-', style, width: 28 } });
    const first = p.lines[0]!;
    const label = first.runs[first.runs.length - 1]!;
    expect(label.start).toBe(-1);
    expect(label.x + label.width).toBeCloseTo(300, 3);
    // Label reads "1-" right to left: the digit at the right edge.
    expect(label.text).toBe('1');
    for (const l of p.lines.slice(0, -1)) {
      const text = l.runs.filter((r) => r.start >= 0);
      expect(text[text.length - 1]!.x + text[text.length - 1]!.width).toBeCloseTo(272, 1);
    }
  });
  it('shapes with the Arabic language system (Amiri ARA forms)', () => {
    const p = lay('المدنيين');
    expect(p.lines[0]!.runs[0]!.glyphs.length).toBeGreaterThan(0);
    expect(p.missing).toEqual([]);
  });
});

describe('robustness: every character accounted for', () => {
  const chars = fc.constantFrom(
    ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئة'.split(''), ...'ًٌٍَُِّْ'.split(''), ' ', ' ', '(', ')', '«', '»', '،', '؟', '-',
    ...'abcXYZ'.split(''), ...'0123456789٠١٢٣٤٥٦٧٨٩'.split(''), '\u200c', '\u200d', '%', '.', '/', 'پ', 'چ', 'ژ', 'گ', 'ک',
  );
  it('never throws and covers every character once (seeded)', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }).map((a) => a.join('')), fc.constantFrom('rtl', 'ltr', 'auto'), fc.integer({ min: 20, max: 400 }), (text, dir, width) => {
        const p = lay(text, { dir: dir as 'rtl', width, align: 'justify' });
        let seen = '';
        for (const l of p.lines) {
          const runs = [...l.runs].filter((r) => r.start >= 0).sort((a, b) => a.start - b.start);
          let at = l.start;
          for (const r of runs) {
            // Between runs only spaces may be left out (trailing spaces of a line).
            expect(text.slice(at, r.start).trim()).toBe('');
            expect(runChars(r)).toBe(text.slice(r.start, r.end));
            at = r.end;
          }
          expect(text.slice(at, l.end).trim()).toBe('');
          seen += text.slice(l.start, l.end);
        }
        expect(seen).toBe(text);
      }),
      { seed: 20181924, numRuns: 300 },
    );
  });
});

describe('reordering per line, after breaking (L2 per line)', () => {
  it('a Latin phrase broken across lines is reordered within each line', () => {
    const text = 'قال ALPHA BETA GAMMA DELTA ثم';
    const width = (t: string) => lay(t).lines[0]!.right - lay(t).lines[0]!.left;
    const p = lay(text, { width: Math.max(width('قال ALPHA BETA'), width('GAMMA DELTA ثم')) + 1 });
    expect(p.lines).toHaveLength(2);
    // Line 1: the Arabic word at the right, the start of the phrase to its left.
    expect(visual(p, 0)).toEqual(['ALPHA BETA', 'قال ']);
    // Line 2: the rest of the phrase at the right, the closing Arabic word at the left.
    expect(visual(p, 1)).toEqual([' ثم', 'GAMMA DELTA']);
  });
});

describe('data fields are isolates', () => {
  const items = (dataText: string, isolate: boolean) => [
    { kind: 'text' as const, text: 'رقم ', style: ar },
    ...(isolate ? [{ kind: 'isolate' as const, dir: 'auto' as const }] : []),
    { kind: 'text' as const, text: dataText, style: ar },
    ...(isolate ? [{ kind: 'endIsolate' as const }] : []),
    { kind: 'text' as const, text: ' 24 بند', style: ar },
  ];
  it('a Latin field does not pull the number after it into its run', () => {
    const iso = engine.layoutParagraph({ items: items('ACM-2018', true), dir: 'rtl', align: 'start', width: 1000 });
    expect(visual(iso)).toEqual([' بند', '24', ' ', 'ACM-2018', 'رقم ']);
    // Without the isolate the number would join the Latin run: the reordering the isolate prevents.
    const plain = engine.layoutParagraph({ items: items('ACM-2018', false), dir: 'rtl', align: 'start', width: 1000 });
    expect(visual(plain)).toEqual([' بند', 'ACM-2018 24', 'رقم ']);
  });
});

describe('justification has a limit', () => {
  it('sets a line whose spaces would grow past MAX_SPACE_STRETCH at its natural width, at the start edge', () => {
    // A symbol that fits on a line alone is moved whole to the next line, leaving two words behind.
    const p = lay('وإذ يحيط علمًا (OIC/CFM-45/2018/POL/SG-REP/10) بتقرير الأمين العام', { align: 'justify', width: 240 });
    expect(p.lines.length).toBeGreaterThan(1);
    const first = p.lines[0]!;
    expect(first.justified).toBe(false);
    // Right to left: flush with the right edge, short of the left one.
    expect(first.right).toBeCloseTo(240, 1);
    expect(first.left).toBeGreaterThan(100);
    // An ordinary justified paragraph still fills its lines.
    const q = lay('أقر الاجتماع بأن عمل فريق اتصال المنظمة المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان مهم جدا', { align: 'justify', width: 240 });
    expect(q.lines[0]!.justified).toBe(true);
  });

  it('breaks a symbol whose piece (its brackets included) is wider than the line at its slashes, never inside a number', () => {
    const p = lay('وإذ يحيط علمًا (OIC/CFM-45/2018/POL/SG-REP/10) بتقرير الأمين العام', { align: 'justify', width: 220 });
    const text = p.text;
    for (const l of p.lines.slice(1)) expect(text[l.start - 1]).not.toMatch(/[0-9]/);
  });
});
