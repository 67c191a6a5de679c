/**
 * Kashida justification, property tests on paragraphs a secretary would type
 * (words of the annex, names, e-mails, phone numbers, digits, Latin, data
 * fields in isolates, forced breaks), in Amiri and Noto Naskh Arabic.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type InlineItem, type LaidOutLine, type LaidOutParagraph, TextEngine, type TextStyle } from '../../src/text/index.js';
import { loadFontConfig } from '../../src/text/fonts.js';
import { registerJustifier } from '../../src/text/justify.js';
import { DEFAULT_KASHIDA, type KashidaOptions, kashidaJustifier } from '../../src/text/kashida-justify.js';
import { joiningGroup, joiningType } from '../../src/text/kashida.js';
import { type LoadedFont, shape, tatweelSafeOffsets } from '../../src/text/shaper.js';

const RUNS = Number(process.env['KASHIDA_RUNS'] ?? 60);
const SEED = Number(process.env['KASHIDA_SEED'] ?? 20261201);

const engine = new TextEngine(loadFontConfig());
const fontStyles: TextStyle[] = [
  { family: 'Amiri', bold: false, italic: false, size: 14, lang: 'ar' },
  { family: 'Noto Naskh Arabic', bold: false, italic: false, size: 12, lang: 'ar' },
  { family: 'Amiri', bold: true, italic: false, size: 13, lang: 'ar' },
];

const WORDS = (
  'اجتمع فريق الاتصال منظمة التعاون الإسلامي المعني بعدوان جمهورية أرمينيا على أذربيجان في سبتمبر ' +
  'المستوى الوزاري هامش اجتماع التنسيق السنوي نيويورك بحضور وفود جيبوتي غامبيا المملكة المغربية العربية ' +
  'السعودية التركية باكستان ماليزيا دولة قطر الأمين العام لا للاحتلال السلام عليكم مُحَمَّد بِسْمِ اللّٰهِ ' +
  'الأراضي المحتلة القرارات ذات الصلة وأكد مجلس الأمن الدولي والتعاون أوروبا لأذربيجان وسلامة أراضيها'
).split(' ');
const LATIN = ['OIC', 'ACM-2018/AZER/REP', 'info@oic-oci.org', '+966 12 651 5222', 'https://www.oic-oci.org', '24', '2018', '(1992)', '٢٠١٨'];

const tatweelIds = new Map<string, Set<number>>();
/** Glyph ids the font uses for 1 to 3 tatweels. */
function tatweelGlyphs(font: LoadedFont): Set<number> {
  let s = tatweelIds.get(font.path);
  if (!s) {
    s = new Set();
    for (let n = 1; n <= 4; n++) for (const g of shape(font, { text: 'ـ'.repeat(n), start: 0, end: n, rtl: true, script: 'Arab', lang: 'ar' })) s.add(g.id);
    tatweelIds.set(font.path, s);
  }
  return s;
}

type Run = LaidOutLine['runs'][number];
type Glyph = Run['glyphs'][number];
const logicalGlyphs = (r: Run): Glyph[] => (r.level % 2 === 1 ? [...r.glyphs].reverse() : [...r.glyphs]);

/**
 * The glyphs kashida inserted in run `r`, found by aligning it with the same
 * run laid out with spaces only (`plain`): every other glyph is the same, in
 * the same order (Amiri draws some joins with a tatweel glyph of its own).
 */
function insertedGlyphs(r: Run, plain: Run | undefined): Set<Glyph> {
  const out = new Set<Glyph>();
  const a = logicalGlyphs(r);
  const b = plain ? logicalGlyphs(plain) : [];
  let j = 0;
  for (const g of a) {
    if (j < b.length && b[j]!.id === g.id) j++;
    else out.add(g);
  }
  expect(j).toBe(b.length);
  for (const g of out) {
    expect(g.text).toBe('');
    expect(tatweelGlyphs(r.font).has(g.id)).toBe(true);
  }
  return out;
}

