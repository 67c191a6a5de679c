/**
 * Copy and search in the viewers people use, measured on the real PDF with
 * the extractors themselves: pdf.js (Firefox), PDFium (Chrome, Edge), poppler
 * (Evince, Okular, pdftotext) and MuPDF. Per document: the % of body
 * paragraphs recovered verbatim, the % of the source's distinct words a
 * search finds, and no U+200B anywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDocument } from '../../../src/pipeline.js';
import type { DocumentModel } from '../../../src/model/index.js';
import { EXTRACTORS, type Extractor, type Measure, hasMupdf, hasPoppler, measure, readBack } from '../../helpers/extractors.js';
import { fixturesModel } from './fixtures.js';
import { renderWithDump } from './util.js';

if (!hasPoppler) console.warn('extraction tests: pdftotext not found (apt package poppler-utils): poppler skipped');
if (!hasMupdf) console.warn('extraction tests: mutool not found (apt package mupdf-tools): MuPDF skipped');

interface Doc { readonly name: string; readonly model: () => Promise<DocumentModel> }
const DOCS: readonly Doc[] = [
  { name: 'annex', model: async () => (await loadDocument('data/acm-2018-azer-rep-annex-v.json')).model },
  // The other languages and the second template (issue 15: the text checks hold for all of them).
  ...['acm-2018-azer-rep-annex-v.en', 'acm-2018-azer-rep-annex-v.fr', 'cfm-45-2018-res-10.ar', 'cfm-45-2018-res-10.en'].map((name) => ({
    name, model: async () => (await loadDocument(`data/${name}.json`)).model,
  })),
  { name: 'fixtures', model: async () => fixturesModel },
  ...['report-ar', 'report-en'].map((name) => ({
    name,
    model: async () => (await loadDocument(`tests/fixtures/docs/${name}.json`, { templatesDir: 'tests/fixtures/templates' })).model,
  })),
];

/** The logical text of every body paragraph, as typed (isolates dropped, forced breaks as spaces). */
const typed = (t: string): string => t.replace(/[\u2066-\u2069]/g, '').replace(/\u2028/g, ' ');

/** The text without its footnote numbers. */
function withoutMarkers(text: string, markers: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const m of [...markers].sort((a, b) => b.start - a.start)) out = out.slice(0, m.start) + out.slice(m.end);
  return out;
}

const results = new Map<string, Record<Extractor, Measure | undefined>>();
/** Every document's body paragraphs and their directions, as the PDF prints them (for Chromium's page of the same text). */
const printed = new Map<string, { page: DocumentModel['page']; paragraphs: { text: string; rtl: boolean }[] }>();

beforeAll(async () => {
  for (const d of DOCS) {
    const model = await d.model();
    const r = await renderWithDump(model);
    // Paragraphs as printed, a footnote's number in its place (a viewer copies it with the text: `… 10/44-POL1;`);
    // words as typed: a footnote's number is not the data's text. The notes are paragraphs of their own.
    const body = r.dump.filter((e) => !e.running);
    const paragraphs = body.map((e) => typed(e.paragraph.text).trim()).filter((t) => t !== '');
    printed.set(d.name, { page: model.page, paragraphs: body.map((e) => ({ text: typed(e.paragraph.text).trim(), rtl: e.paragraph.paragraphLevel % 2 === 1 })).filter((p) => p.text !== '') });
    const asTyped = body.map((e) => typed(withoutMarkers(e.paragraph.text, e.markers)).trim()).filter((t) => t !== '');
    const { page } = model;
    const texts = await readBack(r.bytes, { top: page.margins.top - 2, bottom: page.height - page.margins.bottom + 2 }, page.width);
    const row = {} as Record<Extractor, Measure | undefined>;
    for (const x of EXTRACTORS) row[x] = texts[x] === undefined ? undefined : measure(texts[x], paragraphs, asTyped);
    results.set(d.name, row);
  }
  const lines = ['document  extractor  paragraphs-verbatim%  words-found%  words-found-ignoring-diacritics%'];
  for (const [name, row] of results) for (const x of EXTRACTORS) {
    const m = row[x];
    lines.push(`${name.padEnd(9)} ${x.padEnd(10)} ${m ? `${m.paragraphsPct}  ${m.wordsPct}  ${m.wordsNoMarksPct}` : 'not installed'}`);
  }
  console.log(lines.join('\n'));
  if (process.env['SHOW_MISSES']) for (const [name, row] of results) for (const x of EXTRACTORS) console.log(name, x, JSON.stringify(row[x]?.missedWords), '\n', JSON.stringify(row[x]?.missedParagraphs.slice(0, 4)));
}, 120_000);

