/**
 * The bidi policy for data (README, "Bidi policy"), through both backends:
 * a data field is an isolate in the direction of the text it stands in, so
 * a field that begins or ends with a Latin word, a code or digits reads the
 * same in the PDF and in the Word draft; FSI only where the template says
 * `<span dir="auto">`.
 *
 * The PDF is read as drawn (the engine's laid-out lines, which the PDF
 * backend draws glyph for glyph) and as copied (pdf.js); the DOCX as Word and
 * LibreOffice get it: its runs, their `w:rtl`, and the visual order that the
 * Unicode bidi algorithm gives the paragraph's text (with whatever isolate
 * characters the DOCX carries) in the paragraph's direction.
 */
import { describe, expect, test } from 'vitest';
import { docxBackend } from '../../src/backends/docx/index.js';
import { renderModel } from '../../src/pipeline.js';
import { resolveDocument } from '../../src/resolve/index.js';
import { paragraphLevels, reorderRuns } from '../../src/text/index.js';
import { child, childrenNamed, descendants, textOf } from '../backends/docx/xml.js';
import { unzipDocx, xmlPart } from '../backends/docx/word.js';
import { renderWithDump } from '../backends/pdf/util.js';
import { makeTemplates } from '../template/util.js';

const SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    template: { type: 'string' }, lang: { enum: ['ar', 'en'] },
    fields: { type: 'array', items: { type: 'string' } },
    inText: { type: 'array', items: { type: 'string' } },
    auto: { type: 'array', items: { type: 'string' } },
  },
});
const STYLES = JSON.stringify({
  page: { width: 595.28, height: 841.89, margins: { top: 72, right: 72, bottom: 72, left: 72 } },
  styles: { normal: { font: 'Amiri', size: 14, align: 'start', spaceAfter: 6 } },
});
/** Whole-paragraph fields, fields inside template text (Arabic or English), and fields the template marks dir="auto". */
const MAIN = `<document><meta><title>t</title><date>2020-01-01</date><lang>{{lang}}</lang><dir>{{#if (eq lang "ar")}}rtl{{else}}ltr{{/if}}</dir></meta>
<section name="s">
{{#each fields}}<p>{{this}}</p>{{/each}}
{{#if (eq lang "ar")}}{{#each inText}}{{#if (eq @index 0)}}<p>قرار رقم {{this}}</p>{{/if}}{{#if (eq @index 1)}}<p>رقم {{this}} 24 بند</p>{{/if}}{{#if (eq @index 2)}}<p>انعقد الاجتماع في {{this}} في جدة.</p>{{/if}}{{#if (eq @index 3)}}<p>الهاتف: {{this}} (المكتب)</p>{{/if}}{{/each}}
{{else}}{{#each inText}}<p>The meeting in {{this}} ended on 14 May.</p>{{/each}}{{/if}}
{{#each auto}}<p><span dir="auto">{{this}}</span></p>{{/each}}
</section></document>`;
const root = makeTemplates({ 'main.hbs': MAIN, 'schema.json': SCHEMA, 'styles.json': STYLES });

interface Doc { readonly fields?: readonly string[]; readonly inText?: readonly string[]; readonly auto?: readonly string[] }

/** Fields as a secretary writes them: beginning or ending with Latin, a code, digits, punctuation. */
const ARABIC: Doc = {
  fields: [
    'COVID-19: الاجتماع الاستثنائي للجنة التنفيذية',
    'OIC، جدة، المملكة العربية السعودية',
    'COMSTECH هي اللجنة الدائمة للتعاون العلمي.',
    'تقرير الأمانة العامة (SG/REP/2019)',
  ],
  inText: ['1/18-COMSTECH', 'ACM-2018', '12–14 مايو 2026', '+90 312 294 5710'],
};
const ENGLISH: Doc = {
  fields: ['جدة، Saudi Arabia, hosted the meeting.', 'OIC Secretariat, جدة'],
  inText: ['مكة المكرمة'],
};
function doc(lang: 'ar' | 'en', d: Doc) {
  return renderModel({ template: 't', lang, fields: d.fields ?? [], inText: d.inText ?? [], auto: d.auto ?? [] }, 'd.json', { templatesDir: root });
}

/** Characters in visual (left-to-right) order, spaces and invisible controls left out. */
const visible = (chars: string[]): string => chars.join('').replace(/[\s\u2066-\u2069\u200e\u200f\u061c]/g, '');

/** The PDF's drawn order, one line per paragraph. */
async function pdfOrders(lang: 'ar' | 'en', items: Doc): Promise<{ orders: string[] }> {
  const r = await renderWithDump(doc(lang, items), { pdfa: 'none' });
  const orders = r.dump.map((d) => {
    expect(d.paragraph.lines).toHaveLength(1);
    const chars: string[] = [];
    for (const run of d.paragraph.lines[0]!.runs) chars.push(...(run.level % 2 === 1 ? [...run.text].reverse() : [...run.text]));
    return visible(chars);
  });
  return { orders };
}

