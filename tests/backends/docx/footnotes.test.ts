/**
 * Footnotes in the DOCX, its parts read as XML trees: real Word footnotes
 * (footnotes.xml, one w:footnote per note, ids in document order, each
 * beginning with Word's own number mark and a tab to a hanging indent),
 * a w:footnoteReference right after
 * the words the data names, the section's number format from the template's
 * digits (`hindiNumbers` in Arabic), and right-to-left separators and note
 * paragraphs in Arabic. The samples: tests/fixtures/footnotes.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../../src/backends/docx/index.js';
import { loadDocument } from '../../../src/pipeline.js';
import { type ResolutionData, longResolution, notesOf, writeData } from '../../fixtures/footnotes.js';
import { WordStyles, onOff, unzipDocx, xmlPart } from './word.js';
import { type XElement, child, childrenNamed, descendants, paragraphText, textOf } from './xml.js';

const CONTROLS = /[\u2066-\u2069]/g;
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml';

describe.each([
  { lang: 'ar' as const, numFmt: 'hindiNumbers', rtl: true },
  { lang: 'en' as const, numFmt: 'decimal', rtl: false },
])('Word footnotes ($lang)', ({ lang, numFmt, rtl }) => {
  let data: ResolutionData;
  let parts: Map<string, Uint8Array>;
  let notes: XElement[];
  let separators: XElement[];
  let body: XElement;

  beforeAll(async () => {
    data = longResolution(lang);
    const { model, bytes } = await loadDocument(writeData(data, `cfm-notes.${lang}.json`), { templatesDir: 'templates' });
    parts = await unzipDocx((await renderDocx(model, { sourceData: bytes, sourceName: `cfm-notes.${lang}.json`, templatesDir: 'templates' })).bytes);
    const all = childrenNamed(xmlPart(parts, 'word/footnotes.xml'), 'w:footnote');
    separators = all.filter((f) => f.attrs['w:type'] !== undefined);
    notes = all.filter((f) => f.attrs['w:type'] === undefined);
    body = xmlPart(parts, 'word/document.xml');
  }, 120_000);

  it('has the footnotes part, declared and related', () => {
    expect(textOf(xmlPart(parts, '[Content_Types].xml')) + JSON.stringify(xmlPart(parts, '[Content_Types].xml'))).toContain(CONTENT_TYPE);
    const rels = childrenNamed(xmlPart(parts, 'word/_rels/document.xml.rels'), 'Relationship');
    expect(rels.filter((r) => r.attrs['Target'] === 'footnotes.xml')).toHaveLength(1);
  });

  it('writes one footnote per note, ids 1… in document order, each with its text as typed', () => {
    const expected = notesOf(data);
    expect(notes.map((n) => n.attrs['w:id'])).toEqual(expected.map((_, i) => String(i + 1)));
    notes.forEach((n, i) => {
      const [p, ...more] = childrenNamed(n, 'w:p');
      expect(more).toEqual([]);
      expect(child(child(p, 'w:pPr'), 'w:pStyle')?.attrs['w:val']).toBe('Footnote');
      // Word's number mark first (the docx library's w:footnoteRef), then a tab, then the text.
      const runs = childrenNamed(p, 'w:r');
      expect(descendants(runs[0]!, 'w:footnoteRef')).toHaveLength(1);
      expect(child(child(runs[0], 'w:rPr'), 'w:rStyle')?.attrs['w:val']).toBe('FootnoteReference');
      expect(descendants(runs[1]!, 'w:tab')).toHaveLength(1);
      expect(paragraphText(p!).replace(CONTROLS, '')).toBe(expected[i]!.text);
    });
  });

  it(`hangs each note's number at the ${rtl ? 'right' : 'left'} margin, the note's lines indented after it`, () => {
    // A hanging indent as wide as the first line's number and gap: the tab after the number goes to
    // it (Word's implicit tab stop at a hanging indent), and the following lines start there too.
    // w:start is the right side of a w:bidi paragraph.
    const hangs = notes.map((n) => child(child(child(n, 'w:p'), 'w:pPr'), 'w:ind')?.attrs ?? {});
    for (const ind of hangs) {
      const start = Number(ind['w:start'] ?? ind['w:left']);
      expect(Number(ind['w:hanging'])).toBeGreaterThan(100);
      expect(start).toBe(Number(ind['w:hanging']));
      expect(ind['w:firstLine']).toBeUndefined();
    }
    // The same indent for every note: two-digit numbers (notes 10…) set the width of all.
    expect(new Set(hangs.map((i) => i['w:hanging'])).size).toBe(1);
  });

  it("puts each reference right after the words the data names (else at the paragraph's end), in order", () => {
    const paragraphs = descendants(body, 'w:p').filter((p) => descendants(p, 'w:footnoteReference').length > 0);
    const refs: string[] = [];
    let k = 0;
    const expected = notesOf(data);
    for (const p of paragraphs) {
      let before = '';
      for (const el of descendants(p, 'w:r')) {
        const ref = child(el, 'w:footnoteReference');
        if (ref) {
          refs.push(ref.attrs['w:id']!);
          const note = expected[k++]!;
          const text = before.replace(CONTROLS, '');
          if (note.after !== undefined) expect(text.endsWith(note.after), `${text} / ${note.after}`).toBe(true);
          else expect(paragraphText(p).replace(CONTROLS, '').startsWith(text)).toBe(true);
          expect(child(child(el, 'w:rPr'), 'w:rStyle')?.attrs['w:val']).toBe('FootnoteReference');
        }
        before += descendants(el, 'w:t').map(textOf).join('');
      }
    }
    expect(refs).toEqual(expected.map((_, i) => String(i + 1)));
  });

  it(`numbers them in the template's digits (${numFmt}) in every section`, () => {
    const sects = descendants(body, 'w:sectPr');
    expect(sects.length).toBeGreaterThan(0);
    for (const s of sects) expect(child(child(s, 'w:footnotePr'), 'w:numFmt')?.attrs['w:val']).toBe(numFmt);
    // CT_SectPr order: footnotePr after the header/footer references, before the page size.
    const names = descendants(body, 'w:sectPr')[0]!.children.filter((c): c is XElement => typeof c !== 'string').map((c) => c.name);
    expect(names.indexOf('w:footnotePr')).toBeLessThan(names.indexOf('w:pgSz'));
    expect(names.indexOf('w:footnotePr')).toBeGreaterThan(names.lastIndexOf('w:footerReference'));
  });

  it(`makes the separators ${rtl ? 'right to left (the rule at the right margin)' : 'left to right'}, without a number mark`, () => {
    expect(separators.map((s) => s.attrs['w:type'])).toEqual(['separator', 'continuationSeparator']);
    for (const s of separators) {
      const p = child(s, 'w:p')!;
      expect(onOff(child(child(p, 'w:pPr'), 'w:bidi')) ?? false).toBe(rtl);
      expect(descendants(s, 'w:footnoteRef')).toEqual([]);
      expect(descendants(s, s.attrs['w:type'] === 'separator' ? 'w:separator' : 'w:continuationSeparator')).toHaveLength(1);
    }
  });

  it(`sets the note paragraphs ${rtl ? 'right to left, Arabic runs w:rtl' : 'left to right'}`, () => {
    const styles = new WordStyles(xmlPart(parts, 'word/styles.xml'));
    for (const n of notes) {
      const p = child(n, 'w:p')!;
      expect(onOff(styles.paragraphProp(p, 'w:bidi')) ?? false).toBe(rtl);
      for (const r of childrenNamed(p, 'w:r')) {
        const t = descendants(r, 'w:t').map(textOf).join('');
        if (/[\u0600-\u06ff]/.test(t)) expect(onOff(child(child(r, 'w:rPr'), 'w:rtl'))).toBe(true);
      }
    }
  });
});
