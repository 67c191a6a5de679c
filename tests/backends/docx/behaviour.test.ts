/**
 * The DOCX backend's rules on small models: run direction, determinism,
 * numbering across lists, sections, fields, and diagnostics.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxBackend } from '../../../src/backends/docx/index.js';
import { firstStrongDir as firstStrong, rtlCodePoints } from '../../../src/text/index.js';

const resolveDirections = (text: string, base: 'rtl' | 'ltr'): string[] => rtlCodePoints(text, base).map((r) => (r ? 'R' : 'L'));
import { readZip, writeZip } from '../../../src/backends/docx/zip.js';
import type { Block, DocumentModel, Inline, ListItemNode } from '../../../src/model/index.js';
import { annexModel } from './fixture.js';
import { onOff, unzipDocx, WordStyles, xmlPart } from './word.js';
import { child, childrenNamed, descendants, paragraphText, textOf } from './xml.js';
import type { XElement } from './xml.js';

function model(blocks: Block[], extra: Partial<DocumentModel> = {}): DocumentModel {
  return {
    meta: { title: 'اختبار', date: '2020-02-29', lang: 'ar-SA', dir: 'rtl' },
    page: { width: 595.28, height: 841.89, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
    styles: {
      normal: { font: 'Amiri', size: 14, align: 'justify', dir: 'rtl' },
      numbered: { numberFormat: '%1-', numberWidth: 20 },
      latin: { dir: 'ltr', lang: 'en' },
    },
    sections: [{ name: 'body', blocks }],
    ...extra,
  };
}

const p = (children: Inline[], style?: string): Block => ({ type: 'paragraph', children, ...(style ? { style } : {}) });
const t = (value: string): Inline => ({ type: 'text', value });

async function render(m: DocumentModel) {
  const r = await docxBackend.render(m, {});
  const parts = await unzipDocx(r.bytes);
  const doc = xmlPart(parts, 'word/document.xml');
  return { ...r, parts, doc, paragraphs: childrenNamed(child(doc, 'w:body'), 'w:p'), styles: new WordStyles(xmlPart(parts, 'word/styles.xml')) };
}

function runs(p: XElement): { text: string; rtl: boolean; bold: boolean }[] {
  return WordStyles.runs(p)
    .filter((r) => descendants(r, 'w:t').length > 0)
    .map((r) => ({
      text: descendants(r, 'w:t').map(textOf).join(''),
      rtl: onOff(child(child(r, 'w:rPr'), 'w:rtl')) ?? false,
      bold: onOff(child(child(r, 'w:rPr'), 'w:b')) ?? false,
    }));
}

/** Runs `f` with SOURCE_DATE_EPOCH set to `value` (or unset), restoring it after. */
async function withEpoch<T>(value: string | undefined, f: () => Promise<T>): Promise<T> {
  const prev = process.env['SOURCE_DATE_EPOCH'];
  try {
    if (value === undefined) delete process.env['SOURCE_DATE_EPOCH'];
    else process.env['SOURCE_DATE_EPOCH'] = value;
    return await f();
  } finally {
    if (prev === undefined) delete process.env['SOURCE_DATE_EPOCH'];
    else process.env['SOURCE_DATE_EPOCH'] = prev;
  }
}

describe('direction helpers', () => {
  it('resolves neutrals and digits between strong characters, else to the paragraph direction', () => {
    const text = 'راجع ACM-2018/AZER/REP لعام 2018';
    const dirs = resolveDirections(text, 'rtl').join('');
    // "راجع" R, space between R and L → base R, the symbol all L (digits between L's), then R to the end.
    expect(dirs).toBe(`${'R'.repeat(5)}${'L'.repeat(17)}${'R'.repeat(10)}`);
    expect(resolveDirections('ANNEXE - V', 'ltr').join('')).toBe('L'.repeat(10));
    expect(firstStrong('  2018 ACM')).toBe('ltr');
    expect(firstStrong('«٨٢٢» قرار')).toBe('rtl');
    expect(firstStrong('2018')).toBeUndefined();
  });
});

