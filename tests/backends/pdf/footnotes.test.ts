/**
 * Footnotes in the real PDF, read back with pdf.js: every note's text on
 * the page where its marker is drawn (the marker: the note's number in the
 * template's digits, smaller and raised, in the line), below the page's
 * last line of text and above the footer, after a short rule at the right
 * (Arabic) or left (English) margin; the notes as extractable text (each
 * word of the data found, no presentation forms, no U+200B) and tagged as
 * `Note` structure elements. The samples are long resolutions
 * (tests/fixtures/footnotes.ts) whose markers fall on pages' last lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createRequire } from 'node:module';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { drawnGlyphs } from '../../helpers/pdf.js';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import { loadDocument } from '../../../src/pipeline.js';
import { formatNumber } from '../../../src/resolve/index.js';
import { MAX_ATTEMPTS } from '../../../src/backends/pdf/note-area.js';
import { type ResolutionData, longResolution, notesOf, writeData } from '../../fixtures/footnotes.js';

interface Item { page: number; text: string; x: number; y: number; width: number; size: number }
interface Read { items: Item[]; pageHeight: number; pageWidth: number; roles: string[][]; rules: { page: number; x1: number; x2: number; y: number }[]; ink: Ink[] }
/** A drawn glyph, and where its outline starts above its baseline (em of its font), from the embedded font program. */
interface Ink { page: number; unicode: string; bottomEm: number }

/** Text items with their size, the structure tree's roles per page, and the separator rules drawn. */
async function read(bytes: Uint8Array): Promise<Read> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: Read = { items: [], pageHeight: 0, pageWidth: 0, roles: [], rules: [], ink: [] };
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const vp = page.getViewport({ scale: 1 });
    out.pageHeight = vp.height;
    out.pageWidth = vp.width;
    for (const it of (await page.getTextContent()).items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      out.items.push({ page: p, text: it.str, x: it.transform[4]!, y: vp.height - it.transform[5]!, width: it.width, size: Math.hypot(it.transform[2]!, it.transform[3]!) });
    }
    const roles: string[] = [];
    const walk = (n: { role?: string; children?: unknown[] } | null): void => {
      if (!n) return;
      if (n.role) roles.push(n.role);
      for (const c of n.children ?? []) walk(c as { role?: string; children?: unknown[] });
    };
    walk((await page.getStructTree()) as never);
    out.roles.push(roles);
  }
  await pdf.destroy();
  out.rules = await rules(bytes);
  out.ink = await ink(bytes);
  return out;
}

/** The little of fontkit (pdfkit's font reader) read here. */
interface FontkitFont { unitsPerEm: number; getGlyph(id: number): { bbox: { minY: number } } }
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): FontkitFont };

/** Every drawn glyph's ink bottom: the embedded subsets (FontFile2) read with fontkit, by BaseFont. */
async function ink(bytes: Uint8Array): Promise<Ink[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts = new Map<string, FontkitFont>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype'))?.toString() !== '/CIDFontType2') continue;
    const descriptor = doc.context.lookup(obj.get(PDFName.of('FontDescriptor'))) as PDFDict;
    const file = doc.context.lookup(descriptor.get(PDFName.of('FontFile2')));
    if (!(file instanceof PDFRawStream)) continue;
    fonts.set(obj.get(PDFName.of('BaseFont'))!.toString().slice(1), fontkit.create(Buffer.from(decodePDFRawStream(file).decode())));
  }
  return (await drawnGlyphs(bytes)).flatMap((g) => {
    const font = fonts.get(g.font);
    return font ? [{ page: g.page, unicode: g.unicode, bottomEm: font.getGlyph(g.code).bbox.minY / font.unitsPerEm }] : [];
  });
}

/**
 * Horizontal lines stroked in each page's content (`x y m x y l`, as pdfkit
 * writes pdfmake's canvas lines), from the top of the page. Read with pdf-lib:
 * pdf.js gives no path coordinates under Node.
 */
async function rules(bytes: Uint8Array): Promise<Read['rules']> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: Read['rules'] = [];
  doc.getPages().forEach((page, i) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = doc.context.lookup(ref as never);
      if (!(stream instanceof PDFRawStream)) continue;
      const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      // pdfkit flips the page (1 0 0 -1 0 H cm), so y is from the top already.
      for (const m of ops.matchAll(/(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l/g)) {
        const [x1, y1, x2, y2] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
        if (Math.abs(y1 - y2) < 0.5 && Math.abs(x2 - x1) > 20) out.push({ page: i + 1, x1: Math.min(x1, x2), x2: Math.max(x1, x2), y: y1 });
      }
    }
  });
  return out;
}

const collapse = (s: string): string => s.normalize('NFC').replace(/[\u200e\u200f\u00a0\s]+/g, ' ').trim();

const cases: { lang: 'ar' | 'en'; digits: 'arabic-indic' | 'decimal'; body: number }[] = [
  { lang: 'ar', digits: 'arabic-indic', body: 14 },
  { lang: 'en', digits: 'decimal', body: 12 },
];