/** The DOCX's paragraphs: runs (text, w:rtl), and the bidi algorithm's visual order of their text. */
async function docxParagraphs(lang: 'ar' | 'en', items: Doc) {
  const r = await docxBackend.render(doc(lang, items), {});
  const body = xmlPart(await unzipDocx(r.bytes), 'word/document.xml');
  return descendants(body, 'w:p').filter((p) => textOf(p) !== '').map((p) => {
    const runs = childrenNamed(p, 'w:r').map((run) => ({ text: textOf(run), rtl: child(child(run, 'w:rPr'), 'w:rtl') !== undefined }));
    const text = runs.map((x) => x.text).join('');
    // The style says rtl for an Arabic document (docDefaults); a paragraph may override it.
    const bidi = child(child(p, 'w:pPr'), 'w:bidi');
    const dir = bidi ? (bidi.attrs['w:val'] === '0' ? 'ltr' : 'rtl') : lang === 'ar' ? 'rtl' : 'ltr';
    const levels = Array.from(paragraphLevels(text, dir).levels);
    const order = reorderRuns(levels).map((i) => text[i]!);
    return { runs, text, order: visible(order) };
  });
}

describe('data fields take the direction of their paragraph', () => {
  test('resolved once: RLI in an Arabic paragraph, LRI in an English one, FSI only for dir="auto"', () => {
    const ar = resolveDocument(doc('ar', { fields: ['COVID-19: اجتماع'], auto: ['COVID-19: اجتماع'] }));
    const en = resolveDocument(doc('en', { fields: ['جدة، Saudi Arabia'] }));
    const isolateOf = (d: typeof ar, i: number) => {
      const p = d.sections[0]!.blocks[i]!;
      return p.kind === 'paragraph' ? p.inlines.find((n) => n.kind === 'isolate') : undefined;
    };
    expect(isolateOf(ar, 0)).toMatchObject({ kind: 'isolate', dir: 'rtl', data: { source: { file: 'd.json', pointer: '/fields/0' } } });
    expect(isolateOf(ar, 1)).toMatchObject({ kind: 'isolate', dir: 'auto', data: { source: { pointer: '/auto/0' } } });
    expect(isolateOf(en, 0)).toMatchObject({ kind: 'isolate', dir: 'ltr' });
  });

  test.each([['ar', ARABIC], ['en', ENGLISH]] as const)('the Word draft orders every %s fixture as the PDF draws it', async (lang, d) => {
    const { orders } = await pdfOrders(lang, d);
    const paragraphs = await docxParagraphs(lang, d);
    expect(paragraphs.map((p) => p.order)).toEqual(orders);
  });

  test('a paragraph-long field that starts with a Latin word reads right to left in Arabic (PDF and DOCX)', async () => {
    const one = { fields: [ARABIC.fields![2]!] };
    const { orders } = await pdfOrders('ar', one);
    // Drawn right to left: the Latin word at the right (the start), the full stop at the far left (the end).
    expect(orders[0]!.startsWith('.')).toBe(true);
    expect(orders[0]!.endsWith('COMSTECH')).toBe(true);
    const [p] = await docxParagraphs('ar', one);
    expect(p!.runs).toEqual([{ text: 'COMSTECH', rtl: false }, { text: ' هي اللجنة الدائمة للتعاون العلمي.', rtl: true }]);
  });

  test('a field between Arabic and a number stays apart from the number (24 does not join ACM-2018)', async () => {
    const one = { inText: ['x', 'ACM-2018'] };
    const { orders } = await pdfOrders('ar', one);
    const rev = (w: string) => [...w].reverse().join('');
    // Visual, left to right: بند 24 ACM-2018 رقم (Arabic letters reversed as drawn).
    expect(orders[1]).toBe(`${rev('بند')}24ACM-2018${rev('رقم')}`);
    const [, p] = await docxParagraphs('ar', one);
    // The plain text would let Word join "ACM-2018 24" into one left-to-right run: the field's isolate goes into the DOCX.
    expect(p!.text).toBe('رقم \u2067ACM-2018\u2069 24 بند');
  });

  test('dir="auto" lets a field take its own first strong direction', async () => {
    const { orders } = await pdfOrders('ar', { auto: ['COVID-19: اجتماع'] });
    // An LTR isolate: "COVID-19:" at the left, the Arabic word after it.
    expect(orders[0]!.startsWith('COVID-19:')).toBe(true);
  });
});

describe('LRM, RLM and ALM in data are kept, and contained by the field isolate (both backends)', () => {
  test.each(['ar', 'en'] as const)('the text around a field draws the same with or without a mark in it (%s)', async (lang) => {
    const fields = ['ABC', 'نص', 'A 1'];
    const plain = { inText: fields };
    const { orders: base } = await pdfOrders(lang, plain);
    for (const mark of ['\u200E', '\u200F', '\u061C']) {
      for (const d of [{ inText: fields.map((f) => `${f}${mark}`) }, { inText: fields.map((f) => `${mark}${f}`) }]) {
        const { orders } = await pdfOrders(lang, d);
        expect(orders, JSON.stringify(d)).toEqual(base);
        expect((await docxParagraphs(lang, d)).map((p) => p.order), JSON.stringify(d)).toEqual(orders);
        // The marks are in the Word draft as typed.
        expect((await docxParagraphs(lang, d)).map((p) => p.text).join('')).toContain(mark);
      }
    }
  });
});