describe('docx runs', () => {
  it('splits a paragraph into rtl Arabic runs and ltr Latin runs, keeping logical order', async () => {
    const { paragraphs } = await render(model([p([t('راجع الوثيقة ACM-2018/AZER/REP لعام 2018.')])]));
    expect(runs(paragraphs[0]!)).toEqual([
      { text: 'راجع الوثيقة ', rtl: true, bold: false },
      { text: 'ACM-2018/AZER/REP', rtl: false, bold: false },
      { text: ' لعام 2018.', rtl: true, bold: false },
    ]);
  });

  it('keeps Arabic-Indic digits and parentheses in the rtl run, logical order', async () => {
    const { paragraphs } = await render(model([p([t('رقم ٨٢٢ (١٩٩٣)، و٨٥٣ (١٩٩٣)')])]));
    expect(runs(paragraphs[0]!)).toEqual([{ text: 'رقم ٨٢٢ (١٩٩٣)، و٨٥٣ (١٩٩٣)', rtl: true, bold: false }]);
  });

  it('never merges a data field into the text around it, and sets b and bCs for strong text', async () => {
    const { paragraphs } = await render(
      model([p([{ type: 'data', children: [t('نيويورك')] }, t('، '), { type: 'strong', children: [t('24 سبتمبر')] }])]),
    );
    expect(runs(paragraphs[0]!)).toEqual([
      { text: 'نيويورك', rtl: true, bold: false },
      { text: '، ', rtl: true, bold: false },
      { text: '24 سبتمبر', rtl: true, bold: true },
    ]);
    const strong = WordStyles.runs(paragraphs[0]!)[2]!;
    expect(onOff(child(child(strong, 'w:rPr'), 'w:bCs'))).toBe(true);
  });

  it('gives a left-to-right paragraph in an Arabic document its direction from its style, or from its text when auto', async () => {
    const { paragraphs, styles } = await render(
      model([p([t('ANNEXE - V')], 'latin'), { type: 'paragraph', dir: 'auto', children: [t('Draft 2')] }, p([t('نص')])]),
    );
    const [latin, auto, arabic] = paragraphs as [XElement, XElement, XElement];
    expect(onOff(styles.paragraphProp(latin, 'w:bidi'))).toBe(false);
    expect(child(child(latin, 'w:pPr'), 'w:bidi')).toBeUndefined(); // from the style, not direct
    expect(onOff(child(child(auto, 'w:pPr'), 'w:bidi'))).toBe(false); // differs from its style: direct
    expect(onOff(styles.paragraphProp(arabic, 'w:bidi'))).toBe(true);
    expect(runs(auto)).toEqual([{ text: 'Draft 2', rtl: false, bold: false }]);
  });

  it('writes PAGE and NUMPAGES fields and line breaks', async () => {
    const { paragraphs } = await render(
      model([p([t('صفحة '), { type: 'field', name: 'page' }, t(' من '), { type: 'field', name: 'pageCount' }, { type: 'lineBreak' }, t('سطر')])]),
    );
    const instr = descendants(paragraphs[0]!, 'w:instrText').map((i) => textOf(i).trim());
    expect(instr).toEqual(['PAGE', 'NUMPAGES']);
    expect(descendants(paragraphs[0]!, 'w:br')).toHaveLength(1);
    expect(paragraphText(paragraphs[0]!)).toBe('صفحة  من سطر');
  });

  it('does not stretch a justified line ended by a line break (w:doNotExpandShiftReturn, as the PDF)', async () => {
    const r = await docxBackend.render(model([p([t('سطر أول'), { type: 'lineBreak' }, t('سطر ثان')])]), {});
    const settings = xmlPart(await unzipDocx(r.bytes), 'word/settings.xml');
    expect(onOff(child(child(settings, 'w:compat'), 'w:doNotExpandShiftReturn'))).toBe(true);
  });
});

