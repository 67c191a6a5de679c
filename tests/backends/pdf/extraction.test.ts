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
  { name: 'fixtures', model: async () => fixturesModel },
  ...['report-ar', 'report-en'].map((name) => ({
    name,
    model: async () => (await loadDocument(`tests/fixtures/docs/${name}.json`, { templatesDir: 'tests/fixtures/templates' })).model,
  })),
];

/** The logical text of every body paragraph, as typed (isolates dropped, forced breaks as spaces). */
const typed = (t: string): string => t.replace(/[\u2066-\u2069]/g, '').replace(/\u2028/g, ' ');

const results = new Map<string, Record<Extractor, Measure | undefined>>();

beforeAll(async () => {
  for (const d of DOCS) {
    const model = await d.model();
    const r = await renderWithDump(model);
    const paragraphs = r.dump.filter((e) => !e.running).map((e) => typed(e.paragraph.text)).filter((t) => t.trim() !== '');
    const { page } = model;
    const texts = await readBack(r.bytes, { top: page.margins.top - 2, bottom: page.height - page.margins.bottom + 2 }, page.width);
    const row = {} as Record<Extractor, Measure | undefined>;
    for (const x of EXTRACTORS) row[x] = texts[x] === undefined ? undefined : measure(texts[x], paragraphs);
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

describe.each(DOCS.map((d) => d.name))('copy and search in %s', (name) => {
  const row = (): Record<Extractor, Measure | undefined> => results.get(name)!;

  it.each(EXTRACTORS)('%s extracts no U+200B', (x) => {
    const m = row()[x];
    if (!m) return;
    expect(m.zeroWidthSpaces).toBe(0);
  });

  it.each(['pdf.js', 'PDFium', 'poppler'] as const)('%s finds every word of the source by search', (x) => {
    const m = row()[x];
    if (!m) return;
    expect(m.missedWords).toEqual([]);
  });

  it.each(['pdf.js', 'PDFium'] as const)('%s gives back every paragraph verbatim', (x) => {
    const m = row()[x];
    expect(m!.missedParagraphs).toEqual([]);
  });
});
