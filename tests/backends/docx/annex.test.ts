/**
 * What the annex's Word draft must show, checked on the unzipped XML as Word
 * resolves it (direct properties, then the paragraph style chain, then the
 * document defaults): for the hand-built model and for the model the
 * pipeline builds from data/acm-2018-azer-rep-annex-v.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxBackend } from '../../../src/backends/docx/index.js';
import { obfuscateFont } from '../../../src/backends/docx/package.js';
import type { RenderResult } from '../../../src/backends/types.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { loadDocument } from '../../../src/pipeline.js';
import { fontFile, loadFontConfig } from '../../../src/text/fonts.js';
import { annexData, annexModel, ROOT } from './fixture.js';
import { onOff, unzipDocx, WordStyles, xmlPart } from './word.js';
import { child, childrenNamed, descendants, paragraphText, textOf } from './xml.js';
import type { XElement } from './xml.js';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const data = annexData();
/** The data paragraphs of the body, in reading order, with whether Word numbers them. */
const DATA_PARAGRAPHS = data.paragraphs.flatMap((p) => [
  { text: p.text, numbered: true },
  ...(p.continuation ?? []).map((c) => ({ text: c, numbered: false })),
]);

const MODELS: readonly (readonly [string, () => Promise<DocumentModel>])[] = [
  ['hand-built model', async () => annexModel()],
  ['pipeline model (templates/oic-annex)', async () => (await loadDocument(join(ROOT, 'data', 'acm-2018-azer-rep-annex-v.json'))).model],
];