describe.each(cases)('footnotes of a long resolution ($lang)', ({ lang, digits, body }) => {
  let data: ResolutionData;
  let got: Read;
  let pages: ReadonlyMap<number, number>;
  let diagnostics: string[];
  let attempts: number;

  beforeAll(async () => {
    data = longResolution(lang);
    const { model } = await loadDocument(writeData(data, `cfm-notes.${lang}.json`), { templatesDir: 'templates' });
    const r = await renderPdf(model);
    pages = r.flow.notePages;
    attempts = r.flow.noteAttempts;
    diagnostics = r.diagnostics.map((d) => `${d.code}: ${d.message}`);
    got = await read(r.bytes);
    if (process.env['FOOTNOTES_PDF_OUT']) (await import('node:fs')).writeFileSync(`${process.env['FOOTNOTES_PDF_OUT']}/notes.${lang}.pdf`, r.bytes);
  }, 180_000);

  const markerOf = (n: number): string => formatNumber(n, digits);
  /** Items of a page that belong to the notes' area: below its separator rule. */
  const ruleOf = (page: number) => got.rules.find((r) => r.page === page && r.y > got.pageHeight / 2);

  it('sets every note, with no warning, on more than one page', () => {
    const notes = notesOf(data);
    expect(notes.length).toBeGreaterThan(15);
    expect([...pages.keys()].sort((a, b) => a - b)).toEqual(notes.map((_, i) => i + 1));
    expect(new Set(pages.values()).size).toBeGreaterThan(2);
    expect(diagnostics.filter((d) => d.startsWith('FOOTNOTE'))).toEqual([]);
    // Markers fell on pages' last lines: the body was laid out again, a bounded number of times.
    console.log(`${lang}: ${notesOf(data).length} notes on ${new Set(pages.values()).size} pages, ${attempts} layouts`);
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
  });

  it("draws each note's marker, raised and smaller, on the page where its text is", () => {
    notesOf(data).forEach((_, i) => {
      const n = i + 1;
      const page = pages.get(n)!;
      const rule = ruleOf(page);
      expect(rule, `separator of page ${page}`).toBeDefined();
      const markers = got.items.filter((it) => collapse(it.text) === markerOf(n) && it.size < body * 0.8);
      // Once in the text (above the rule), once before the note (below it), both on the note's page.
      const inText = markers.filter((m) => m.y < rule!.y);
      const inNotes = markers.filter((m) => m.y > rule!.y);
      expect(inText.map((m) => m.page), `marker ${n} in the text`).toEqual([page]);
      expect(inNotes.map((m) => m.page), `marker ${n} before its note`).toEqual([page]);
      // On the line's baseline (pdf.js read a number on a baseline of its own as a line end:
      // `10/44-س١ ؛`), its glyphs raised in their outlines (shifted variants, glyph-runs.ts).
      const line = got.items.filter((it) => it.page === page && it.size >= body * 0.95 && Math.abs(it.y - inText[0]!.y) < body);
      expect(line.length).toBeGreaterThan(0);
      expect(line.some((l) => Math.abs(l.y - inText[0]!.y) < 0.01)).toBe(true);
      // Raised: the ink of each of its digits starts half its em above the baseline (rise 0.33 of the
      // body, the number 0.65 of it); a digit in the text sits on the baseline.
      for (const digit of markerOf(n)) {
        const bottoms = got.ink.filter((g) => g.page === page && g.unicode === digit).map((g) => g.bottomEm);
        expect(Math.max(...bottoms), `marker ${n}, digit ${digit}`).toBeGreaterThan(0.4);
      }
    });
  });

  it("puts the notes below the page's last line of text and above the footer, each of its words found on that page", () => {
    notesOf(data).forEach((note, i) => {
      const page = pages.get(i + 1)!;
      const rule = ruleOf(page)!;
      const items = got.items.filter((it) => it.page === page);
      const textLines = items.filter((it) => it.y < rule.y);
      const bottom = got.pageHeight - 70.87;
      const noteLines = items.filter((it) => it.y > rule.y && it.y <= bottom);
      expect(Math.max(...textLines.map((t) => t.y))).toBeLessThan(rule.y);
      // Below the text area's bottom edge: only the footer's page number (the notes never reach into it).
      expect(items.filter((it) => it.y > bottom).map((it) => collapse(it.text))).toEqual([formatNumber(page, 'decimal')]);
      // Items one after another as pdf.js's find joins them (a bidi unit of a line is an item of its own), a space between lines.
      const found = collapse(noteLines.map((t, k) => (k > 0 && Math.abs(t.y - noteLines[k - 1]!.y) > 1 ? ' ' : '') + t.text).join(''));
      for (const word of collapse(note.text).split(' ')) {
        // Edge punctuation aside: pdf.js's own bidi moves a neutral at the end of a left-to-right
        // run inside Arabic (a URL's final `/`, a parenthesis) to its other end, as in body text
        // or a telephone number's `+` (`966+`), as in body text (docs/text-engine.md, known
        // limits); the glyphs are drawn in the right order (the PNGs, LibreOffice).
        const bare = word.replace(/^[(«"/+]+|[)/.,،:؛»"+]+$/g, '');
        if (bare === '') continue;
        expect(found.includes(bare), `"${bare}" of note ${i + 1} on page ${page}`).toBe(true);
      }
    });
  });

  it(`hangs each note's number at the ${lang === 'ar' ? 'right' : 'left'} margin, every line of the note aligned after it`, () => {
    const margin = 70.87;
    const edge = (its: Item[]): number => (lang === 'ar' ? Math.max(...its.map((i) => i.x + i.width)) : Math.min(...its.map((i) => i.x)));
    const fromMargin = (x: number): number => (lang === 'ar' ? got.pageWidth - margin - x : x - margin);
    let wrapped = 0;
    for (const page of new Set(pages.values())) {
      const rule = ruleOf(page)!;
      const below = got.items.filter((it) => it.page === page && it.y > rule.y && it.y <= got.pageHeight - margin);
      // Lines by baseline (a raised number is within a third of the size of its line's).
      const lines: Item[][] = [];
      for (const it of [...below].sort((a, b) => a.y - b.y)) {
        const line = lines.find((l) => Math.abs(l[0]!.y - it.y) < 4);
        if (line) line.push(it);
        else lines.push([it]);
      }
      const numbers = lines.map((l) => l.filter((i) => /^[0-9٠-٩]+$/.test(collapse(i.text)) && i.size < body * 0.7));
      const texts = lines.map((l, i) => l.filter((it) => !numbers[i]!.includes(it)));
      const starts = texts.map((t) => fromMargin(edge(t)));
      // The numbers flush with the margin; every line's text, first or not, one indent in.
      for (const n of numbers.filter((n) => n.length > 0)) expect(fromMargin(edge(n))).toBeCloseTo(0, 0);
      const indent = starts[0]!;
      expect(indent).toBeGreaterThan(4);
      for (const s of starts) expect(s, `page ${page}`).toBeCloseTo(indent, 0);
      wrapped += numbers.filter((n) => n.length === 0).length;
    }
    // The long notes run to three lines: their second and third lines are indented too.
    expect(wrapped).toBeGreaterThan(3);
  });

  it('reads the notes as typed letters: no presentation forms, no U+200B', () => {
    const all = got.items.map((i) => i.text).join('');
    expect(/[\ufb50-\ufdff\ufe70-\ufeff]/.test(all)).toBe(false);
    expect(all.includes('\u200b')).toBe(false);
  });

  it(`draws the separator at the ${lang === 'ar' ? 'right' : 'left'} margin, a third of the text width`, () => {
    const width = got.pageWidth - 2 * 70.87;
    for (const page of new Set(pages.values())) {
      const rule = ruleOf(page)!;
      expect(rule.x2 - rule.x1).toBeCloseTo(width / 3, 0);
      if (lang === 'ar') expect(rule.x2).toBeCloseTo(got.pageWidth - 70.87, 0);
      else expect(rule.x1).toBeCloseTo(70.87, 0);
    }
  });

  it('tags each note as a Note structure element, after the paragraphs of its page', () => {
    const roles = got.roles.flat();
    expect(roles.filter((r) => r === 'Note').length).toBe(notesOf(data).length);
    for (const page of new Set(pages.values())) {
      const r = got.roles[page - 1]!;
      expect(r.lastIndexOf('P')).toBeLessThan(r.indexOf('Note'));
    }
  });
});

describe('a footnote longer than the room at the foot of a page', () => {
  it('is reported: a warning naming the page, the note and its data field, what to do', async () => {
    // A secretary pastes a whole paragraph of background into one note of the English resolution.
    const data = JSON.parse(readFileSync('data/cfm-45-2018-res-10.en.json', 'utf8')) as ResolutionData;
    const long = Array.from({ length: 14 }, (_, i) => `Background ${i + 1}: the Council of Foreign Ministers, at its sessions since 1993, has adopted resolutions on the aggression (see https://www.oic-oci.org/ or write to info@oic-oci.org).`).join(' ');
    data.preamble = data.preamble.map((p, i) => (i === 2 ? { ...p, notes: [{ text: long }] } : { lead: p.lead, text: p.text }));
    const { model } = await loadDocument(writeData(data, 'cfm-long-note.en.json'), { templatesDir: 'templates' });
    const r = await renderPdf(model);
    const warnings = r.diagnostics.filter((d) => d.code === 'FOOTNOTE');
    expect(warnings).toHaveLength(1);
    const page = r.flow.notePages.get(1)!;
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.message).toContain(`the footnotes of page ${page} (footnote 1 (/preamble/2/notes/0/text))`);
    expect(warnings[0]!.message).toMatch(/do not fit at its foot: they overlap its text \(a footnote is not continued on the next page\); shorten footnote 1 \(\/preamble\/2\/notes\/0\/text\), or split it/);
    expect(warnings[0]!.source?.pointer).toBe('/preamble/2/notes/0/text');
  }, 120_000);
});
