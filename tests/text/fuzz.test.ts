/**
 * Robustness of the text engine on arbitrary Unicode (issue 6): it never
 * throws and never loses a character. Every character of the input is either
 * drawn (it is in the text of a glyph of a run covering it), or a space or
 * control at the end of a line; a character no font has is reported in
 * `missing` (and never drawn as an empty box).
 *
 * The normal suite runs a fixed seed and a bounded number of runs. A longer run:
 *   FUZZ_RUNS=20000 npx vitest run tests/text/fuzz.test.ts
 * (FUZZ_SEED=<n> picks another seed; a failure prints the seed and path to replay it.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextEngine, type LaidOutParagraph, type TextStyle } from '../../src/text/index.js';
import { loadFontConfig } from '../../src/text/fonts.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20260606);
const LONG = RUNS > 1000 ? 600_000 : 60_000;

const engine = new TextEngine(loadFontConfig());
const styles: TextStyle[] = [
  { family: 'Amiri', bold: false, italic: false, size: 14, lang: 'ar' },
  { family: 'Amiri', bold: true, italic: false, size: 12, lang: 'en' },
  { family: 'Noto Naskh Arabic', bold: false, italic: false, size: 11, lang: 'fa' },
];

const isSpaceOrControl = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200f) ||
  c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c === 0xfeff || c === 0x61c || c === 0xad;

/** The characters a run's glyphs stand for, in logical order. */
const runChars = (r: LaidOutParagraph['lines'][number]['runs'][number]): string => {
  const g = r.level % 2 === 1 ? [...r.glyphs].reverse() : r.glyphs;
  return g.map((x) => x.text).join('');
};

/**
 * Checks that every character of the laid-out text is accounted for; returns
 * a description of the first problem, or undefined.
 */
function unaccounted(p: LaidOutParagraph): string | undefined {
  const { text } = p;
  let at = 0;
  const missingAt = new Set(p.missing.map((m) => m.index));
  if (missingAt.size !== p.missing.length) return 'a missing character is reported twice';
  for (const m of p.missing) {
    if (String.fromCodePoint(text.codePointAt(m.index)!) !== m.char) return `missing[${m.index}] is not the character at that index`;
  }
  for (const [li, l] of p.lines.entries()) {
    if (l.start !== at) return `line ${li} starts at ${l.start}, expected ${at}`;
    const runs = [...l.runs].filter((r) => r.start >= 0).sort((a, b) => a.start - b.start);
    let pos = l.start;
    for (const r of runs) {
      // Between runs only the isolate controls of the items (and other controls) are left out.
      for (let i = pos; i < r.start; i++) if (!isSpaceOrControl(text.charCodeAt(i))) return `U+${text.charCodeAt(i).toString(16)} at ${i} is in no run`;
      const drawn = runChars(r);
      if (drawn !== text.slice(r.start, r.end)) return `run [${r.start},${r.end}) draws ${JSON.stringify(drawn)}, not ${JSON.stringify(text.slice(r.start, r.end))}`;
      // Never tofu: a .notdef glyph stands for characters reported as missing (or for nothing visible).
      const logical = r.level % 2 === 1 ? [...r.glyphs].reverse() : r.glyphs;
      let idx = r.start;
      for (const g of logical) {
        const here = idx;
        idx += g.text.length;
        if (g.id !== 0 || g.text === '') continue;
        const visible = [...g.text].some((c) => !isSpaceOrControl(c.codePointAt(0)!));
        if (visible && ![...g.text].some((_, k) => missingAt.has(here + k))) return `.notdef drawn for ${JSON.stringify(g.text)} not reported missing`;
      }
      pos = r.end;
    }
    for (let i = pos; i < l.end; i++) if (!isSpaceOrControl(text.charCodeAt(i))) return `U+${text.charCodeAt(i).toString(16)} at ${i} after the last run of line ${li}`;
    at = l.end;
  }
  if (at !== text.length) return `lines end at ${at}, the text has ${text.length} units`;
  return undefined;
}