for (const [label, makeModel] of MODELS) {
  describe(`docx annex: ${label}`, () => {
    let result: RenderResult;
    let parts: Map<string, Uint8Array>;
    let doc: XElement;
    let styles: WordStyles;
    let body: XElement[];
    let header: XElement;
    let footer: XElement;

    beforeAll(async () => {
      delete process.env['SOURCE_DATE_EPOCH']; // dated by the document (checked below)
      result = await docxBackend.render(await makeModel(), {});
      parts = await unzipDocx(result.bytes);
      doc = xmlPart(parts, 'word/document.xml');
      styles = new WordStyles(xmlPart(parts, 'word/styles.xml'));
      body = childrenNamed(child(doc, 'w:body'), 'w:p');
      header = xmlPart(parts, 'word/header1.xml');
      footer = xmlPart(parts, 'word/footer1.xml');
    });

    const allParagraphs = (): XElement[] => [...body, ...descendants(header, 'w:p'), ...descendants(footer, 'w:p')];

    it('renders without diagnostics', () => {
      expect(result.diagnostics).toEqual([]);
    });

    it('has every data paragraph once in document.xml, in logical order', () => {
      const texts = body.map(paragraphText);
      let last = -1;
      for (const p of DATA_PARAGRAPHS) {
        const hits = texts.flatMap((t, i) => (t === p.text ? [i] : []));
        expect(hits, p.text.slice(0, 40)).toHaveLength(1);
        expect(hits[0]!).toBeGreaterThan(last);
        last = hits[0]!;
      }
    });

    it('makes every Arabic paragraph w:bidi', () => {
      const arabic = allParagraphs().filter((p) => ARABIC.test(paragraphText(p)));
      expect(arabic.length).toBeGreaterThan(DATA_PARAGRAPHS.length);
      for (const p of arabic) expect(onOff(styles.paragraphProp(p, 'w:bidi')), paragraphText(p).slice(0, 40)).toBe(true);
    });

    it('makes every run holding Arabic w:rtl, with a cs font, szCs, and bCs wherever it is bold', () => {
      let n = 0;
      for (const p of allParagraphs()) {
        for (const r of WordStyles.runs(p)) {
          const text = descendants(r, 'w:t').map(textOf).join('');
          if (!ARABIC.test(text)) continue;
          n++;
          expect(onOff(child(child(r, 'w:rPr'), 'w:rtl')), text.slice(0, 30)).toBe(true);
          const fonts = styles.runProp(p, r, 'w:rFonts');
          expect(fonts?.attrs['w:cs']).toBe('Amiri');
          expect(fonts?.attrs['w:ascii']).toBe('Amiri');
          const szCs = styles.runProp(p, r, 'w:szCs');
          expect(Number(szCs?.attrs['w:val'])).toBeGreaterThan(0);
          expect(szCs?.attrs['w:val']).toBe(styles.runProp(p, r, 'w:sz')?.attrs['w:val']);
          expect(onOff(styles.runProp(p, r, 'w:bCs')) ?? false).toBe(onOff(styles.runProp(p, r, 'w:b')) ?? false);
        }
      }
      expect(n).toBeGreaterThan(DATA_PARAGRAPHS.length);
    });

    it('writes the document language in w:lang w:bidi, for every run and in the document defaults', () => {
      for (const p of allParagraphs()) {
        for (const r of WordStyles.runs(p)) expect(styles.runProp(p, r, 'w:lang')?.attrs['w:bidi']).toBe('ar-SA');
      }
      const defaults = child(child(child(styles.styles, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr');
      expect(child(defaults, 'w:lang')?.attrs['w:bidi']).toBe('ar-SA');
    });

    it('keeps the Latin symbol block left to right (not w:rtl, not w:bidi)', () => {
      const symbolBlock = body.filter((p) => [data.symbol, data.annex].includes(paragraphText(p)));
      expect(symbolBlock.map(paragraphText)).toEqual([data.symbol, data.annex]);
      const headerSymbol = descendants(header, 'w:p').filter((p) => paragraphText(p) === data.symbol);
      expect(headerSymbol).toHaveLength(1);
      for (const p of [...symbolBlock, ...headerSymbol]) {
        expect(onOff(styles.paragraphProp(p, 'w:bidi'))).toBe(false);
        for (const r of WordStyles.runs(p)) expect(onOff(child(child(r, 'w:rPr'), 'w:rtl')) ?? false).toBe(false);
      }
      // At the top left of the cover: first paragraphs, aligned to the start of a left-to-right paragraph.
      expect(body.indexOf(symbolBlock[0]!)).toBe(0);
      expect(styles.paragraphProp(symbolBlock[0]!, 'w:jc')?.attrs['w:val']).toBe('start');
    });

    it('numbers the numbered paragraphs 1..7 through one numbering definition (%1-, start edge, hanging)', () => {
      const numbering = xmlPart(parts, 'word/numbering.xml');
      const numbered = body.filter((p) => child(child(p, 'w:pPr'), 'w:numPr'));
      expect(numbered.map(paragraphText)).toEqual(DATA_PARAGRAPHS.filter((p) => p.numbered).map((p) => p.text));
      const numIds = new Set(numbered.map((p) => child(child(child(p, 'w:pPr'), 'w:numPr'), 'w:numId')!.attrs['w:val']));
      expect(numIds.size).toBe(1);
      const numId = [...numIds][0]!;
      const num = childrenNamed(numbering, 'w:num').find((n) => n.attrs['w:numId'] === numId)!;
      expect(num).toBeDefined();
      const abstractId = child(num, 'w:abstractNumId')!.attrs['w:val'];
      const abstract = childrenNamed(numbering, 'w:abstractNum').find((a) => a.attrs['w:abstractNumId'] === abstractId)!;
      const lvl = childrenNamed(abstract, 'w:lvl').find((l) => l.attrs['w:ilvl'] === '0')!;
      expect(child(lvl, 'w:numFmt')?.attrs['w:val']).toBe('decimal');
      expect(child(lvl, 'w:lvlText')?.attrs['w:val']).toBe('%1-');
      expect(['left', 'start']).toContain(child(lvl, 'w:lvlJc')?.attrs['w:val']);
      const ind = child(child(lvl, 'w:pPr'), 'w:ind')!;
      expect(ind.attrs).toEqual({ 'w:start': '560', 'w:hanging': '560' });
      // Word's numbering: the start (override) of the num, then one per paragraph of the list.
      const start = Number(child(child(num, 'w:lvlOverride'), 'w:startOverride')?.attrs['w:val'] ?? child(lvl, 'w:start')?.attrs['w:val'] ?? 1);
      expect(numbered.map((_, i) => start + i)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const p of numbered) {
        expect(child(child(child(p, 'w:pPr'), 'w:numPr'), 'w:ilvl')?.attrs['w:val']).toBe('0');
        expect(styles.paragraphProp(p, 'w:jc')?.attrs['w:val']).toBe('both');
      }
    });

    it('leaves continuation paragraphs unnumbered and aligned with the numbered text', () => {
      const continuations = DATA_PARAGRAPHS.filter((p) => !p.numbered).map((p) => body.find((q) => paragraphText(q) === p.text)!);
      expect(continuations).toHaveLength(4);
      for (const p of continuations) {
        expect(child(child(p, 'w:pPr'), 'w:numPr')).toBeUndefined();
        expect(styles.paragraphProp(p, 'w:ind')?.attrs['w:start']).toBe('560');
        expect(styles.paragraphProp(p, 'w:jc')?.attrs['w:val']).toBe('both');
      }
    });

    it('gives every paragraph a named style defined once in styles.xml', () => {
      const ids = childrenNamed(styles.styles, 'w:style').map((s) => s.attrs['w:styleId']);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of allParagraphs()) {
        const id = child(child(p, 'w:pPr'), 'w:pStyle')?.attrs['w:val'];
        expect(id).toBeDefined();
        expect(styles.style(id!)?.attrs['w:type']).toBe('paragraph');
      }
      const used = new Set(allParagraphs().map((p) => child(child(p, 'w:pPr'), 'w:pStyle')!.attrs['w:val']));
      for (const id of ['Normal', 'Title', 'Symbol', 'Numbered', 'Continuation', 'Heading', 'Header', 'Footer']) {
        expect(styles.style(id), id).toBeDefined();
      }
      expect([...used].sort()).toEqual(['Continuation', 'DocumentType', 'Footer', 'Header', 'Heading', 'Numbered', 'Organization', 'Symbol', 'Title', 'Venue']);
      expect(child(styles.style('Numbered'), 'w:name')?.attrs['w:val']).toBe('Numbered paragraph');
      // No direct run formatting beyond direction: fonts and sizes come from the styles.
      for (const p of allParagraphs()) {
        for (const r of WordStyles.runs(p)) {
          for (const prop of ['w:rFonts', 'w:sz', 'w:szCs', 'w:b', 'w:bCs']) expect(child(child(r, 'w:rPr'), prop)).toBeUndefined();
        }
      }
    });

    it('lays out the page as the PDF: A4, 2.5 cm margins, cover section, body from a new page with header and PAGE footer', () => {
      const sects = descendants(doc, 'w:sectPr');
      expect(sects).toHaveLength(2);
      for (const s of sects) {
        expect(child(s, 'w:pgSz')?.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
        expect(child(s, 'w:pgMar')?.attrs).toMatchObject({ 'w:top': '1417', 'w:right': '1417', 'w:bottom': '1417', 'w:left': '1417' });
        // No w:type: a section starts on a new page. Right-to-left sections.
        expect(child(s, 'w:type')).toBeUndefined();
        expect(onOff(child(s, 'w:bidi'))).toBe(true);
      }
      const [cover, bodySect] = sects as [XElement, XElement];
      expect(childrenNamed(cover, 'w:headerReference')).toHaveLength(0);
      expect(childrenNamed(cover, 'w:footerReference')).toHaveLength(0);
      expect(childrenNamed(bodySect, 'w:headerReference')).toHaveLength(1);
      expect(childrenNamed(bodySect, 'w:footerReference')).toHaveLength(1);
      // The cover ends with the venue line; the body starts with the heading.
      const coverEnd = body.findIndex((p) => child(child(p, 'w:pPr'), 'w:sectPr'));
      expect(paragraphText(body[coverEnd + 1]!)).toBe(`${data.documentType} ${data.title}`);
      expect(descendants(footer, 'w:instrText').map(textOf).map((s) => s.trim())).toEqual(['PAGE']);
    });

    it('embeds the Amiri faces it uses, obfuscated with keys that decode to the font files', () => {
      const table = xmlPart(parts, 'word/fontTable.xml');
      const amiri = childrenNamed(table, 'w:font').find((f) => f.attrs['w:name'] === 'Amiri')!;
      expect(amiri).toBeDefined();
      const rels = xmlPart(parts, 'word/_rels/fontTable.xml.rels');
      const config = loadFontConfig();
      const faces: [string, boolean][] = [['w:embedRegular', false], ['w:embedBold', true]];
      for (const [el, bold] of faces) {
        const embed = child(amiri, el)!;
        expect(embed, el).toBeDefined();
        const rel = childrenNamed(rels, 'Relationship').find((r) => r.attrs['Id'] === embed.attrs['r:id'])!;
        const odttf = parts.get(`word/${rel.attrs['Target']}`)!;
        expect(rel.attrs['Target']).toMatch(/\.odttf$/);
        const ttf = readFileSync(fontFile(config, 'Amiri', bold, false));
        expect(Buffer.from(odttf.subarray(0, 32)).equals(ttf.subarray(0, 32))).toBe(false);
        expect(Buffer.from(obfuscateFont(odttf, embed.attrs['w:fontKey']!)).equals(ttf)).toBe(true);
      }
      const settings = xmlPart(parts, 'word/settings.xml');
      expect(child(settings, 'w:embedTrueTypeFonts')).toBeDefined();
      const types = xmlPart(parts, '[Content_Types].xml');
      expect(childrenNamed(types, 'Default').some((d) => d.attrs['Extension'] === 'odttf')).toBe(true);
    });

    it('writes the document properties from the data, dated by the document', () => {
      const core = xmlPart(parts, 'docProps/core.xml');
      const value = (name: string) => textOf(child(core, name) ?? { name, attrs: {}, children: [] });
      expect(value('dc:title')).toBe(`${data.documentType} ${data.title}`);
      expect(value('dc:subject')).toContain(data.venue);
      expect(value('dc:creator')).toBe(data.organization);
      expect(value('cp:keywords')).toBe(data.symbol);
      expect(value('dc:language')).toBe('ar');
      expect(value('dcterms:created')).toBe('2018-09-24T00:00:00Z');
      expect(value('dcterms:modified')).toBe('2018-09-24T00:00:00Z');
    });
  });
}
