/**
 * A family without a bold or italic face (fonts.json) is no error, but a
 * document that prints such text is told which face prints it instead —
 * and only then: a configured family that is never used that way is quiet.
 */
import { describe, expect, test } from 'vitest';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { fixturesModel } from './fixtures.js';

const withNoto = (children: DocumentModel['sections'][number]['blocks'][number]): DocumentModel => ({
  ...fixturesModel,
  styles: { ...fixturesModel.styles, normal: { ...fixturesModel.styles['normal'], font: 'Noto Naskh Arabic' } },
  sections: [{ name: 'body', blocks: [children] }],
});

describe('missing faces', () => {
  test('italic text in a family with no italic face: a FONT_MISSING warning naming fonts.json and the face printed instead', async () => {
    const r = await renderPdf(withNoto({ type: 'paragraph', children: [{ type: 'text', value: 'نص ' }, { type: 'emphasis', children: [{ type: 'text', value: 'مائل' }] }] }), { pdfa: 'none' });
    const w = r.diagnostics.filter((d) => d.code === 'FONT_MISSING');
    expect(w).toHaveLength(1);
    expect(w[0]!.severity).toBe('warning');
    expect(w[0]!.message).toMatch(/"Noto Naskh Arabic" has no italic face: italic text is printed with its regular face/);
    expect(w[0]!.source?.file).toMatch(/fonts[/\\]fonts\.json$/);
  });

  test('no italic text, no warning', async () => {
    const r = await renderPdf(withNoto({ type: 'paragraph', children: [{ type: 'text', value: 'نص عادي' }, { type: 'strong', children: [{ type: 'text', value: ' عريض' }] }] }), { pdfa: 'none' });
    expect(r.diagnostics.filter((d) => d.code === 'FONT_MISSING')).toEqual([]);
  });
});