/**
 * Issue #11's goals are 100% of words found in pdf.js, PDFium and poppler and
 * 100% of paragraphs verbatim in pdf.js and PDFium. Not all are reached (see
 * the README, "Copy and search"): below, what each extractor reaches today,
 * as floors that a change may raise and must not lower. [paragraphs verbatim,
 * words found, words found with diacritics ignored], in %. A change to a
 * document (a new fixture paragraph) sets its row anew, README included.
 */
const FLOORS: Record<string, Partial<Record<Extractor, readonly [number, number, number]>>> = {
  annex: { 'pdf.js': [100, 100, 100], PDFium: [84.2, 99.8, 100], poppler: [47.4, 99.3, 99.3], MuPDF: [10.5, 5.2, 5.2] },
  fixtures: { 'pdf.js': [90, 98.9, 98.9], PDFium: [40, 93.4, 97.8], poppler: [30, 96.7, 96.7], MuPDF: [10, 39.6, 40.7] },
  'acm-2018-azer-rep-annex-v.en': { 'pdf.js': [100, 100, 100], PDFium: [100, 100, 100], poppler: [94.7, 100, 100], MuPDF: [100, 100, 100] },
  'acm-2018-azer-rep-annex-v.fr': { 'pdf.js': [100, 100, 100], PDFium: [100, 100, 100], poppler: [100, 100, 100], MuPDF: [100, 100, 100] },
  'cfm-45-2018-res-10.ar': { 'pdf.js': [100, 100, 100], PDFium: [60, 95.8, 95.8], poppler: [60, 95.8, 95.8], MuPDF: [5, 9.1, 9.7] },
  'cfm-45-2018-res-10.en': { 'pdf.js': [100, 100, 100], PDFium: [100, 100, 100], poppler: [100, 100, 100], MuPDF: [90, 100, 100] },
  'report-ar': { 'pdf.js': [95.8, 99.3, 99.3], PDFium: [25, 95.6, 95.6], poppler: [20.8, 97.8, 97.8], MuPDF: [0, 25.5, 25.5] },
  'report-en': { 'pdf.js': [100, 100, 100], PDFium: [29.2, 97.1, 97.1], poppler: [25, 96.4, 96.4], MuPDF: [25, 77, 77] },
};

const installed = (x: Extractor): boolean => (x === 'poppler' ? hasPoppler : x === 'MuPDF' ? hasMupdf : true);

describe.each(DOCS.map((d) => d.name))('copy and search in %s', (name) => {
  const measured = (x: Extractor): Measure => results.get(name)![x]!;

  for (const x of EXTRACTORS) {
    it.skipIf(!installed(x))(`${x} extracts no U+200B`, () => {
      expect(measured(x).zeroWidthSpaces).toBe(0);
    });

    it.skipIf(!installed(x) || !FLOORS[name]?.[x])(`${x} recovers at least what it did (paragraphs, words, words without diacritics)`, () => {
      const m = measured(x);
      const floor = FLOORS[name]![x]!;
      expect([m.paragraphsPct, m.wordsPct, m.wordsNoMarksPct].map((v, i) => v >= floor[i]!)).toEqual([true, true, true]);
    });
  }
});

describe('copy and search in the annex', () => {
  it.each(['pdf.js', 'PDFium'] as const)('%s finds every word of the annex by search (diacritics ignored, as the viewers do)', (x) => {
    const m = results.get('annex')![x]!;
    expect(m.wordsNoMarksPct).toBe(100);
  });
});