/** The run's text with the inserted tatweels put back (as many U+0640 as each glyph is wide), and where they are. */
function withTatweels(r: Run, inserted: Set<Glyph>): { text: string; at: number[]; counts: number[] } {
  let text = '';
  const at: number[] = [];
  const counts: number[] = [];
  let prevInserted = false;
  const unit = shape(r.font, { text: 'ـ', start: 0, end: 1, rtl: true, script: 'Arab', lang: 'ar' })[0]!.xAdvance;
  for (const g of logicalGlyphs(r)) {
    if (inserted.has(g)) {
      const n = Math.max(1, Math.floor(g.xAdvance / unit));
      if (!prevInserted) { at.push(text.length); counts.push(0); }
      counts[counts.length - 1]! += n;
      text += 'ـ'.repeat(n);
      prevInserted = true;
    } else {
      text += g.text;
      prevInserted = false;
    }
  }
  return { text, at, counts };
}

const paragraph = fc.record({
  style: fc.constantFrom(...fontStyles),
  width: fc.integer({ min: 160, max: 460 }),
  parts: fc.array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...WORDS).map((w) => ({ kind: 'word' as const, w })) },
      { weight: 1, arbitrary: fc.constantFrom(...LATIN).map((w) => ({ kind: 'word' as const, w })) },
      { weight: 1, arbitrary: fc.constantFrom(...WORDS, ...LATIN).map((w) => ({ kind: 'field' as const, w })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'break' as const, w: '' }) },
    ),
    { minLength: 1, maxLength: 70 },
  ),
});

function items(parts: { kind: 'word' | 'field' | 'break'; w: string }[], style: TextStyle): InlineItem[] {
  const out: InlineItem[] = [];
  parts.forEach((p, i) => {
    if (p.kind === 'break') { out.push({ kind: 'break' }); return; }
    if (i > 0 && parts[i - 1]!.kind !== 'break') out.push({ kind: 'text', text: ' ', style });
    if (p.kind === 'field') out.push({ kind: 'isolate', dir: 'auto' }, { kind: 'text', text: p.w, style }, { kind: 'endIsolate' });
    else out.push({ kind: 'text', text: p.w, style });
  });
  return out;
}

/** The name of a kashida justifier with these options (registered once). */
const registered = new Map<string, string>();
function justifierName(opts: KashidaOptions): string {
  const key = JSON.stringify(opts);
  let name = registered.get(key);
  if (!name) {
    name = key === JSON.stringify(DEFAULT_KASHIDA) ? 'kashida' : `kashida-test-${registered.size}`;
    registerJustifier(kashidaJustifier(opts, name));
    registered.set(key, name);
  }
  return name;
}

function lay(parts: { kind: 'word' | 'field' | 'break'; w: string }[], style: TextStyle, width: number, kashida?: KashidaOptions): LaidOutParagraph {
  return engine.layoutParagraph({ items: items(parts, style), dir: 'rtl', align: 'justify', width, ...(kashida ? { justify: justifierName(kashida) } : {}) });
}

const settings: [string, KashidaOptions][] = [
  ['default', DEFAULT_KASHIDA],
  ['all to kashida', { ...DEFAULT_KASHIDA, spaceStretch: 0, share: 1 }],
];

