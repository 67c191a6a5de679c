/**
 * Marks (harakat, tanween, shadda) and the second part of a split letter
 * have no advance and sit at an offset from the pen. They are drawn as
 * shifted variants (glyph-runs.ts, subset-glyphs.ts): the mark's outline
 * moved inside a composite glyph of the subset, drawn at the pen, so the
 * word stays one text object. Drawn at their own text matrix they were text
 * objects of their own, and PDFium (Chrome, Edge) took one whose box does
 * not overlap its neighbours' for a new line: `تُرسل` copied as
 * `رسل` / `ُ` / `ت`, and the fully vocalized fixture came out in pieces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentModel, ParagraphNode } from '../../../src/model/index.js';
import { shiftGlyphs } from '../../../src/backends/pdf/subset-glyphs.js';
import { installVariants, shifted } from '../../../src/backends/pdf/variants.js';
import { pdfiumPages } from '../../helpers/pdfium.js';
import { collapse, extractItems, joinItems } from '../../helpers/pdf.js';
import { normalize, withoutMarks } from '../../helpers/extractors.js';
import { fixturesModel } from './fixtures.js';
import { renderWithDump } from './util.js';

const VOCALIZED = [
  'تُرسل المراسلات إلى البريد قبل 30 أبريل.',
  'تُعقد الدورة في إسلام آباد، ويمكن تنزيل الوثائق مجانًا.',
  'إِنَّ الْحَمْدَ لِلَّهِ نَحْمَدُهُ وَنَسْتَعِينُهُ وَنَسْتَغْفِرُهُ، وَنَعُوذُ بِاللَّهِ مِنْ شُرُورِ أَنْفُسِنَا.',
];

const P = (value: string): ParagraphNode => ({ type: 'paragraph', children: [{ type: 'text', value }] });
const model: DocumentModel = { ...fixturesModel, sections: [{ name: 'body', blocks: VOCALIZED.map(P) }] };

let bytes: Uint8Array;
beforeAll(async () => {
  bytes = (await renderWithDump(model)).bytes;
});

describe('marks drawn in their word', () => {
  it('no text object starts with a mark: every mark is drawn at the pen, in the run of its letters', async () => {
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const ops = await page.getOperatorList();
    let shows = 0;
    const startingWithMark: string[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.showText) continue;
      shows++;
      const first = (ops.argsArray[i] as unknown[][])[0]!.find((g) => typeof g === 'object' && g !== null) as { unicode: string } | undefined;
      if (first && /^\p{Mn}+$/u.test(first.unicode)) startingWithMark.push(first.unicode);
    }
    await pdf.destroy();
    expect(shows).toBeGreaterThan(0);
    expect(startingWithMark).toEqual([]);
  });

  it('PDFium (Chrome, Edge) copies each vocalized line in one piece, words in reading order', async () => {
    const text = normalize((await pdfiumPages(bytes)).join('\n').replace(/\r\n/g, ' '));
    // Diacritics ignored, as Chrome's find does: PDFium reverses the order of two marks drawn as one glyph.
    for (const p of VOCALIZED) expect(withoutMarks(text)).toContain(withoutMarks(p));
    // With them, the lines whose marks are one per glyph come out as typed.
    expect(text).toContain(normalize(VOCALIZED[0]!));
  });

  it('pdf.js (Firefox) still reads every vocalized paragraph as typed', async () => {
    const read = collapse(joinItems(await extractItems(bytes)));
    for (const p of VOCALIZED) expect(normalize(read)).toContain(normalize(p));
  });
});

/** The little of fontkit (pdfkit's font reader) this test reads a subset with. */
interface Glyph { id: number; advanceWidth: number; bbox: { minX: number; minY: number; maxX: number; maxY: number }; path: { commands: { command: string; args: number[] }[] } }
interface Font { maxp: { maxComponentDepth: number }; glyphForCodePoint(c: number): Glyph; getGlyph(id: number): Glyph; createSubset(): { glyphs: number[]; includeGlyph(g: number): number; encode(): Uint8Array } }
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): Font };

describe('shifted glyphs in the subset', () => {
  it('are not used where the subset cannot write them (a CFF font): there the offsets are drawn as before', () => {
    const damma = { id: 7, xAdvance: 0, xOffset: -120, yOffset: 300, advance: 0, text: '\u064f' };
    // A subset with glyphs and includeGlyph, as fontkit's CFF subset has, and no TrueType _addGlyph.
    const cff = { glyphs: [0], includeGlyph: () => 0 };
    const state = installVariants(cff)!;
    expect(shiftGlyphs(cff, () => undefined)).toBe(false);
    expect(shifted(state, damma)).toBe(false);
    state.canShift = true;
    expect(shifted(state, damma)).toBe(true);
  });

  const file = 'node_modules/@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf';
  it('a shifted slot is a composite of the original glyph moved by (dx, dy), with its advance', () => {
    const font = fontkit.create(readFileSync(file));
    const damma = font.glyphForCodePoint(0x064f);
    const subset = font.createSubset();
    const slot = subset.glyphs.length;
    subset.glyphs.push(damma.id); // a variant's slot, as glyph-runs.ts adds it
    shiftGlyphs(subset, (s) => (s === slot ? { dx: -150, dy: 230 } : undefined));
    const out = fontkit.create(Buffer.from(subset.encode()));
    const moved = out.getGlyph(slot);
    const original = damma.bbox;
    const box = [moved.bbox.minX, moved.bbox.minY, moved.bbox.maxX, moved.bbox.maxY];
    [original.minX - 150, original.minY + 230, original.maxX - 150, original.maxY + 230].forEach((v, k) => expect(box[k]).toBeCloseTo(v, 1));
    expect(moved.advanceWidth).toBe(damma.advanceWidth);
    // Its outline is the original's, point for point, moved.
    const at = (g: Glyph, dx: number, dy: number): string => g.path.commands.map((c) => `${c.command}:${c.args.map((v, k) => v + (k % 2 === 0 ? dx : dy)).join(',')}`).join(' ');
    expect(at(moved, 0, 0)).toBe(at(damma, -150, 230));
    // One level of components more than the font's own composites: the subset's maxp says so.
    expect(out.maxp.maxComponentDepth).toBe(fontkit.create(readFileSync(file)).maxp.maxComponentDepth + 1);
  });
});
