/**
 * Invisible characters typed in the data (what text pasted from Word holds:
 * ZWNJ in Persian words, a soft hyphen) come back in a copy exactly once,
 * where they were typed. pdf.js (Firefox) drops a glyph
 * whose text ends with a format character, so each is carried to the front
 * of the next glyph's text (extraction.ts, carryInvisibles).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphNode } from '../../../src/model/index.js';
import { pdfiumPages } from '../../helpers/pdfium.js';
import { extractItems, joinItems } from '../../helpers/pdf.js';
import { fixturesModel } from './fixtures.js';
import { renderWithDump } from './util.js';

const PERSIAN = 'می‌خواهم این گزارش را بخوانم';
const ARABIC = 'تم اعتماد التقرير‌ النهائي للدورة بالإجماع.';
const ENGLISH = 'The report was adopted­ unanimously and sent to the‌ members.';

const P = (value: string, extra: Partial<ParagraphNode> = {}): ParagraphNode => ({ type: 'paragraph', children: [{ type: 'text', value }], ...extra });
const model: DocumentModel = {
  ...fixturesModel,
  sections: [{ name: 'body', blocks: [P(PERSIAN, { lang: 'fa' }), P(ARABIC), P(ENGLISH, { dir: 'ltr', lang: 'en', style: 'english' })] }],
};

const count = (s: string, c: string): number => s.split(c).length - 1;
let pdfjs: string;
let pdfium: string;

beforeAll(async () => {
  const { bytes } = await renderWithDump(model);
  pdfjs = joinItems(await extractItems(bytes)).replace(/\s+/g, ' ');
  pdfium = (await pdfiumPages(bytes)).join(' ').replace(/\s+/g, ' ');
});

describe('invisible characters typed in the data', () => {
  it.each([
    ['a ZWNJ inside a Persian word', PERSIAN],
    ['a ZWNJ after an Arabic word', ARABIC],
    ['a soft hyphen and a ZWNJ in English', ENGLISH],
  ])('pdf.js copies %s as typed', (_, text) => {
    expect(pdfjs).toContain(text);
  });

  it('PDFium copies each exactly once, in its place', () => {
    expect(pdfium).toContain(PERSIAN);
    expect(pdfium).toContain(ENGLISH);
    expect(count(pdfium, '\u200c')).toBe(3);
    expect(count(pdfium, '\u00ad')).toBe(1);
  });
});
