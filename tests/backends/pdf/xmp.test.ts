/** Data is text in the metadata too: a title with `&`, `<` or quotes keeps the XMP well-formed XML. */
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import type { DocumentModel } from '../../../src/model/index.js';

const TITLE = 'Rapport <b> & "annexe" — تقرير';

const model: DocumentModel = {
  meta: { title: TITLE, author: 'OIC & partners', subject: 'a < b', keywords: ['ACM&1'], date: '2018-09-24', lang: 'ar', dir: 'rtl' },
  page: { width: 595.28, height: 841.89, margins: { top: 70.87, right: 70.87, bottom: 70.87, left: 70.87 } },
  styles: { normal: { font: 'Amiri', size: 14, lang: 'ar', dir: 'rtl' } },
  sections: [{ name: 'body', blocks: [{ type: 'paragraph', children: [{ type: 'text', value: 'تقرير' }] }] }],
};

describe('XMP metadata with markup-looking text', () => {
  it('is well-formed XML and holds the title as typed; the Info dictionary too', async () => {
    const pdf = await PDFDocument.load((await renderPdf(model)).bytes, { updateMetadata: false });
    const stream = pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    const xml = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
    const parser = new SaxesParser({ xmlns: true });
    let text = '';
    parser.on('text', (t) => (text += t));
    expect(() => parser.write(xml).close()).not.toThrow();
    expect(text).toContain(TITLE);
    expect(text).toContain('OIC & partners');
    expect(pdf.getTitle()).toBe(TITLE);
    expect(pdf.getAuthor()).toBe('OIC & partners');
  });
});