/**
 * The same text printed by Chromium (HTML: Amiri 14 pt, justified, each paragraph in its direction, the
 * document's page size and margins) and read by the same extractors: issue #11 asks poppler for paragraphs at
 * least as good as Chromium's PDF of the same text, and the project should not read worse than it anywhere.
 * Chromium's figures are measured once and committed (tests/backends/pdf/expected/chromium-extraction.json), so
 * `npm test` needs no browser: `UPDATE_CHROMIUM=1 npx vitest run tests/backends/pdf/extraction.test.ts` with
 * Debian's chromium installed measures them again.
 */
const CHROMIUM_FILE = 'tests/backends/pdf/expected/chromium-extraction.json';
type Figures = Record<string, Partial<Record<Extractor, readonly [number, number]>>>;

async function measureChromium(): Promise<Figures> {
  const require = createRequire(import.meta.url);
  const face = (p: string): string => pathToFileURL(require.resolve(`@expo-google-fonts/amiri/${p}`)).href;
  const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const dir = mkdtempSync(join(tmpdir(), 'oic-chromium-'));
  const out: Figures = {};
  try {
    for (const [name, { page, paragraphs }] of printed) {
      const m = page.margins;
      const html = `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face { font-family: Amiri; src: url("${face('400Regular/Amiri_400Regular.ttf')}"); }
@font-face { font-family: Amiri; font-weight: bold; src: url("${face('700Bold/Amiri_700Bold.ttf')}"); }
@page { size: ${page.width}pt ${page.height}pt; margin: ${m.top}pt ${m.right}pt ${m.bottom}pt ${m.left}pt; }
body { font-family: Amiri; font-size: 14pt; line-height: 1.15; text-align: justify; margin: 0; } p { margin: 0 0 8pt; }
</style></head><body>
${paragraphs.map((p) => `<p dir="${p.rtl ? 'rtl' : 'ltr'}">${esc(p.text)}</p>`).join('\n')}
</body></html>`;
      const file = join(dir, `${name}.html`);
      const pdf = join(dir, `${name}.pdf`);
      writeFileSync(file, html);
      const r = spawnSync(process.env['CHROMIUM'] ?? 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, pathToFileURL(file).href], { encoding: 'utf8' });
      if (r.status !== 0 || !existsSync(pdf)) throw new Error(`chromium failed: ${r.error?.message ?? r.stderr}`);
      const texts = await readBack(readFileSync(pdf), { top: m.top - 2, bottom: page.height - m.bottom + 2 }, page.width);
      const row: Partial<Record<Extractor, readonly [number, number]>> = {};
      for (const x of EXTRACTORS) {
        const t = texts[x];
        if (t === undefined) continue;
        const c = measure(t, paragraphs.map((p) => p.text));
        row[x] = [c.paragraphsPct, c.wordsNoMarksPct];
      }
      out[name] = row;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

describe('against Chromium\'s PDF of the same text', () => {
  let chromium: Figures = {};
  beforeAll(async () => {
    if (process.env['UPDATE_CHROMIUM']) writeFileSync(CHROMIUM_FILE, `${JSON.stringify(await measureChromium(), null, 1)}\n`);
    chromium = JSON.parse(readFileSync(CHROMIUM_FILE, 'utf8')) as Figures;
  }, 300_000);

  for (const x of ['pdf.js', 'PDFium', 'poppler'] as const) {
    it.skipIf(!installed(x)).each(DOCS.map((d) => d.name))(`${x} reads %s at least as well as Chromium's PDF of the same text`, (name) => {
      const theirs = chromium[name]?.[x];
      expect(theirs, `no Chromium figures for ${name}: run with UPDATE_CHROMIUM=1`).toBeDefined();
      const ours = results.get(name)![x]!;
      // Paragraphs verbatim, and words found with diacritics ignored (as the viewers' find).
      expect(ours.paragraphsPct).toBeGreaterThanOrEqual(theirs![0]);
      expect(ours.wordsNoMarksPct).toBeGreaterThanOrEqual(theirs![1]);
    });
  }
});
