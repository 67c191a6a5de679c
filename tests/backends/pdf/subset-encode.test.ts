/**
 * The direct subset writer (src/backends/pdf/subset-encode.ts) gives the
 * bytes fontkit's TTFSubset.encode gives, for every font the project ships,
 * on the whole font and on scattered glyph lists (composites included), with
 * and without the hooks the PDF backend adds to a subset (the glyph cache and
 * the shifted composite glyphs).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { encodeSubsetsDirectly } from '../../../src/backends/pdf/subset-encode.js';
import { cacheSubsetGlyphs, shiftGlyphs } from '../../../src/backends/pdf/subset-glyphs.js';

const require = createRequire(import.meta.url);
// pdfkit's own fontkit.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
  create(b: Buffer): { numGlyphs: number; createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } };
};

const FONTS = [
  '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf',
  '@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf',
  '@expo-google-fonts/amiri/400Regular_Italic/Amiri_400Regular_Italic.ttf',
  '@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf',
  '@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf',
];

/** A deterministic scatter of n glyph ids below max. */
function scatter(n: number, max: number, seed: number): number[] {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(x % max);
  }
  return out;
}

describe.each(FONTS)('%s', (path) => {
  const file = require.resolve(path);
  const bytes = readFileSync(file);
  const font = fontkit.create(bytes);
  const lists: [string, number[]][] = [
    ['every glyph', Array.from({ length: font.numGlyphs }, (_, i) => i)],
    ['400 scattered glyphs', scatter(400, font.numGlyphs, 7)],
    ['a few glyphs', [0, 3, 3, 1, font.numGlyphs - 1]],
  ];

  it.each(lists)('%s: the same bytes as fontkit', (_name, ids) => {
    const subset = (hooks: boolean, direct: boolean): Uint8Array => {
      const s = fontkit.create(bytes).createSubset();
      for (const id of ids) s.includeGlyph(id);
      if (hooks) {
        cacheSubsetGlyphs(s, file);
        shiftGlyphs(s, (slot) => (slot % 5 === 1 ? { dx: slot % 17, dy: -(slot % 11) } : undefined));
      }
      if (direct) expect(encodeSubsetsDirectly(s)).toBe(true);
      return s.encode();
    };
    const fontkitBytes = Buffer.from(subset(false, false));
    expect(Buffer.from(subset(false, true)).equals(fontkitBytes)).toBe(true);
    expect(Buffer.from(subset(true, true)).equals(Buffer.from(subset(true, false)))).toBe(true);
  });
});

describe('not a TrueType subset of fontkit', () => {
  it('leaves anything else as it is', () => {
    const other = { encode: () => new Uint8Array(1) };
    expect(encodeSubsetsDirectly(other)).toBe(false);
    expect(encodeSubsetsDirectly(undefined)).toBe(false);
  });
});
