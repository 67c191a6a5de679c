/**
 * The model of pdf.js's reading (src/backends/pdf/pdfjs-reading.ts) against
 * pdf.js itself: for every text object (BT … ET) of real PDFs, the model's
 * reading of its glyphs' ToUnicode text is one of the items pdf.js gives.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/pipeline.js';
import { renderPdf } from '../../../src/backends/pdf/index.js';
import { itemString, pdfjsReading } from '../../../src/backends/pdf/pdfjs-reading.js';
import { fixturesModel } from './fixtures.js';

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function agreement(bytes: Uint8Array): Promise<{ same: number; total: number; differ: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let same = 0;
  let total = 0;
  const differ: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const ops = await page.getOperatorList();
    const objects: string[] = [];
    let cur: number[][] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] === pdfjs.OPS.beginText) {
        if (cur.length) objects.push(itemString(cur));
        cur = [];
      } else if (ops.fnArray[i] === pdfjs.OPS.showText) {
        for (const g of ops.argsArray[i]![0] as unknown[]) if (typeof g === 'object' && g !== null) cur.push(Array.from((g as { unicode: string }).unicode, (c) => c.codePointAt(0)!));
      }
    }
    if (cur.length) objects.push(itemString(cur));
    const tc = await page.getTextContent({ disableNormalization: true });
    const items = new Set((tc.items as { str?: string }[]).map((x) => collapse(x.str ?? '')).filter((x) => x !== ''));
    for (const o of objects) {
      const read = collapse(pdfjsReading(o));
      if (read === '') continue;
      total++;
      if (items.has(read)) same++;
      else differ.push(read);
    }
  }
  await pdf.destroy();
  return { same, total, differ };
}

describe('the model of pdf.js reading a text item', () => {
  it('reads each text object of the annex, the engine fixtures and the Arabic report as pdf.js does (95% at least)', async () => {
    const models = [
      (await loadDocument('data/acm-2018-azer-rep-annex-v.json')).model,
      fixturesModel,
      (await loadDocument('tests/fixtures/docs/report-ar.json', { templatesDir: 'tests/fixtures/templates' })).model,
    ];
    let same = 0;
    let total = 0;
    for (const m of models) {
      const a = await agreement((await renderPdf(m)).bytes);
      same += a.same;
      total += a.total;
    }
    // The rest: lines pdf.js itself cuts into several items (a gap wider than it takes for a space).
    expect(total).toBeGreaterThan(150);
    expect(same / total).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('takes an en dash for a left-to-right letter, as pdf.js does: a range drawn 14–12 reads 14–12', () => {
    // Drawn left to right in a right-to-left line: `مايو 12–14` is drawn `14–12 ويام`.
    expect(pdfjsReading('14–12 ويام')).toBe('مايو 14–12');
    // A hyphen-minus between digits joins them into one number, kept as drawn too.
    expect(pdfjsReading('14-12 ويام')).toBe('مايو 14-12');
  });

  it('reads an item without right-to-left letters as drawn, and deletes < and > from a right-to-left one', () => {
    expect(pdfjsReading('+90 312 294 5710')).toBe('+90 312 294 5710');
    expect(pdfjsReading('<b> ةملك')).toBe('كلمة b');
  });

  it('skips glyphs mapped to format characters only, and reads RLM + space as a character', () => {
    expect(itemString([[0x627], [0x200f], [0x20], [0x200f, 0x20], [0x628]])).toBe('ا \u200f ب');
  });
});