describe('docx numbering', () => {
  const item = (list: string, number: number, text: string, more: string[] = []): ListItemNode => ({
    type: 'listItem',
    list,
    number,
    style: 'numbered',
    children: [p([t(text)]) as never, ...more.map((m) => p([t(m)]) as never)],
  });

  it('gives each list its own w:num, starting at its first number, and continues across interruptions', async () => {
    const { paragraphs, parts } = await render(
      model([item('a', 1, 'أ'), item('a', 2, 'ب', ['تابع']), p([t('فاصل')]), item('a', 3, 'ج'), item('b', 5, 'د'), item('b', 6, 'هـ')]),
    );
    const numOf = (q: XElement) => child(child(child(q, 'w:pPr'), 'w:numPr'), 'w:numId')?.attrs['w:val'];
    const ids = paragraphs.map(numOf);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBeUndefined(); // continuation
    expect(ids[3]).toBeUndefined(); // ordinary paragraph
    expect(ids[4]).toBe(ids[0]);
    expect(ids[5]).toBe(ids[6]);
    expect(ids[5]).not.toBe(ids[0]);
    const numbering = xmlPart(parts, 'word/numbering.xml');
    const num = childrenNamed(numbering, 'w:num').find((n) => n.attrs['w:numId'] === ids[5])!;
    expect(child(child(num, 'w:lvlOverride'), 'w:startOverride')?.attrs['w:val']).toBe('5');
    // Continuation: aligned with the text (indent = number width), unnumbered.
    expect(child(child(paragraphs[2]!, 'w:pPr'), 'w:ind')?.attrs['w:start']).toBe('400');
  });
});

describe('docx sections', () => {
  it('gives a section without header or footer none, even after one that has them', async () => {
    const m = model([], {
      sections: [
        { name: 'cover', blocks: [p([t('غلاف')])] },
        { name: 'body', blocks: [p([t('نص')])], header: [p([t('رأس')])], footer: [p([{ type: 'field', name: 'page' }])] },
        { name: 'annex', blocks: [p([t('ملحق')])] },
      ],
    });
    const { doc, parts } = await render(m);
    const sects = descendants(doc, 'w:sectPr');
    expect(sects.map((s) => childrenNamed(s, 'w:headerReference').length)).toEqual([0, 1, 1]);
    const rels = xmlPart(parts, 'word/_rels/document.xml.rels');
    const target = (s: XElement) =>
      childrenNamed(rels, 'Relationship').find((r) => r.attrs['Id'] === child(s, 'w:headerReference')!.attrs['r:id'])!.attrs['Target']!;
    const third = xmlPart(parts, `word/${target(sects[2]!)}`);
    expect(paragraphText(descendants(third, 'w:p')[0]!)).toBe('');
    const second = xmlPart(parts, `word/${target(sects[1]!)}`);
    expect(paragraphText(descendants(second, 'w:p')[0]!)).toBe('رأس');
  });
});

