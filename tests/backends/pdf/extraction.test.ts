/**
 * Copy and search in the viewers people use, measured on the real PDF with
 * the extractors themselves: pdf.js (Firefox), PDFium (Chrome, Edge), poppler
 * (Evince, Okular, pdftotext) and MuPDF. Per document: the % of body
 * paragraphs recovered verbatim, the % of the source's distinct words a
 * search finds, and no U+200B anywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  for (const d of DOCS) {
    const model = await d.model();
    const r = await renderWithDump(model);
    // Paragraphs as printed, a footnote's number in its place (a viewer copies it with the text: `… 10/44-POL1;`);
    // words as typed: a footnote's number is not the data's text. The notes are paragraphs of their own.
    const body = r.dump.filter((e) => !e.running);
    const paragraphs = body.map((e) => typed(e.paragraph.text).trim()).filter((t) => t !== '');
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
