/** Shaping by cached words gives exactly what HarfBuzz gives for the whole run. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontFile, loadFontConfig } from '../../src/text/fonts.js';
import { loadFont, shape, shapeByWords, type ShapedGlyph } from '../../src/text/shaper.js';
import { FIXTURES } from '../backends/pdf/fixtures.js';
import { inlineText } from '../../src/model/index.js';

const fonts = loadFontConfig();
const seed = readFileSync(new URL('../fixtures/seed-annex-v.txt', import.meta.url), 'utf8').split('\n').filter((l) => l.trim());
const fixtures = Object.values(FIXTURES).map((p) => inlineText(p.children));
const strip = (g: readonly ShapedGlyph[]) => g.map(({ id, cluster, xAdvance, xOffset, yOffset }) => [id, cluster, xAdvance, xOffset, yOffset]);

describe('shapeByWords', () => {
  for (const [family, bold] of [['Amiri', false], ['Amiri', true], ['Noto Naskh Arabic', false]] as const) {
    it(`equals whole-run shaping on the seed and the fixtures (${family}${bold ? ' bold' : ''})`, () => {
      const font = loadFont(fontFile(fonts, family, bold, false));
      let n = 0;
      for (const text of [...seed, ...fixtures]) {
        for (const rtl of [true, false]) {
          const req = { text, start: 0, end: text.length, rtl, lang: 'ar', ...(rtl ? { script: 'Arab' } : {}) };
          expect(strip(shapeByWords(font, req))).toEqual(strip(shape(font, req)));
          n++;
        }
      }
      expect(n).toBeGreaterThan(40);
    });
  }
});
