/**
 * The annex against its source: every Arabic word of the official text
 * (tests/fixtures/seed-annex-v.txt, as extracted from the OIC's PDF) is in
 * the text of both outputs — the PDF as pdf.js reads it, the DOCX as Word
 * stores it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/backends/pdf/index.js';
import { docxBackend } from '../../src/backends/docx/index.js';
import { loadDocument } from '../../src/pipeline.js';
import { extractItems, joinItems } from '../helpers/pdf.js';
import { unzipDocx } from '../backends/docx/word.js';

/** Arabic words of the seed; `بعنوان` is the cover's typo of the original (see LAYOUT.md), held once as `بعدوان`. */
function seedWords(): string[] {
  const seed = readFileSync(new URL('../fixtures/seed-annex-v.txt', import.meta.url), 'utf8');
  const words = seed.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{Mn}]+$/gu, '')).filter((w) => /\p{Script=Arabic}/u.test(w));
  return [...new Set(words)].filter((w) => w !== 'بعنوان');
}
const bare = (s: string): string => s.replace(/\p{Mn}/gu, '').replace(/\s+/g, ' ');

let pdfText = '';
let docxText = '';
beforeAll(async () => {
  const { model, bytes } = await loadDocument('data/acm-2018-azer-rep-annex-v.json');
  const pdf = await renderPdf(model);
  pdfText = joinItems(await extractItems(pdf.bytes));
  const docx = await docxBackend.render(model, { sourceData: bytes });
  const xml = new TextDecoder().decode((await unzipDocx(docx.bytes)).get('word/document.xml'));
  docxText = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
});

describe('every Arabic word of the seed', () => {
  const words = seedWords();
  it('is a real list', () => {
    expect(words.length).toBeGreaterThan(400);
  });
  it('is in the PDF text (pdf.js)', () => {
    const text = bare(pdfText);
    expect(words.filter((w) => !text.includes(bare(w)))).toEqual([]);
  });
  it('is in the DOCX text', () => {
    expect(words.filter((w) => !docxText.includes(w))).toEqual([]);
  });
});
