/** Field markers: content control + hidden bookmark, deterministic ids, names in the document's language. */
import { describe, expect, test } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { readFileSync } from 'node:fs';
import { MarkRegistry, bookmarkName, fieldLabel, markField, markTag, parseTag } from '../../../src/backends/docx/marking.js';
import { readZip } from '../../../src/backends/docx/zip.js';
import { child, childrenNamed, descendants, parseXml, textOf } from './xml.js';
import type { XElement } from './xml.js';

async function body(children: ReturnType<typeof markField>[number][][]): Promise<{ xml: string; tree: XElement }> {
  const doc = new Document({ sections: [{ children: children.map((c) => new Paragraph({ children: c })) }] });
  const files = readZip(new Uint8Array(await Packer.toBuffer(doc)));
  const xml = new TextDecoder().decode(files.find((f) => f.name === 'word/document.xml')!.data);
  return { xml, tree: parseXml(xml) };
}

const val = (el: XElement | undefined, name: string): string | undefined => child(el, name)?.attrs['w:val'];

describe('markField', () => {
  test('an inline rich-text control: alias, tag, id, sdtLocked; a hidden bookmark inside around the runs', async () => {
    const reg = new MarkRegistry('ar');
    const runs = reg.mark('/venue', 'المكان', false, [new TextRun({ text: 'نيويورك، ', rightToLeft: true }), new TextRun('UN HQ')]);
    const { tree } = await body([[new TextRun('قبل '), ...runs, new TextRun(' بعد')]]);
    const [p] = descendants(tree, 'w:p');
    const sdt = child(p, 'w:sdt')!;
    const pr = child(sdt, 'w:sdtPr')!;
    expect(val(pr, 'w:alias')).toBe('المكان');
    expect(val(pr, 'w:tag')).toBe('/venue#0');
    expect(val(pr, 'w:id')).toBe('1000');
    expect(val(pr, 'w:lock')).toBe('sdtLocked');
    // Never temporary, never bound, never a plain-text control (LibreOffice triples Arabic in those).
    for (const no of ['w:temporary', 'w:dataBinding', 'w:text', 'w:comboBox', 'w:dropDownList']) expect(child(pr, no)).toBeUndefined();
    const content = child(sdt, 'w:sdtContent')!;
    const names = content.children.map((c) => (typeof c === 'string' ? '#text' : c.name));
    expect(names).toEqual(['w:bookmarkStart', 'w:r', 'w:r', 'w:bookmarkEnd']);
    const start = child(content, 'w:bookmarkStart')!;
    expect(start.attrs['w:name']).toBe(bookmarkName('/venue#0'));
    expect(start.attrs['w:name']).toMatch(/^_F[0-9a-f]{12}$/); // hidden (leading _), under Word's 40 characters
    expect(child(content, 'w:bookmarkEnd')!.attrs['w:id']).toBe(start.attrs['w:id']);
    expect(textOf(content)).toBe('نيويورك، UN HQ');
    // Template text stays outside, in the same paragraph.
    expect(childrenNamed(p, 'w:r').map(textOf)).toEqual(['قبل ', ' بعد']);
  });

  test('derived text is locked against editing too', async () => {
    const { tree } = await body([markField({ pointer: '/date', occurrence: 0, label: 'التاريخ', derived: true, lang: 'ar' }, [new TextRun('24 سبتمبر 2018')])]);
    expect(val(child(descendants(tree, 'w:sdt')[0], 'w:sdtPr'), 'w:lock')).toBe('sdtContentLocked');
  });

  test('occurrences are counted per pointer and ids numbered in order; markers listed', () => {
    const reg = new MarkRegistry('ar');
    reg.mark('/title', 'العنوان', false, []);
    reg.mark('/venue', 'المكان', false, []);
    reg.mark('/title', 'العنوان', false, []);
    expect(reg.markers().map((m) => [m.tag, m.id])).toEqual([['/title#0', 1000], ['/venue#0', 1001], ['/title#1', 1002]]);
    expect(new Set(reg.markers().map((m) => m.bookmark)).size).toBe(3);
  });

  test('same marks, same bytes: ids do not come from the docx library\'s process-wide counter', async () => {
    const make = async (): Promise<string> => {
      const reg = new MarkRegistry('ar');
      return (await body([reg.mark('/a', 'A', false, [new TextRun('x')]), reg.mark('/b', 'B', true, [new TextRun('y')])])).xml;
    };
    const first = await make();
    await body([markField({ pointer: '/other', occurrence: 3, label: 'O', derived: false, lang: 'en' }, [new TextRun('z')])]);
    expect(await make()).toBe(first);
    // Without a registry, the id is derived from the tag: the same every time.
    const a = (await body([markField({ pointer: '/p', occurrence: 0, label: 'P', derived: false, lang: 'en' }, [])])).xml;
    const b = (await body([markField({ pointer: '/p', occurrence: 0, label: 'P', derived: false, lang: 'en' }, [])])).xml;
    expect(a).toBe(b);
  });

  test('no marker spans paragraphs: a field in a paragraph is closed inside it', async () => {
    const reg = new MarkRegistry('ar');
    const { tree } = await body([reg.mark('/a', 'A', false, [new TextRun('x')]), reg.mark('/b', 'B', false, [new TextRun('y')])]);
    for (const p of descendants(tree, 'w:p')) {
      const starts = descendants(p, 'w:bookmarkStart').map((e) => e.attrs['w:id']);
      const ends = descendants(p, 'w:bookmarkEnd').map((e) => e.attrs['w:id']);
      expect(starts).toEqual(ends);
    }
  });
});

describe('tags and labels', () => {
  test('tags round-trip, pointers with "#", "/" (~1) and "~" (~0) included', () => {
    for (const [p, o] of [['/title', 0], ['/paragraphs/2/continuation/0', 1], ['/a#b/c~1d~0', 12], ['', 0]] as const) {
      expect(parseTag(markTag(p, o))).toEqual({ pointer: p, occurrence: o });
    }
    expect(parseTag('Editor control')).toBeUndefined();
    expect(parseTag('title#0')).toBeUndefined();
  });

  test('labels name the field with the template\'s names, counting from 1', () => {
    const ar = JSON.parse(readFileSync('templates/oic-annex/lang/ar.json', 'utf8')).fields as Record<string, string>;
    const fr = JSON.parse(readFileSync('templates/oic-annex/lang/fr.json', 'utf8')).fields as Record<string, string>;
    const resAr = JSON.parse(readFileSync('templates/oic-resolution/lang/ar.json', 'utf8')).fields as Record<string, string>;
    expect(fieldLabel('/paragraphs/2/continuation/0', ar)).toBe('الفقرة 3 – فقرة تكميلية 1');
    expect(fieldLabel('/paragraphs/0/text', ar)).toBe('الفقرة 1');
    expect(fieldLabel('/paragraphs/0/text', fr)).toBe('Paragraphe 1');
    expect(fieldLabel('/operative/2/lead', resAr)).toBe('فقرة عاملة 3 – الكلمة الاستهلالية');
    expect(fieldLabel('/customField', fr)).toBe('customField');
    expect(fieldLabel('/paragraphs/0/text', {})).toBe('paragraphs 1');
  });
});