/** Arabic, Latin, digits, tashkeel, ZWJ/ZWNJ, emoji (surrogate pairs), lone surrogates, C0 controls, spaces, bidi marks. */
const mixedUnit = fc.oneof(
  fc.integer({ min: 0x0621, max: 0x064a }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x064b, max: 0x0652 }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(...'abcdefXYZ'.split(''), ...'0123456789٠١٢٣٤٥٦٧٨٩۰۱۲'.split('')),
  fc.constantFrom('\u200c', '\u200d', '\u200e', '\u200f', '\u061c', ' ', ' ', '\u00a0', '\t', '(', ')', '«', '»', '،', '.', '-', '%'),
  fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('\u{1F468}\u200d\u{1F469}\u200d\u{1F467}', '\u{1F44D}\u{1F3FD}', '\u0644\u0627', '\u0644\u064e\u0627'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x00, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('中', 'א', 'Ω', 'ﻻ', '\ufdfa', '\u0301', '\u20ac'),
);
const mixed = fc.array(mixedUnit, { maxLength: 120 }).map((a) => a.join(''));
const dirs = fc.constantFrom('rtl' as const, 'ltr' as const, 'auto' as const);

/** One paragraph of 1–3 items, a data field (isolate) in the middle. */
function layout(parts: string[], dir: 'rtl' | 'ltr' | 'auto', width: number, si: number): LaidOutParagraph {
  const items = parts.flatMap((t, i) => {
    const text = { kind: 'text' as const, text: t, style: styles[(si + i) % styles.length]! };
    return i === 1 ? [{ kind: 'isolate' as const, dir: 'auto' as const }, text, { kind: 'endIsolate' as const }] : [text];
  });
  return engine.layoutParagraph({ items, dir, align: 'justify', width });
}

const property = (gen: fc.Arbitrary<string>) =>
  fc.property(fc.array(gen, { minLength: 1, maxLength: 3 }), dirs, fc.integer({ min: 10, max: 500 }), fc.nat(2), (parts, dir, width, si) => {
    const p = layout(parts, dir, width, si);
    const problem = unaccounted(p);
    if (problem) throw new Error(`${problem} in ${JSON.stringify(parts)} (${dir}, width ${width})`);
  });

describe('text engine fuzz: never throws, never loses a character', () => {
  it(`any Unicode string (fc.string, unit binary; seed ${SEED}, ${RUNS} runs)`, () => {
    fc.assert(property(fc.string({ unit: 'binary', maxLength: 80 })), { seed: SEED, numRuns: RUNS });
  }, LONG);

  it(`mixed scripts, marks, joiners, emoji, lone surrogates, controls (seed ${SEED}, ${RUNS} runs)`, () => {
    fc.assert(property(mixed), { seed: SEED + 1, numRuns: RUNS });
  }, LONG);

  it('hand-picked edge cases', () => {
    for (const s of ['', '\ud800', '\udc00a', 'a\ud83d', '\u0651', '\u200d', '\u0000\u0001\u001f', '\u{1F468}\u200d\u{1F469}', 'لا\u200cلا', '\u064b\u064b\u064b', '\t\n\r', ' '.repeat(50)]) {
      for (const dir of ['rtl', 'ltr'] as const) {
        const p = layout([s], dir, 100, 0);
        expect(unaccounted(p), JSON.stringify(s)).toBeUndefined();
      }
    }
  });

  it('a character no font has is reported with its index, never drawn as a box', () => {
    const p = layout(['مرحبا 中 😀 \ud800 x'], 'rtl', 400, 0);
    expect(p.missing.map((m) => m.codePoint)).toEqual(expect.arrayContaining([0x4e2d, 0x1f600, 0xd800]));
    expect(unaccounted(p)).toBeUndefined();
  });
});