describe('docx tables and page breaks', () => {
  it('writes a right-to-left table with the model columns, cells as styled paragraphs, and page breaks', async () => {
    const cell = (text: string) => ({ type: 'tableCell' as const, children: [{ type: 'paragraph' as const, children: [t(text)] }] });
    const { doc, diagnostics } = await render(
      model([
        { type: 'table', columns: [1, 3], rows: [{ type: 'tableRow', cells: [cell('البند'), cell('الوصف')] }] },
        { type: 'pageBreak' },
        p([t('بعد')]),
      ]),
    );
    expect(diagnostics).toEqual([]);
    const tbl = descendants(doc, 'w:tbl')[0]!;
    expect(child(child(tbl, 'w:tblPr'), 'w:bidiVisual')).toBeDefined();
    // Text width 451.28 pt = 9026 twips, split 1:3.
    expect(childrenNamed(child(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => g.attrs['w:w'])).toEqual(['2257', '6770']);
    expect(descendants(tbl, 'w:p').map(paragraphText)).toEqual(['البند', 'الوصف']);
    expect(descendants(doc, 'w:br').map((b) => b.attrs['w:type'])).toEqual(['page']);
  });
});

describe('docx diagnostics', () => {
  it('reports an unknown node instead of dropping it silently', async () => {
    const bogus = { type: 'video', source: { file: 'x.json', pointer: '/v' } } as unknown as Block;
    const bogusInline = { type: 'sparkle' } as unknown as Inline;
    const r = await docxBackend.render(model([bogus, p([t('نص'), bogusInline])]), {});
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['UNSUPPORTED_NODE', 'error'],
      ['UNSUPPORTED_NODE', 'error'],
    ]);
    expect(r.diagnostics[0]!.source).toEqual({ file: 'x.json', pointer: '/v' });
    expect(r.diagnostics[0]!.message).toContain('"video"');
  });

  it('reports an undefined style once and uses Normal', async () => {
    const r = await render(model([p([t('أ')], 'nope'), p([t('ب')], 'nope')]));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_STYLE']);
    expect(child(child(r.paragraphs[0]!, 'w:pPr'), 'w:pStyle')?.attrs['w:val']).toBe('Normal');
  });

  it('reports a font that fonts.json does not know, without embedding it', async () => {
    const m = model([p([t('أ')])]);
    const r = await render({ ...m, styles: { ...m.styles, normal: { ...m.styles['normal'], font: 'No Such Font' } } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FONT_MISSING']);
    expect([...r.parts.keys()].some((k) => k.endsWith('.odttf'))).toBe(false);
  });
});

describe('docx determinism', () => {
  it('gives the same bytes for the same input, with fixed zip dates and order', async () => {
    const [a, b] = await withEpoch(undefined, () =>
      Promise.all([docxBackend.render(annexModel(), {}), docxBackend.render(annexModel(), {})]),
    );
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const zip = await JSZip.loadAsync(a.bytes);
    const names = Object.keys(zip.files);
    expect(names.slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    expect(names.slice(2)).toEqual([...names.slice(2)].sort());
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2018-09-24T00:00:00.000Z');
  });

  it('dates the package from SOURCE_DATE_EPOCH, else the document date, else a fixed epoch — never the clock', async () => {
    const m = model([p([t('أ')])]);
    const bad = { ...m, meta: { ...m.meta, date: 'soon' } };
    const created = (r: { parts: Map<string, Uint8Array> }) => textOf(child(xmlPart(r.parts, 'docProps/core.xml'), 'dcterms:created')!);
    await withEpoch(undefined, async () => {
      const r1 = await render(bad);
      expect(r1.diagnostics.map((d) => d.code)).toEqual(['BAD_DATE']);
      expect(created(r1)).toBe('1980-01-01T00:00:00Z');
      expect(created(await render(m))).toBe('2020-02-29T00:00:00Z');
    });
    await withEpoch('1537747200', async () => {
      const r2 = await render(bad);
      expect(r2.diagnostics).toEqual([]);
      expect(created(r2)).toBe('2018-09-24T00:00:00Z');
      const zip = await JSZip.loadAsync(r2.bytes);
      for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2018-09-24T00:00:00.000Z');
    });
  });

  it('zip writer and reader round-trip, stored and deflated', async () => {
    const entries = [
      { name: 'a.txt', data: new TextEncoder().encode('x'.repeat(1000)) },
      { name: 'b/ب.bin', data: new Uint8Array([1, 2, 3]) },
    ];
    const bytes = writeZip(entries, new Date(Date.UTC(2018, 8, 24)));
    expect(readZip(bytes)).toEqual(entries);
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('b/ب.bin')!.async('uint8array')).toEqual(new Uint8Array([1, 2, 3]));
  });
});
