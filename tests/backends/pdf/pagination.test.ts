/**
 * Page breaks a typesetter accepts: no paragraph's first line alone at the
 * foot of a page (orphan), no last line alone at the top of the next (widow),
 * no heading left at the foot of a page. Checked on the real PDF: its lines
 * read back with pdf.js, matched to the paragraphs the engine laid out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../../../src/model/index.js';
import { renderWithDump } from './util.js';
import { bodyLines, pdfLines, type PdfLine } from './util.js';

const sentence = 'اجتمع فريق الاتصال المعني في نيويورك على هامش الاجتماع السنوي وأكد دعمه للجهود المبذولة';
const blocks: Block[] = [];
for (let i = 0; i < 60; i++) {
  if (i % 7 === 3) blocks.push({ type: 'heading', level: 1, style: 'heading', children: [{ type: 'text', value: `الفصل ${i}` }] });
  // Paragraphs of 1 to 6 lines, so breaks fall everywhere.
  blocks.push({ type: 'paragraph', children: [{ type: 'text', value: Array.from({ length: 1 + ((i * 5) % 6) * 2 }, () => sentence).join(' ') }] });
}
const model: DocumentModel = {
  meta: { title: 'Pagination', date: '2018-09-24', lang: 'ar', dir: 'rtl' },
  page: { width: 595.28, height: 841.89, margins: { top: 70.87, right: 70.87, bottom: 70.87, left: 70.87 } },
  styles: {
    normal: { font: 'Amiri', size: 14, align: 'justify', lineHeight: 1.15, spaceAfter: 6, lang: 'ar', dir: 'rtl' },
    heading: { size: 16, bold: true, align: 'center', spaceBefore: 6, spaceAfter: 6 },
  },
  sections: [{ name: 'body', blocks }],
};

let paragraphs: { heading: boolean; lines: PdfLine[] }[] = [];
beforeAll(async () => {
  const r = await renderWithDump(model, {});
  const lines = bodyLines(await pdfLines(r.bytes), 60, 800);
  let at = 0;
  paragraphs = r.dump.filter((d) => !d.running).map((d) => {
    const mine = lines.slice(at, (at += d.paragraph.lines.length));
    return { heading: d.label.startsWith('heading'), lines: mine };
  });
  expect(at).toBe(lines.length);
});

describe('page breaks', () => {
  it('the document spans several pages', () => {
    const pages = new Set(paragraphs.flatMap((p) => p.lines.map((l) => l.page)));
    expect(pages.size).toBeGreaterThan(5);
  });
  it('leave no orphan and no widow', () => {
    const bad: string[] = [];
    paragraphs.forEach((p, i) => {
      const pages = p.lines.map((l) => l.page);
      if (pages.length >= 2 && pages[0] !== pages[1]) bad.push(`paragraph ${i}: first line alone on page ${pages[0]}`);
      if (pages.length >= 2 && pages[pages.length - 1] !== pages[pages.length - 2]) bad.push(`paragraph ${i}: last line alone on page ${pages[pages.length - 1]}`);
    });
    expect(bad).toEqual([]);
  });
  it('keep a heading with the paragraph after it', () => {
    const bad: string[] = [];
    paragraphs.forEach((p, i) => {
      const next = paragraphs[i + 1];
      if (p.heading && next) {
        const headingPage = p.lines[p.lines.length - 1]!.page;
        if (next.lines[0]!.page !== headingPage) bad.push(`heading ${i} on page ${headingPage}, its paragraph on ${next.lines[0]!.page}`);
      }
    });
    expect(bad).toEqual([]);
  });
});
