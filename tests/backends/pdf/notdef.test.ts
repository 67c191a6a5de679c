/**
 * Never a box: whatever text reaches the PDF backend (a model built by code,
 * text that slipped past the data checks), glyph 0 (.notdef, drawn by most
 * fonts as an empty box) is never drawn; a character the fonts cannot draw
 * fails the build with a MISSING_GLYPHS error instead.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { drawnGlyphs } from '../../helpers/pdf.js';
import { fixturesModel } from './fixtures.js';

const model = (text: string): DocumentModel => ({
  ...fixturesModel,
  sections: [{ name: 'body', blocks: [{ type: 'paragraph', children: [{ type: 'data', children: [{ type: 'text', value: text }], source: { file: 'x.json', pointer: '/p' } }] }] }],
});

/** Text as it arrives pasted: Arabic and Latin words, digits, controls, invisible characters. */
const piece = fc.constantFrom('تقرير', 'ACM-2018', ' ', '١٢', '\t', '\u0007', '\u000b', '\r', '\u0085', '\u200b', '\u00ad', '\u200d', '\u2028', '\ufeff', '\u0000', 'é', '中');

describe('glyph 0 is never drawn', () => {
  test('a tab, a bell or a vertical tab fails the build naming the field, and nothing of it is drawn as a box', async () => {
    for (const ch of ['\t', '\u0007', '\u000b']) {
      const r = await renderPdf(model(`قبل${ch}بعد`), { pdfa: 'none' });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => [d.code, d.source?.pointer]), JSON.stringify(ch)).toEqual([['MISSING_GLYPHS', '/p']]);
      expect((await drawnGlyphs(r.bytes)).filter((g) => g.code === 0)).toEqual([]);
    }
  });

  test('on arbitrary pasted text: either an error, or no glyph 0 in the PDF; never both silent and boxed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 12 }), async (pieces) => {
        const r = await renderPdf(model(pieces.join('')), { pdfa: 'none' });
        const drawnZero = (await drawnGlyphs(r.bytes)).some((g) => g.code === 0);
        expect(drawnZero).toBe(false);
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