describe.each(settings)('kashida justification (%s)', (_name, opts) => {
  it('keeps every justified line flush, never stretches last or forced-break lines, one join per word, only safe joins, marks on their letters, glyphs as HarfBuzz shapes the stretched text', () => {
    let stretched = 0;
    fc.assert(
      fc.property(paragraph, ({ style, width, parts }) => {
        const p = lay(parts, style, width, opts);
        const plain = lay(parts, style, width);
        // The same lines as with spaces only (kashida never changes the breaking).
        expect(p.lines.map((l) => [l.start, l.end])).toEqual(plain.lines.map((l) => [l.start, l.end]));
        p.lines.forEach((l, li) => {
          // Kashida may fill a line the spaces alone may not stretch so far (MAX_SPACE_STRETCH); never the other way round.
          if (plain.lines[li]!.justified) expect(l.justified).toBe(true);
          if (l.justified) expect(Math.abs(l.right - l.left - width)).toBeLessThan(0.5);
          const plainRuns = plain.lines[li]!.runs;
          const inserted = new Set(l.runs.flatMap((r) => [...insertedGlyphs(r, plainRuns.find((x) => x.start === r.start && x.end === r.end))]));
          if (l.last || !l.justified) expect(inserted.size).toBe(0);
          for (const r of l.runs) {
            if (r.start < 0) continue;
            const { text: stretchedText, at, counts } = withTatweels(r, inserted);
            // Copy and search: the glyphs stand for exactly the data.
            expect(logicalGlyphs(r).map((g) => g.text).join('')).toBe(r.text);
            if (at.length === 0) continue;
            stretched += at.length;
            expect(r.level % 2).toBe(1);
            expect(counts.every((n) => n >= 1 && n <= opts.maxPerJoin)).toBe(true);
            // At most one join per word.
            const words = new Map<number, number>();
            const safe = tatweelSafeOffsets(r.font, { text: p.text, start: r.start, end: r.end, rtl: true, script: 'Arab', lang: 'ar' });
            let shift = 0;
            at.forEach((a, k) => {
              const orig = a - shift; // offset in r.text
              shift += counts[k]!;
              const wordStart = r.text.lastIndexOf(' ', orig - 1) + 1;
              words.set(wordStart, (words.get(wordStart) ?? 0) + 1);
              // No short word stretched.
              const wordEnd = r.text.indexOf(' ', orig) < 0 ? r.text.length : r.text.indexOf(' ', orig);
              expect(r.text.slice(wordStart, wordEnd).match(/\p{L}/gu)!.length).toBeGreaterThanOrEqual(opts.minLetters);
              // HarfBuzz flags the join safe, in context.
              expect(safe.has(r.start + orig)).toBe(true);
              // Before it a letter that joins forward (after its marks), never lam-alef, never before a mark.
              const before = [...r.text.slice(0, orig)].filter((c) => joiningType(c.codePointAt(0)!) !== 'T').pop()!;
              const after = r.text.codePointAt(orig)!;
              expect(['D', 'C']).toContain(joiningType(before.codePointAt(0)!));
              expect(joiningType(after)).not.toBe('T');
              expect(['D', 'R', 'C']).toContain(joiningType(after));
              expect(joiningGroup(before.codePointAt(0)!) === 'LAM' && joiningGroup(after) === 'ALEF').toBe(false);
            });
            for (const n of words.values()) expect(n).toBe(1);
            // The glyphs are HarfBuzz's shaping of the text with the tatweels inserted.
            const full = p.text.slice(0, r.start) + stretchedText + p.text.slice(r.end);
            const hb = shape(r.font, { text: full, start: r.start, end: r.start + stretchedText.length, rtl: true, script: 'Arab', lang: 'ar' });
            expect(r.glyphs.map((g) => g.id)).toEqual(hb.map((g) => g.id));
            r.glyphs.forEach((g, i) => {
              expect([g.xOffset, g.yOffset]).toEqual([hb[i]!.xOffset, hb[i]!.yOffset]);
              if (g.text !== ' ' && g.text !== '\u00a0') expect(g.xAdvance).toBe(hb[i]!.xAdvance);
            });
          }
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator does reach lines that take kashida.
    expect(stretched).toBeGreaterThan(RUNS / 10);
  });
});

describe('kashida justification: what it leaves alone', () => {
  const style = fontStyles[0]!;
  const text = 'اجتمع فريق الاتصال منظمة التعاون الإسلامي المعني بعدوان جمهورية أرمينيا على جمهورية أذربيجان في نيويورك';
  const lines = (kashida?: KashidaOptions, s: TextStyle = style) => engine.layoutParagraph({ items: [{ kind: 'text', text, style: s }], dir: 'rtl', align: 'justify', width: 300, ...(kashida ? { justify: justifierName(kashida) } : {}) }).lines;
  const plainLines = lines();
  /** Glyphs kashida added (the lines are the same as with spaces only). */
  const count = (ls: readonly LaidOutLine[], plain: readonly LaidOutLine[] = plainLines) => ls.reduce((n, l, li) => n + l.runs.reduce((m, r) => m + insertedGlyphs(r, plain[li]!.runs.find((x) => x.start === r.start)).size, 0), 0);

  it('stretches a justified Arabic paragraph, and narrows its widest spaces', () => {
    const k = lines({ ...DEFAULT_KASHIDA, spaceStretch: 0 });
    expect(count(k)).toBeGreaterThan(0);
    const widest = (ls: readonly LaidOutLine[]) => Math.max(...ls.filter((l) => l.justified).flatMap((l) => l.runs.flatMap((r) => r.glyphs.filter((g) => g.text === ' ').map((g) => (g.xAdvance * r.size) / r.font.upem))));
    expect(widest(k)).toBeLessThan(widest(plainLines));
  });

  it('does nothing in a font that has not opted in, nor when the spaces are comfortable', () => {
    // The same fonts with no family opted in (fonts.json without "kashida": true).
    const { kashida: optedIn, ...noOptIn } = loadFontConfig();
    expect(optedIn?.size).toBeGreaterThan(0);
    const e = new TextEngine(noOptIn);
    const ls = e.layoutParagraph({ items: [{ kind: 'text', text, style }], dir: 'rtl', align: 'justify', width: 300, justify: 'kashida' }).lines;
    expect(count(ls)).toBe(0);
    expect(count(lines({ ...DEFAULT_KASHIDA, spaceStretch: 100 }))).toBe(0);
    expect(count(lines({ ...DEFAULT_KASHIDA, share: 0 }))).toBe(0);
    // The style's kashidaShare replaces the justifier's share.
    const shareZero = engine.layoutParagraph({ items: [{ kind: 'text', text, style }], dir: 'rtl', align: 'justify', width: 300, justify: justifierName({ ...DEFAULT_KASHIDA, spaceStretch: 0 }), kashidaShare: 0 }).lines;
    expect(count(shareZero)).toBe(0);
  });

  it('stretches no Latin text', () => {
    const en: TextStyle = { ...style, lang: 'en' };
    const spec = { items: [{ kind: 'text' as const, text: 'The contact group met in New York on 24 September 2018 at the ministerial level on the sidelines of the annual coordination meeting', style: en }], dir: 'ltr' as const, align: 'justify' as const, width: 300 };
    const ls = engine.layoutParagraph({ ...spec, justify: justifierName({ ...DEFAULT_KASHIDA, spaceStretch: 0 }) }).lines;
    expect(ls.some((l) => l.justified)).toBe(true);
    expect(count(ls, engine.layoutParagraph(spec).lines)).toBe(0);
  });
});

describe('the per-font opt-in in fonts.json', () => {
  const write = (kashida: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'kashida-fonts-'));
    writeFileSync(join(dir, 'fonts.json'), JSON.stringify({ families: { Amiri: { normal: 'npm:@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf', kashida } } }, null, 2));
    return dir;
  };
  it('collects the files of the families that opt in', () => {
    const dir = write(true);
    try {
      const c = loadFontConfig(dir);
      expect([...(c.kashida ?? [])]).toEqual([c.families['Amiri']!.normal]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses anything but true or false, saying where', () => {
    const dir = write('yes');
    try {
      expect(() => loadFontConfig(dir)).toThrowError(/"kashida" of "Amiri" must be true or false/);
      try { loadFontConfig(dir); } catch (e) { expect((e as { pointer?: string }).pointer).toBe('/families/Amiri/kashida'); }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
